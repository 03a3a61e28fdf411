import { z } from 'zod';
import { cleanJson, cleanText, JSON_MAX_DEPTH } from './clean-input.js';
import { issueInWords } from './issue-words.js';
import { checkTimestamp, timestampMessage } from './timestamps.js';

/** Largest `raw` a message may carry, in characters of JSON. */
export const RAW_MAX_CHARS = 65_536;
/** Largest `meta` a message may carry, in characters of JSON. */
export const META_MAX_CHARS = 16_384;

const optionalText = (max: number) => z.string().max(max).nullish();

/**
 * An id as a string or a number. A number above 2^53 has already been rounded by the JSON reader
 * (two ids could collide and a message be dropped as a duplicate), so only safe integers are taken.
 */
const id = z
  .union([
    z.string(),
    z
      .number()
      .refine(
        Number.isSafeInteger,
        'a numeric id must be a whole number below 2^53 (9007199254740992), which JSON keeps exact; send ids as strings',
      ),
  ])
  .transform(String);

/**
 * The one message format every channel and every import produces (snake_case, as documented in
 * docs/API.md). Validation happens here, before anything touches the database; validateMessage
 * adds the hygiene every entry point shares (text cleaned, free-form JSON bounded).
 */
export const incomingMessageSchema = z.object({
  channel: z
    .string()
    .regex(/^[a-z][a-z0-9_-]{0,39}$/, 'channel must be lower-case letters, digits, - or _ (max 40)'),
  external_id: id.pipe(z.string().min(1).max(512)),
  direction: z.enum(['inbound', 'outbound']),
  author: z.object({
    id: id.pipe(z.string().min(1).max(512)),
    handle: optionalText(256),
    name: optionalText(256),
    followers: z.number().int().min(0).nullish(),
  }),
  text: z.string().max(100_000),
  created_at: z.union([z.string(), z.number()]).transform((v, ctx) => {
    const checked = checkTimestamp(v);
    if (!checked.ok) {
      ctx.addIssue({ code: 'custom', message: timestampMessage('created_at', v, checked.problem) });
      return z.NEVER;
    }
    return checked.ms;
  }),
  in_reply_to: id.pipe(z.string().max(512)).nullish(),
  thread_id: optionalText(512),
  url: z
    .string()
    .max(2048)
    .regex(/^https?:\/\//i, 'url must be http(s)')
    .nullish(),
  /** Free-form; at most JSON_MAX_DEPTH deep and RAW_MAX_CHARS of JSON (checked by validateMessage). */
  raw: z.unknown().optional(),
  /** Channel-specific metadata kept with the message (email subject and references, post cid…). */
  meta: z.record(z.string(), z.unknown()).nullish(),
});

/** A message in the core format after validation (created_at as epoch ms). */
export type IncomingMessage = z.infer<typeof incomingMessageSchema>;
/** A message in the core format as a channel or client sends it. */
export type IncomingMessageInput = z.input<typeof incomingMessageSchema>;

/** Per-item validation result, so a batch can report every bad row at once. */
export type ValidatedItem =
  | { ok: true; index: number; message: IncomingMessage }
  | { ok: false; index: number; errors: string[] };

/**
 * Validates one item; never throws. Besides the schema, it applies the hygiene every entry point
 * shares (API, import, channels): NUL is removed from text and unpaired surrogates become U+FFFD
 * (cleanText), and
 * `raw`/`meta` are refused when nested deeper than JSON_MAX_DEPTH or longer than their limit.
 */
export function validateMessage(input: unknown, index = 0): ValidatedItem {
  const parsed = incomingMessageSchema.safeParse(input);
  const errors = parsed.success ? [] : parsed.error.issues.map((issue) => issueInWords(input, issue));
  const free = input !== null && typeof input === 'object' ? (input as Record<string, unknown>) : {};
  const raw = boundedJson('raw', free.raw, RAW_MAX_CHARS, errors);
  const meta = boundedJson('meta', free.meta, META_MAX_CHARS, errors);
  if (!parsed.success || errors.length > 0) return { ok: false, index, errors };
  const m = parsed.data;
  m.external_id = cleanText(m.external_id);
  m.author.id = cleanText(m.author.id);
  if (!m.external_id) errors.push('external_id: must not be empty (NUL characters are removed)');
  if (!m.author.id) errors.push('author.id: must not be empty (NUL characters are removed)');
  if (errors.length > 0) return { ok: false, index, errors };
  if (m.author.handle) m.author.handle = cleanText(m.author.handle) || null;
  if (m.author.name) m.author.name = cleanText(m.author.name) || null;
  m.text = cleanText(m.text);
  // empty optional strings mean "absent"
  m.in_reply_to = m.in_reply_to ? cleanText(m.in_reply_to) : m.in_reply_to === '' ? null : m.in_reply_to;
  m.thread_id = m.thread_id ? cleanText(m.thread_id) : m.thread_id === '' ? null : m.thread_id;
  if (m.url) m.url = cleanText(m.url);
  if (m.raw !== undefined) m.raw = raw;
  if (m.meta) m.meta = meta as Record<string, unknown>;
  return { ok: true, index, message: m };
}

/** Free-form JSON, cleaned; undefined (with an error pushed) when too deep or too long. */
function boundedJson(name: string, value: unknown, maxChars: number, errors: string[]): unknown {
  if (value === undefined || value === null) return value;
  const cleaned = cleanJson(value, JSON_MAX_DEPTH);
  if (!cleaned.ok) {
    errors.push(`${name}: ${cleaned.reason}`);
    return undefined;
  }
  if (JSON.stringify(cleaned.value).length > maxChars) {
    errors.push(`${name}: ${name} must be at most ${maxChars / 1024} kB of JSON`);
    return undefined;
  }
  return cleaned.value;
}
