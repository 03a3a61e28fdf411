import { once } from 'node:events';
import readline from 'node:readline';
import type { Writable } from 'node:stream';
import { z } from 'zod';
import { RECENT_REPLY_LIMIT, replyAuditContext } from '../../commands/reply-checks.js';
import { checkReply } from '../../guidelines/check.js';
import { addRecent, recentIndex } from '../../guidelines/similarity.js';
import { parseCommandArgs } from '../args.js';
import type { Command } from '../command.js';
import { Progress } from '../progress.js';
import { withServices } from '../services.js';

const lineSchema = z.object({
  text: z.string(),
  customer_text: z.string().nullable().optional(),
  customer_name: z.string().nullable().optional(),
  channel: z.string().nullable().optional(),
});

/** Inputs after which a terminal gets a progress line (short runs stay quiet). */
const PROGRESS_AFTER_LINES = 1000;

async function write(out: Writable, line: string) {
  if (!out.write(line)) await once(out, 'drain');
}

/**
 * `rapport check-reply`: reads JSON lines {"text", "customer_text", "customer_name"} on stdin and
 * writes one line {"findings": [...]} per input, with the workspace's settings, so a team can audit
 * past replies. Streams: each answer is written as its line is read. Earlier inputs count as
 * recently sent replies, so a form letter repeated through the file is found.
 */
export const checkReplyCommand: Command = {
  name: 'check-reply',
  summary: 'check JSONL replies from stdin, one {"findings": [...]} line each on stdout',
  usage: 'rapport check-reply < replies.jsonl',
  async run(argv, ctx) {
    parseCommandArgs(argv, {}, false);
    const { settings, recent } = await withServices(ctx, (services) => replyAuditContext(services));
    const index = recentIndex(recent);
    const tty = Boolean((ctx.stderr as Writable & { isTTY?: boolean }).isTTY);
    let progress: Progress | undefined;
    let n = 0;
    let bad = 0;
    const lines = readline.createInterface({ input: ctx.stdin, crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of lines) {
      n += 1;
      if (!line.trim()) continue;
      let input: z.infer<typeof lineSchema>;
      try {
        const parsed = lineSchema.safeParse(JSON.parse(line));
        if (!parsed.success)
          throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
        input = parsed.data;
      } catch (error) {
        bad += 1;
        await write(ctx.stdout, `${JSON.stringify({ error: `line ${n}: ${(error as Error).message}` })}\n`);
        continue;
      }
      const findings = checkReply(
        {
          text: input.text,
          customerText: input.customer_text ?? null,
          customerName: input.customer_name ?? null,
          channel: input.channel ?? null,
          recent: index,
        },
        settings,
      );
      addRecent(index, input.text, RECENT_REPLY_LIMIT);
      await write(ctx.stdout, `${JSON.stringify({ findings })}\n`);
      if (tty && n >= PROGRESS_AFTER_LINES) {
        progress ??= new Progress(ctx.stderr, 'checked');
        progress.update(n);
      }
    }
    progress?.finish();
    if (bad) ctx.stderr.write(`rapport check-reply: ${bad} invalid line(s)\n`);
    return bad ? 1 : 0;
  },
};
