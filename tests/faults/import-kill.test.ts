/**
 * SIGKILL of `rapport import` at a random point, on both engines (issue 21's fault suite): what was
 * committed before the kill is whole (no half batch), and rerunning the import ends with exact
 * counts, threads and first-response times: nothing lost, nothing doubled.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../support/channel-contract.js';
import { testEngines } from '../support/engines.js';
import { DUMP_IMPORT_ARGS, generateSupportDump, toCsv } from '../support/support-dump.js';
import { faultRandom, killHard, type SharedDatabase, sharedDatabase } from './support.js';

/** Runs `rapport import FILE` in a child process. */
function startImport(env: Record<string, string>, file: string, extra: string[] = []): ChildProcess {
  return spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'import', file, ...extra, ...DUMP_IMPORT_ARGS],
    { env: { ...process.env, ...env }, stdio: 'ignore' },
  );
}

describe.each(testEngines)('rapport import killed at a random point on %s', (engine) => {
  let shared: SharedDatabase | undefined;
  let child: ChildProcess | undefined;
  afterEach(async () => {
    await killHard(child);
    await shared?.cleanup();
    shared = undefined;
  });

  it('reruns to exact counts, threads and first-response times', async () => {
    const random = faultRandom(`import-kill ${engine}`);
    shared = await sharedDatabase(engine);
    const db = shared.db.kysely;
    const dump = generateSupportDump(3000, 11);
    const file = path.join(shared.env.RAPPORT_DATA_DIR!, 'dump.csv');
    fs.writeFileSync(file, toCsv(dump.rows));
    const count = async () =>
      Number(
        (
          await db
            .selectFrom('messages')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    child = startImport(shared.env, file, ['--batch', '200']);
    const killAt = 1 + Math.floor(random() * dump.rows.length * 0.8);
    await eventually(
      async () => child?.exitCode !== null || (await count()) >= killAt,
      120_000,
      'rows stored',
    );
    await new Promise((r) => setTimeout(r, random() * 100));
    await killHard(child);
    const afterKill = await count();
    expect(afterKill).toBeLessThan(dump.rows.length);

    child = startImport(shared.env, file);
    const code = await new Promise<number | null>((resolve) => child?.once('exit', resolve));
    expect(code).toBe(0);

    const messages = await db.selectFrom('messages').select(['external_id', 'conversation_id']).execute();
    expect(messages).toHaveLength(dump.expected.reduce((n, t) => n + t.ids.length, 0));
    expect(new Set(messages.map((m) => m.external_id)).size).toBe(messages.length);
    const conversations = await db
      .selectFrom('conversations')
      .select(['id', 'first_inbound_at', 'first_response_at'])
      .execute();
    expect(conversations).toHaveLength(dump.expected.length);
    const convOf = new Map(messages.map((m) => [m.external_id, m.conversation_id]));
    const byId = new Map(conversations.map((c) => [c.id, c]));
    for (const thread of dump.expected) {
      const convs = new Set(thread.ids.map((id) => convOf.get(id)));
      expect(convs.size).toBe(1);
      const conv = byId.get([...convs][0]!)!;
      expect(Number(conv.first_inbound_at)).toBe(thread.firstInbound);
      expect(conv.first_response_at === null ? null : Number(conv.first_response_at)).toBe(
        thread.firstResponse,
      );
    }
  }, 240_000);
});
