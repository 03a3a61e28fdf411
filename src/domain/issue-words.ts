import type { core } from 'zod';

/** What each field of the message format is, for "missing …" explanations. */
const fieldWords: Record<string, string> = {
  channel: 'the channel it came from, e.g. twitter',
  external_id: "the message's id on its channel",
  direction: 'inbound or outbound',
  author: 'who wrote it',
  'author.id': "the author's id on the channel",
  text: 'the message itself',
  created_at: 'when it was written, e.g. 2024-05-01T09:30:00Z',
};

const typeWords: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  record: 'an object',
};

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** The types a union accepts, in words ("text or a number"). */
function unionWords(issue: core.$ZodIssueInvalidUnion): string | null {
  const expected = issue.errors
    .flat()
    .filter((i): i is core.$ZodIssueInvalidType => i.code === 'invalid_type')
    .map((i) => typeWords[i.expected] ?? i.expected);
  return expected.length ? [...new Set(expected)].join(' or ') : null;
}

/**
 * One validation problem of an incoming message in words a person can act on: "missing text (the
 * message itself)", "text must be text, not a number", "direction must be inbound or outbound, not
 * "sideways"" — instead of zod's "text: Invalid input: expected string, received undefined".
 * Messages Rapport wrote itself (custom checks, patterns) are kept as they are.
 */
export function issueInWords(input: unknown, issue: core.$ZodIssue): string {
  const path = issue.path.map(String).join('.');
  const value = valueAt(input, issue.path);
  const named = (text: string) => (path && !text.startsWith(path) ? `${path}: ${text}` : text);
  if (path && value === undefined && issue.code !== 'custom') {
    const what = fieldWords[path];
    return `missing ${path}${what ? ` (${what})` : ''}`;
  }
  switch (issue.code) {
    case 'invalid_type':
      return `${path || 'the message'} must be ${typeWords[issue.expected] ?? issue.expected}, not ${kindOf(value)}`;
    case 'invalid_union': {
      const words = unionWords(issue);
      return words ? `${path} must be ${words}, not ${kindOf(value)}` : named(issue.message);
    }
    case 'invalid_value':
      return `${path} must be ${issue.values.map(String).join(' or ')}, not ${JSON.stringify(value)}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `${path} is longer than ${Number(issue.maximum).toLocaleString('en-US')} characters`
        : named(`must be at most ${issue.maximum}`);
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? `${path} is empty`
          : `${path} is shorter than ${issue.minimum} characters`;
      }
      return named(`must be at least ${issue.minimum}`);
    default:
      return named(issue.message);
  }
}
