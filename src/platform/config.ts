import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors.js';

const bool = z
  .union([z.boolean(), z.string()])
  .transform((v) => (typeof v === 'boolean' ? v : ['1', 'true', 'yes', 'on'].includes(v.toLowerCase())));

/**
 * The one schema of Rapport's settings. Environment names are the usual ones (PORT, HOST,
 * DATABASE_URL) plus RAPPORT_*; the server and the CLI both read their settings through it.
 */
const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /**
   * PostgreSQL schema Rapport's tables live in (created if missing); default the connection's own
   * (public). Lets several installs, or test runs, share one database.
   */
  RAPPORT_PG_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'RAPPORT_PG_SCHEMA must be a lower-case SQL name')
    .max(63)
    .optional(),
  RAPPORT_DATA_DIR: z.string().min(1).default('./data'),
  RAPPORT_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RAPPORT_SLA_NEGATIVE_MINUTES: z.coerce.number().positive().default(15),
  RAPPORT_SLA_DEFAULT_MINUTES: z.coerce.number().positive().default(60),
  /** Run SLA timers on conversations whose channel cannot reply from Rapport (default: they do not). */
  RAPPORT_SLA_TIMERS_WITHOUT_REPLY: bool.default(false),
  /** Routing: a conversation whose owner is away moves to someone free this long before its reply is due. */
  RAPPORT_REASSIGN_BEFORE_DUE_MINUTES: z.coerce.number().int().min(0).max(10_080).default(10),
  /** How often the routing sweep (re-assignment, team queues) runs in `rapport start`. */
  RAPPORT_ROUTING_SWEEP_MS: z.coerce.number().int().min(1000).default(60_000),
  RAPPORT_GENERIC_WEBHOOK_URL: z.string().url().optional(),
  RAPPORT_GENERIC_WEBHOOK_SECRET: z.string().min(16).optional(),
  RAPPORT_OUTBOUND_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  RAPPORT_OUTBOUND_BASE_DELAY_MS: z.coerce.number().int().min(10).default(2000),
  /** Background jobs (sends) in flight at once per process, and per channel account. */
  RAPPORT_JOB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  RAPPORT_JOB_PER_ACCOUNT: z.coerce.number().int().min(1).max(16).default(2),
  /** Lease of a running job, renewed while it runs; a crashed worker's job waits at most this long. */
  RAPPORT_JOB_LEASE_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  /** How long the generic webhook receiver may take to answer before the outcome counts as unknown. */
  RAPPORT_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  RAPPORT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  /** Requests per minute of one API token (its own bucket, whatever address it comes from). */
  RAPPORT_TOKEN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(30_000),
  RAPPORT_LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  RAPPORT_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(8 * 1024 * 1024),
  /** How long a client may take to send a whole request (headers and body) before it is cut off. */
  RAPPORT_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(15_000),
  RAPPORT_SESSION_DAYS: z.coerce.number().positive().default(14),
  RAPPORT_COOKIE_SECURE: bool.default(false),
  RAPPORT_TRUST_PROXY: bool.default(false),
  RAPPORT_WEB_DIR: z.string().optional(),
  /** Bearer token Prometheus sends to GET /metrics; metrics are off until it is set. */
  RAPPORT_METRICS_TOKEN: z
    .string()
    .min(16, 'RAPPORT_METRICS_TOKEN must be at least 16 characters')
    .optional(),
  /** Key for channel secrets at rest; without it SQLite installs keep a generated one in the data dir. */
  RAPPORT_SECRET_KEY: z.string().min(32, 'RAPPORT_SECRET_KEY must be at least 32 characters').optional(),
  /**
   * How often the live stream tells browsers it is alive; a browser that hears nothing for 2.5
   * times this long says it lost the server and reconnects (a vanished host closes nothing).
   */
  RAPPORT_STREAM_PING_MS: z.coerce.number().int().min(200).max(60_000).default(10_000),
  /**
   * Live streams one API token, or one signed-in session, may hold open at once in this process;
   * one more gets 429 too_many_streams (a browser tab holds one).
   */
  RAPPORT_STREAMS_PER_CLIENT: z.coerce.number().int().min(1).max(10_000).default(20),
  /** How often the channel supervisor re-reads the accounts table (other processes may change it). */
  RAPPORT_CHANNEL_RECONCILE_MS: z.coerce.number().int().min(100).default(5000),
  /**
   * Days high-volume system events (messages received and ingested) are kept once every listener
   * has passed them; audit events are kept forever.
   */
  RAPPORT_EVENT_RETENTION_DAYS: z.coerce.number().positive().default(400),
  /** Most people Today suggests reaching out to in one day (acted-on suggestions count). */
  RAPPORT_TODAY_LIMIT: z.coerce.number().int().min(1).max(200).default(10),
  /** Largest attachment kept with a message; larger ones keep their name and size, not their bytes. */
  RAPPORT_ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(10 * 1024 * 1024),
  /** Largest email the SMTP listener accepts (bigger ones get 552) and the IMAP poller downloads whole. */
  RAPPORT_SMTP_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .default(25 * 1024 * 1024),
  /** Connections the SMTP listener takes at once; one more is answered 421 (the sender retries). */
  RAPPORT_SMTP_MAX_CLIENTS: z.coerce.number().int().min(1).max(1000).default(20),
  /**
   * Web Push VAPID key pair (base64url, as `web-push generate-vapid-keys` prints); without them a
   * pair is generated once and kept in `<data dir>/vapid.json` (mode 0600). Set them when several
   * machines serve one PostgreSQL database, so every process signs with the same key.
   */
  RAPPORT_VAPID_PUBLIC_KEY: z.string().min(40).optional(),
  RAPPORT_VAPID_PRIVATE_KEY: z.string().min(20).optional(),
  /** Who push services may contact about this sender (mailto: or https: URL). */
  RAPPORT_VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:|https:)/)
    .default('mailto:alerts@rapport.invalid'),
  /** Accept http: push endpoints (tests and local push receivers only; browsers always use https:). */
  RAPPORT_PUSH_ALLOW_HTTP: bool.default(false),
  /** Minutes an escalating alert waits for an acknowledgement before it goes to the next person on call. */
  RAPPORT_ALERT_ESCALATE_MINUTES: z.coerce.number().positive().default(10),
  /** Minutes before a due time that the "reply due soon" alert goes out. */
  RAPPORT_ALERT_SLA_WARNING_MINUTES: z.coerce.number().positive().default(5),
  /** Absolute address of the app (e.g. https://care.example.com) for links in alert emails and webhooks. */
  RAPPORT_PUBLIC_URL: z.string().url().optional(),
});

/** Validated settings, shared by the server, the CLI and the jobs. */
export type Config = z.infer<typeof configSchema> & {
  /** Absolute path of the SQLite folder (RAPPORT_DATA_DIR resolved against the working directory). */
  dataDir: string;
  /** Which database engine DATABASE_URL selects. */
  engine: 'sqlite' | 'postgres';
};

/**
 * Reads settings from an environment (process.env by default: this is the only place that reads it).
 * Throws ConfigError naming every bad variable.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const parsed = configSchema.safeParse(picked);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid configuration: ${problems}`);
  }
  const c = parsed.data;
  return {
    ...c,
    dataDir: path.resolve(c.RAPPORT_DATA_DIR),
    engine: c.DATABASE_URL ? 'postgres' : 'sqlite',
  };
}

/** Builds a config for tests and tools from explicit overrides, ignoring the process environment. */
export function configFrom(overrides: Record<string, string | undefined>): Config {
  return loadConfig(overrides);
}
