import { type Logger, pino } from 'pino';
import type { Config } from './config.js';

export type { Logger };

/** The process logger (pino, JSON lines); secrets in headers are redacted. */
export function createLogger(config: Pick<Config, 'RAPPORT_LOG_LEVEL'>, name = 'rapport'): Logger {
  return pino({
    name,
    level: config.RAPPORT_LOG_LEVEL,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'],
  });
}
