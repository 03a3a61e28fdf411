/**
 * `blame` and `tone`: telling the customer they are wrong or used the product wrongly, and
 * shouting, sarcasm or a negative tone. Phrase lists written from what hurts a public reply; each
 * finding quotes the words it matched.
 */
import { decodeEntities, stripLeadingHandles, urlPattern } from './text.js';
import type { RawFinding } from './types.js';

const blame =
  /\b(you must have|you should have|you (obviously |clearly )?(didn'?t|did not|failed to|forgot to) (read|follow|check|look|use|install|update|call)|did you (even|actually|really|not)|user error|operator error|your (own )?fault|as (we|i) (already|previously) (told|said|explained|mentioned)|as (already|previously) (stated|explained|mentioned)|(we|i) already told you|you (used|installed|set) (it|this|the \w+) (wrong|incorrectly|improperly)|(used|using) (it|the product|the \w+) (incorrectly|wrong|improperly)|read the (manual|instructions|faq)|if you had (read|followed|checked)|you need to (learn|understand) (how|that)|it'?s not our (fault|problem))\b/iu;

const sarcasm =
  /\b(obviously|clearly you|good luck with that|thanks for nothing|whatever|yeah,? right|nice try|sure you did|calm down|relax|chill out|as if|duh|news flash|not our problem|deal with it|get over it|stop complaining|we don'?t care|too bad)\b/iu;

/** Finds words that blame the customer. */
export function findBlame(text: string): RawFinding | undefined {
  const m = blame.exec(decodeEntities(text));
  if (!m) return undefined;
  return {
    code: 'blame',
    match: m[0],
    why: 'It tells the customer, in public, that they are wrong. Even when true, it makes them defend themselves instead of letting you help.',
    suggestion:
      'Describe the fix, not their mistake: "This can happen when …; here is how to get it working: …".',
  };
}

/** Finds shouting (words in capitals, !!!, ???), sarcasm or a dismissive tone. */
export function findTone(text: string): RawFinding | undefined {
  const body = stripLeadingHandles(decodeEntities(text)).replace(urlPattern, ' ').replace(/@\w+/gu, ' ');
  // acronyms (DVR, PDX, iOS) are short; shouted words are long or many
  const caps = body.match(/\b[\p{Lu}]{5,}\b/gu) ?? [];
  const letters = body.replace(/[^\p{L}]/gu, '');
  const upper = body.replace(/[^\p{Lu}]/gu, '');
  const punctuation = /[!?]{3,}|\?!|!\?/u.exec(body)?.[0];
  const shouting =
    (letters.length >= 12 && upper.length / letters.length > 0.6) ||
    caps.length >= 2 ||
    punctuation !== undefined;
  if (shouting) {
    return {
      code: 'tone',
      match: punctuation ?? (caps.length ? caps.slice(0, 3).join(' ') : body.slice(0, 40)),
      why: 'Capitals and stacked punctuation read as shouting; the customer and everyone watching hear anger.',
      suggestion: 'Write it in normal case with one full stop or exclamation mark.',
    };
  }
  const m = sarcasm.exec(body);
  if (!m) return undefined;
  return {
    code: 'tone',
    match: m[0],
    why: 'It sounds sarcastic or dismissive; in public that is what people screenshot.',
    suggestion: 'Say plainly what you can do for them and when.',
  };
}
