import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { routingCommand } from '../src/cli/commands/routing.js';
import { configFrom } from '../src/platform/config.js';
import { openServices } from '../src/runtime/services.js';
import { runCommand } from './support/cli.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('rapport routing defaults', () => {
  it('installs the ready teams and rules once, recorded as done from the CLI', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-cli-routing-'));
    dirs.push(dir);
    const config = configFrom({ RAPPORT_DATA_DIR: dir, RAPPORT_LOG_LEVEL: 'silent' });
    const first = await runCommand(routingCommand, ['defaults'], config);
    expect(first.code).toBe(0);
    expect(first.out).toContain('teams added: Spokespeople, Subject experts, Sales, Product');
    expect(first.out).toContain(
      'rules added: Negative posts to spokespeople, Hard questions to subject experts',
    );
    const again = await runCommand(routingCommand, ['defaults'], config);
    expect(again.out).toContain('rules added: none (all there already)');

    const services = await openServices(config);
    const rules = await services.db.kysely.selectFrom('routing_rules').select('name').execute();
    expect(rules).toHaveLength(4);
    const events = await services.db.kysely
      .selectFrom('events')
      .select(['actor_type'])
      .where('type', '=', 'routing.rule_changed')
      .execute();
    expect(events.every((e) => e.actor_type === 'system')).toBe(true);
    await services.db.close();
    await expect(runCommand(routingCommand, ['nope'], config)).rejects.toThrow(/unknown subcommand/);
  });
});
