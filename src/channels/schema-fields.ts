import type { z } from 'zod';

/** The input kind of one settings field, for the CLI's flag conversion and the web app's form. */
export type FieldKind = 'string' | 'number' | 'boolean' | 'array' | 'other';

/** One field of a channel's settings or secrets, as forms and help texts show it. */
export interface FieldInfo {
  name: string;
  kind: FieldKind;
  secret: boolean;
  required: boolean;
  /** Allowed values when the field is an enum. */
  options: string[] | null;
  description: string | null;
}

interface ZodLike {
  def?: {
    type?: string;
    innerType?: unknown;
    in?: unknown;
    entries?: Record<string, string>;
    defaultValue?: unknown;
  };
  description?: string;
}

function unwrap(schema: unknown): { kind: FieldKind; required: boolean; options: string[] | null } {
  let current = schema as ZodLike | undefined;
  let required = true;
  for (let depth = 0; depth < 8 && current?.def; depth += 1) {
    const type = current.def.type;
    if (type === 'optional' || type === 'default' || type === 'nullable' || type === 'prefault')
      required = false;
    if (type === 'string' || type === 'number' || type === 'boolean' || type === 'array') {
      return { kind: type, required, options: null };
    }
    if (type === 'enum')
      return { kind: 'string', required, options: Object.values(current.def.entries ?? {}) };
    current = (current.def.innerType ?? current.def.in) as ZodLike | undefined;
  }
  return { kind: 'other', required, options: null };
}

/** The fields of an object schema by name (empty when the schema is not a plain object). */
export function fieldsOf(schema: z.ZodType): Record<string, unknown> {
  return (schema as unknown as { shape?: Record<string, unknown> }).shape ?? {};
}

/** The kind of a field schema, looking through optional/default/nullable wrappers. */
export function kindOf(field: unknown): FieldKind {
  return unwrap(field).kind;
}

/** Describes a channel's settings and secrets fields, in declaration order. */
export function describeFields(settings: z.ZodType, secrets: z.ZodType): FieldInfo[] {
  const describe = (shape: Record<string, unknown>, secret: boolean) =>
    Object.entries(shape).map(([name, field]) => ({
      name,
      secret,
      ...unwrap(field),
      description: (field as ZodLike).description ?? null,
    }));
  return [...describe(fieldsOf(settings), false), ...describe(fieldsOf(secrets), true)];
}

/** A field's default when it is the same on every read (a generated one, such as a random key, is not). */
function staticDefault(field: unknown): { value: unknown } | null {
  let current = field as ZodLike | undefined;
  for (let depth = 0; depth < 8 && current?.def; depth += 1) {
    if (current.def.type === 'default') {
      const first = current.def.defaultValue;
      return JSON.stringify(first) === JSON.stringify(current.def.defaultValue) ? { value: first } : null;
    }
    current = (current.def.innerType ?? current.def.in) as ZodLike | undefined;
  }
  return null;
}

/**
 * What the server stores for each settings field left out (generated values, such as a widget key,
 * are not listed; secrets never are). Forms start from these and send only what the person
 * changed, so an account added in the web app is the one `rapport channel add` makes.
 */
export function settingsDefaults(settings: z.ZodType): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(fieldsOf(settings))) {
    const found = staticDefault(field);
    if (found) out[name] = found.value;
  }
  return out;
}
