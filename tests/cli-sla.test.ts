import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { slaCommand } from '../src/cli/commands/sla.js';
import { ingestMessages } from '../src/ingest/ingest.js';
import { configFrom } from '../src/platform/config.js';
import { openServices } from '../src/runtime/services.js';
import { systemActor } from '../src/store/events-repo.js';
import { runCommand } from './support/cli.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('rapport sla recompute', () => {
  it('gives due times to open conversations once their channel can reply (after setting the webhook)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-cli-sla-'));
    dirs.push(dir);
    const before = configFrom({ RAPPORT_DATA_DIR: dir, RAPPORT_LOG_LEVEL: 'silent' });
    const services = await openServices(before);
    const at = Date.now() - 60_000;
    await ingestMessages(
      services,
      [
        {
          channel: 'generic',
          external_id: 'x1',
          direction: 'inbound',
          author: { id: 'a' },
          text: 'Hello, a question about my invoice',
          created_at: at,
        },
      ],
      systemActor,
    );
    const due = () =>
      services.db.kysely.selectFrom('conversations').select('reply_due_at').executeTakeFirstOrThrow();
    expect((await due()).reply_due_at).toBeNull(); // no way to reply yet: no timers

    const after = configFrom({
      RAPPORT_DATA_DIR: dir,
      RAPPORT_LOG_LEVEL: 'silent',
      RAPPORT_GENERIC_WEBHOOK_URL: 'http://127.0.0.1:9/hook',
    });
    const r = await runCommand(slaCommand, ['recompute'], after);
    expect(r).toMatchObject({ code: 0, out: 'recomputed the due times of 1 conversations\n' });
    expect((await due()).reply_due_at).toBe(at + 60 * 60_000);
    await services.db.close();
    await expect(runCommand(slaCommand, ['nope'], after)).rejects.toThrow(/unknown subcommand/);
  });
});
