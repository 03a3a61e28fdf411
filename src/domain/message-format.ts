import { z } from 'zod';
import { issueInWords } from './issue-words.js';
import { parseTimestamp } from './timestamps.js';

const optionalText = (max: number) => z.string().max(max).nullish();

/**
 * The one message format every channel and every import produces (snake_case, as documented in
 * docs/API.md). Validation happens here, before anything touches the database.
 */
export const incomingMessageSchema = z.object({
  channel: z
    .string()
    .regex(/^[a-z][a-z0-9_-]{0,39}$/, 'channel must be lower-case letters, digits, - or _ (max 40)'),
  external_id: z.union([z.string(), z.number()]).transform(String).pipe(z.string().min(1).max(512)),
  direction: z.enum(['inbound', 'outbound']),
  author: z.object({
    id: z.union([z.string(), z.number()]).transform(String).pipe(z.string().min(1).max(512)),
    handle: optionalText(256),
    name: optionalText(256),
    followers: z.number().int().min(0).nullish(),
  }),
  text: z.string().max(100_000),
  created_at: z.union([z.string(), z.number()]).transform((v, ctx) => {
    const ms = parseTimestamp(v);
    if (ms === null) {
      ctx.addIssue({ code: 'custom', message: 'created_at must be ISO 8601 with a time zone' });
      return z.NEVER;
    }
    return ms;
  }),
  in_reply_to: z.union([z.string(), z.number()]).transform(String).pipe(z.string().max(512)).nullish(),
  thread_id: optionalText(512),
  url: z
    .string()
    .max(2048)
    .regex(/^https?:\/\//i, 'url must be http(s)')
    .nullish(),
  raw: z.unknown().optional(),
  /** Channel-specific metadata kept with the message (email subject and references, post cid…). */
  meta: z
    .record(z.string(), z.unknown())
    .refine((v) => JSON.stringify(v).length <= 16_384, 'meta must be at most 16 kB of JSON')
    .nullish(),
});

/** A message in the core format after validation (created_at as epoch ms). */
export type IncomingMessage = z.infer<typeof incomingMessageSchema>;
/** A message in the core format as a channel or client sends it. */
export type IncomingMessageInput = z.input<typeof incomingMessageSchema>;

/** Per-item validation result, so a batch can report every bad row at once. */
export type ValidatedItem =
  | { ok: true; index: number; message: IncomingMessage }
  | { ok: false; index: number; errors: string[] };

/** Validates one item; never throws. */
export function validateMessage(input: unknown, index = 0): ValidatedItem {
  const parsed = incomingMessageSchema.safeParse(input);
  if (parsed.success) {
    const m = parsed.data;
    // empty optional strings mean "absent"
    if (m.in_reply_to === '') m.in_reply_to = null;
    if (m.thread_id === '') m.thread_id = null;
    return { ok: true, index, message: m };
  }
  return {
    ok: false,
    index,
    errors: parsed.error.issues.map((issue) => issueInWords(input, issue)),
  };
}
