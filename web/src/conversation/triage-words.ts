/**
 * Triage's labels in the words an agent reads: sentiments, intents, urgency cues, complaint types and
 * languages, and one correction said as a sentence. Pure, so the choices and the explanation agree.
 */

import { triageChoices } from '../../../src/server/routes/triage.schema.js';
import { currentLanguage, wordsOf } from '../i18n/index.js';

const { intents, sentiments, urgencyCues } = triageChoices;

/** The sentiments, in the order the menu offers them. */
export const sentimentChoices = sentiments;
/** The intents, in the order the menu offers them. */
export const intentChoices = intents;
/** The urgency cues, in the order the menu offers them. */
export const urgencyChoices = urgencyCues;

/** A known value's words (`sentiment_negative`), or the value read as plain words. */
function known(prefix: string, value: string, values: readonly string[]): string {
  return values.includes(value) ? wordsOf('conversation')(`${prefix}_${value}`) : plain(value);
}

/** A sentiment in words. */
export function sentimentWord(s: string): string {
  return known('sentiment', s, sentiments);
}

/** An intent in words. */
export function intentWord(i: string): string {
  return known('intent', i, intents);
}

/** An urgency cue in words. */
export function urgencyWord(u: string): string {
  return known('urgency', u, urgencyCues);
}

/** Urgency cues in words ("Not urgent" for none). */
export function urgencyText(cues: readonly string[]): string {
  return cues.length ? cues.map(urgencyWord).join(', ') : wordsOf('conversation')('notUrgent');
}

/** The complaint types the model knows from the start, which have words in every language. */
const builtInTypes = [
  'billing',
  'account_access',
  'delivery_delay',
  'cancellation',
  'outage_technical',
  'product_quality',
  'customer_service',
  'other',
];

/** A complaint type in words: a built-in one in the language shown, a team's own read as plain words. */
export function complaintTypeWord(t: string | null): string {
  return t ? known('type', t, builtInTypes) : wordsOf('conversation')('noComplaintType');
}

const languageNames = new Map<string, Intl.DisplayNames | null>();

function namesIn(language: string): Intl.DisplayNames | null {
  if (!languageNames.has(language)) {
    try {
      languageNames.set(language, new Intl.DisplayNames([language], { type: 'language' }));
    } catch {
      languageNames.set(language, null);
    }
  }
  return languageNames.get(language) ?? null;
}

/** A language code ("de") in words in the language shown ("German"); "und" is "Unknown language". */
export function languageWord(code: string | null | undefined): string {
  if (!code || code === 'und') return wordsOf('conversation')('unknownLanguage');
  try {
    const name = namesIn(currentLanguage())?.of(code) ?? code;
    return name.charAt(0).toUpperCase() + name.slice(1);
  } catch {
    return code;
  }
}

/** Languages triage has cues for, then a few common ones it leaves unscored. */
export const languageChoices = ['en', 'de', 'es', 'fr', 'pt', 'it', 'nl'] as const;
/** Languages triage scores (the rest are left unscored, never guessed). */
export const scoredLanguages: readonly string[] = ['en', 'de', 'es', 'fr', 'und'];

/** The key of each field's name in the `conversation` words. */
export const fieldWords = {
  sentiment: 'fieldSentiment',
  intent: 'fieldIntent',
  complaintType: 'fieldComplaintType',
  urgency: 'fieldUrgency',
  language: 'fieldLanguage',
} as const;

/** A field's value (as a correction records it) in words. */
export function valueWord(field: keyof typeof fieldWords, value: string | null): string {
  switch (field) {
    case 'sentiment':
      return value ? sentimentWord(value) : '—';
    case 'intent':
      return value ? intentWord(value) : '—';
    case 'complaintType':
      return complaintTypeWord(value);
    case 'urgency':
      return urgencyText(value ? value.split(',') : []);
    case 'language':
      return languageWord(value);
  }
}

/** One correction as a sentence: "Sentiment: Negative → Positive". */
export function changeSentence(c: {
  field: keyof typeof fieldWords;
  from: string | null;
  to: string | null;
}): string {
  return `${wordsOf('conversation')(fieldWords[c.field])}: ${valueWord(c.field, c.from)} → ${valueWord(c.field, c.to)}`;
}

function plain(s: string): string {
  const words = s.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
