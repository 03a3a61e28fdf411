import readline from 'node:readline';
import { z } from 'zod';
import { migrate, openDatabase } from '../../store/database.js';
import { defaultTriager } from '../../triage/default-triager.js';
import { createTriageService } from '../../triage/service.js';
import { parseCommandArgs } from '../args.js';
import type { Command } from '../command.js';

const lineSchema = z.object({
  text: z.string(),
  channel: z.string().optional(),
  authorFollowers: z.number().nonnegative().nullable().optional(),
  lifecycle: z.enum(['prospect', 'customer', 'advocate', 'former']).nullable().optional(),
  waitingMs: z.number().nonnegative().optional(),
});

/**
 * `rapport triage`: reads JSONL lines {"text": …} on stdin and writes one JSON triage result per line
 * on stdout, with the workspace model when there is one (--default forces the shipped model).
 */
export const triageCommand: Command = {
  name: 'triage',
  summary: 'triage JSONL messages from stdin, one JSON result per line on stdout',
  usage: 'rapport triage [--default] < messages.jsonl',
  async run(argv, ctx) {
    const { values } = parseCommandArgs(argv, { default: { type: 'boolean', default: false } }, false);
    const db = await openDatabase(ctx.config);
    let bad = 0;
    try {
      await migrate(db);
      const service = await createTriageService(db);
      const triager = values.default ? defaultTriager : service.current();
      const lines = readline.createInterface({ input: ctx.stdin, crlfDelay: Number.POSITIVE_INFINITY });
      let n = 0;
      for await (const line of lines) {
        n += 1;
        if (!line.trim()) continue;
        let parsed: z.infer<typeof lineSchema>;
        try {
          const result = lineSchema.safeParse(JSON.parse(line));
          if (!result.success) throw new Error(result.error.issues.map((i) => i.message).join('; '));
          parsed = result.data;
        } catch (error) {
          bad += 1;
          ctx.stdout.write(`${JSON.stringify({ error: `line ${n}: ${(error as Error).message}` })}\n`);
          continue;
        }
        ctx.stdout.write(`${JSON.stringify(triager.triage(parsed))}\n`);
      }
    } finally {
      await db.close();
    }
    if (bad) ctx.stderr.write(`rapport triage: ${bad} invalid line(s)\n`);
    return bad ? 1 : 0;
  },
};
