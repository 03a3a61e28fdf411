import type { z } from 'zod';
import { type FieldKind, fieldsOf, kindOf } from '../channels/schema-fields.js';
import { UsageError } from './command.js';

/** Flags every `rapport channel add|update` takes, whatever the channel type. */
const COMMON = new Set(['name', 'no-verify', 'json']);

/** `--app-password` → `appPassword`. */
export function camelCase(flag: string): string {
  return flag.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** `appPassword` → `--app-password` (for help text). */
export function flagName(key: string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/**
 * Splits `--flag value` pairs of `rapport channel add TYPE …` into the channel's settings and
 * secrets by the names its schemas declare: numbers and booleans are converted, lists take repeated
 * flags or commas. `--json '{"settings":…,"secrets":…}'` passes nested values as they are.
 */
export function channelFlags(
  argv: string[],
  schemas: { settings: z.ZodType; secrets: z.ZodType },
): { name?: string; verify: boolean; settings: Record<string, unknown>; secrets: Record<string, unknown> } {
  const settingsFields = fieldsOf(schemas.settings);
  const secretFields = fieldsOf(schemas.secrets);
  const out = {
    name: undefined as string | undefined,
    verify: true,
    settings: {} as Record<string, unknown>,
    secrets: {} as Record<string, unknown>,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument '${arg}'`);
    const [flag, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (flag === 'no-verify') {
      out.verify = false;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`--${flag} needs a value`);
    if (COMMON.has(flag)) {
      if (flag === 'name') out.name = value;
      else mergeJson(out, value);
      continue;
    }
    const key = camelCase(flag);
    const target = key in secretFields ? out.secrets : key in settingsFields ? out.settings : null;
    if (!target) {
      const known = [...Object.keys(settingsFields), ...Object.keys(secretFields)].map(flagName);
      throw new UsageError(
        `unknown option --${flag}${known.length ? ` (this channel takes ${known.join(', ')})` : ''}`,
      );
    }
    const field = key in secretFields ? secretFields[key] : settingsFields[key];
    target[key] = convert(flag, value, kindOf(field), target[key]);
  }
  return out;
}

function convert(flag: string, value: string, kind: FieldKind, previous: unknown): unknown {
  if (kind === 'number') {
    const n = Number(value);
    if (!Number.isFinite(n)) throw new UsageError(`--${flag} must be a number`);
    return n;
  }
  if (kind === 'boolean') {
    if (/^(1|true|yes|on)$/i.test(value)) return true;
    if (/^(0|false|no|off)$/i.test(value)) return false;
    throw new UsageError(`--${flag} must be true or false`);
  }
  if (kind === 'array') {
    const items = value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
    return [...(Array.isArray(previous) ? previous : []), ...items];
  }
  return value;
}

function mergeJson(
  out: { settings: Record<string, unknown>; secrets: Record<string, unknown> },
  text: string,
) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageError('--json must be a JSON object like {"settings":{…},"secrets":{…}}');
  }
  const obj = parsed as { settings?: Record<string, unknown>; secrets?: Record<string, unknown> };
  if (typeof obj !== 'object' || obj === null) throw new UsageError('--json must be a JSON object');
  Object.assign(out.settings, obj.settings ?? {});
  Object.assign(out.secrets, obj.secrets ?? {});
}
