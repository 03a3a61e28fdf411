import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliContext } from '../cli/command.js';
import { trainCommand } from '../cli/commands/train.js';
import { triageCommand } from '../cli/commands/triage.js';
import { configFrom } from '../platform/config.js';
import { seededRandom } from '../platform/random.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-triage-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function ctx(stdin = ''): CliContext & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => {
    out += d;
  });
  stderr.on('data', (d) => {
    err += d;
  });
  return {
    config: configFrom({ RAPPORT_DATA_DIR: dir }),
    stdin: Readable.from([stdin]),
    stdout,
    stderr,
    out: () => out,
    err: () => err,
  };
}

/** A generated labelled history of a coffee chain whose customers say "mid" for bad. */
function generateCsv(rows: number): string {
  const rand = seededRandom(9);
  const items = ['latte', 'muffin', 'bagel', 'cold brew', 'croissant', 'sandwich'];
  const lines = ['message,sentiment,reason'];
  for (let i = 0; i < rows; i += 1) {
    const item = items[Math.floor(rand() * items.length)]!;
    const k = i % 3;
    if (k === 0) lines.push(`"the ${item} today was mid, ${i % 2 ? 'again' : 'ngl'}",negative,quality`);
    else if (k === 1) lines.push(`"is the ${item} vegan? asking for ${i}",neutral,`);
    else lines.push(`"best ${item} in town, cheers",positive,`);
  }
  return `${lines.join('\n')}\n`;
}

describe('rapport train and rapport triage', () => {
  it('trains from a CSV, stores a version, and triage uses it', async () => {
    const file = path.join(dir, 'history.csv');
    fs.writeFileSync(file, generateCsv(150));
    const before = ctx('{"text":"the scone was mid"}\n');
    expect(await triageCommand.run([], before)).toBe(0);
    const first = JSON.parse(before.out().trim());
    expect(first.model).toMatch(/^default@/);

    const train = ctx();
    const code = await trainCommand.run(
      [file, '--text-col', 'message', '--label-col', 'sentiment', '--complaint-col', 'reason'],
      train,
    );
    expect(code).toBe(0);
    expect(train.out()).toMatch(/stored triage model workspace@1: 150 rows/);
    expect(train.out()).toMatch(/macro-F1/);
    expect(train.err()).toMatch(/training/);

    const after = ctx('{"text":"the scone was mid"}\n\n{"text":"thanks, best coffee ever"}\nnot json\n');
    expect(await triageCommand.run([], after)).toBe(1);
    const lines = after
      .out()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ sentiment: 'negative', model: 'workspace@1', complaintType: 'quality' });
    expect(lines[0].explanation.length).toBeGreaterThan(0);
    expect(lines[1].sentiment).toBe('positive');
    expect(lines[2].error).toMatch(/line 4/);
  });

  it('trains from JSONL and rejects bad usage', async () => {
    const file = path.join(dir, 'history.jsonl');
    const rows = Array.from({ length: 30 }, (_, i) =>
      JSON.stringify({ text: `order ${i} was mid`, label: i % 2 ? 'neg' : 'negative' }),
    );
    fs.writeFileSync(file, `${rows.join('\n')}\n`);
    const c = ctx();
    expect(await trainCommand.run([file, '--no-eval'], c)).toBe(0);
    expect(c.out()).toMatch(/workspace@2: 30 rows/);
    await expect(trainCommand.run([], ctx())).rejects.toThrow(/FILE/);
    await expect(trainCommand.run([file, '--text-col', 'nope'], ctx())).rejects.toThrow(/no column 'nope'/);
  });
});
