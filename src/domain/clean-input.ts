/**
 * Hygiene for text and free-form JSON that comes from outside (the API, imports, every channel):
 * one rule for NUL and unpaired surrogates, and bounded nesting, applied the same way everywhere so
 * SQLite and PostgreSQL store the same thing. PostgreSQL refuses U+0000 in text, so NUL is removed
 * (as the chat widget always removed it); the two engines encode a lone surrogate differently (one
 * U+FFFD against three), so each becomes one U+FFFD first.
 */

/** What every unpaired surrogate becomes: U+FFFD REPLACEMENT CHARACTER. */
export const REPLACEMENT_CHARACTER = '\uFFFD';

/** Deepest nesting of free-form JSON (a message's `raw` and `meta`; any API body allows a little more). */
export const JSON_MAX_DEPTH = 32;

const SUSPECT = /[\0\uD800-\uDFFF]/;
const UNSTORABLE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text without NUL and with unpaired surrogates replaced by U+FFFD (the same string when clean). */
export function cleanText(text: string): string {
  return SUSPECT.test(text) ? text.replace(UNSTORABLE, replacement) : text;
}

function replacement(match: string): string {
  return match === '\0' ? '' : REPLACEMENT_CHARACTER;
}

/** A cleaned JSON value, or where and why it was refused. */
export type CleanJson =
  | { ok: true; value: unknown }
  | { ok: false; reason: string; path: (string | number)[] };

/**
 * A copy of a parsed JSON value with every string (keys too) cleaned by cleanText, refused when it
 * nests deeper than `maxDepth` containers. Iterative, so no input can overflow the stack, and it
 * bounds what later recursive code (JSON.stringify, structured clone) will see. Objects that are not
 * plain (dates, buffers a channel put in) are kept as they are.
 */
export function cleanJson(value: unknown, maxDepth: number = JSON_MAX_DEPTH): CleanJson {
  if (typeof value === 'string') return { ok: true, value: cleanText(value) };
  if (!isContainer(value)) return { ok: true, value };
  const root = emptyLike(value);
  const stack: { from: Container; to: Container; depth: number; path: (string | number)[] }[] = [
    { from: value, to: root, depth: 1, path: [] },
  ];
  while (stack.length > 0) {
    const { from, to, depth, path } = stack.pop()!;
    if (depth > maxDepth) return { ok: false, reason: `nested deeper than ${maxDepth} levels`, path };
    const entries: [string | number, unknown][] = Array.isArray(from)
      ? from.map((v, i) => [i, v])
      : Object.entries(from);
    for (const [key, item] of entries) {
      let copy: unknown = item;
      if (typeof item === 'string') copy = cleanText(item);
      else if (isContainer(item)) {
        copy = emptyLike(item);
        stack.push({ from: item, to: copy as Container, depth: depth + 1, path: [...path, key] });
      }
      if (Array.isArray(to)) to.push(copy);
      else if (key === '__proto__') {
        // an own property, as JSON.parse made it; assigning would set the copy's prototype
        Object.defineProperty(to, key, { value: copy, enumerable: true, writable: true, configurable: true });
      } else to[cleanText(key as string)] = copy;
    }
  }
  return { ok: true, value: root };
}

type Container = unknown[] | Record<string, unknown>;

function isContainer(value: unknown): value is Container {
  if (Array.isArray(value)) return true;
  if (value === null || typeof value !== 'object') return false;
  // plain objects, and dictionaries without Object's prototype (query strings are parsed into those)
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null || Object.getPrototypeOf(proto) === null;
}

function emptyLike(value: Container): Container {
  return Array.isArray(value) ? [] : {};
}
