/**
 * Triage's labels in the words an agent reads: sentiments, intents, urgency cues, complaint types and
 * languages, and one correction said as a sentence. Pure, so the choices and the explanation agree.
 */

import { triageChoices } from '../../../src/server/routes/triage.schema.js';
import type { Sentiment } from '../api/types.js';

const { intents, sentiments, urgencyCues } = triageChoices;

/** The sentiments, in the order the menu offers them. */
export const sentimentChoices = sentiments;
/** The intents, in the order the menu offers them. */
export const intentChoices = intents;
/** The urgency cues, in the order the menu offers them. */
export const urgencyChoices = urgencyCues;

const sentimentWords: Record<Sentiment, string> = {
  negative: 'Negative',
  neutral: 'Neutral',
  positive: 'Positive',
};

const intentWords: Record<(typeof intents)[number], string> = {
  complaint: 'Complaint',
  question: 'Question',
  praise: 'Praise',
  thanks: 'Thanks',
  purchase_intent: 'Wants to buy',
  feature_request: 'Feature request',
  churn_risk: 'May leave',
  other: 'Other',
};

const urgencyWords: Record<(typeof urgencyCues)[number], string> = {
  safety: 'Safety',
  money_lost: 'Money lost',
  locked_out: 'Locked out',
  disruption_now: 'Disrupted now',
  escalating_anger: 'Getting angrier',
};

/** A sentiment in words. */
export function sentimentWord(s: string): string {
  return sentimentWords[s as Sentiment] ?? plain(s);
}

/** An intent in words. */
export function intentWord(i: string): string {
  return intentWords[i as (typeof intents)[number]] ?? plain(i);
}

/** An urgency cue in words. */
export function urgencyWord(u: string): string {
  return urgencyWords[u as (typeof urgencyCues)[number]] ?? plain(u);
}

/** Urgency cues in words ("Not urgent" for none). */
export function urgencyText(cues: readonly string[]): string {
  return cues.length ? cues.map(urgencyWord).join(', ') : 'Not urgent';
}

/** A complaint type in words: the model's snake_case names read as plain words. */
export function complaintTypeWord(t: string | null): string {
  return t ? plain(t) : 'No complaint type';
}

let languageNames: Intl.DisplayNames | null | undefined;

/** A language code ("de") in words ("German"); "und" is "Unknown language". */
export function languageWord(code: string | null | undefined): string {
  if (!code || code === 'und') return 'Unknown language';
  if (languageNames === undefined) {
    try {
      languageNames = new Intl.DisplayNames(['en'], { type: 'language' });
    } catch {
      languageNames = null;
    }
  }
  try {
    return languageNames?.of(code) ?? code;
  } catch {
    return code;
  }
}

/** Languages triage has cues for, then a few common ones it leaves unscored. */
export const languageChoices = ['en', 'de', 'es', 'fr', 'pt', 'it', 'nl'] as const;
/** Languages triage scores (the rest are left unscored, never guessed). */
export const scoredLanguages: readonly string[] = ['en', 'de', 'es', 'fr', 'und'];

/** The field's name in words. */
export const fieldWords = {
  sentiment: 'Sentiment',
  intent: 'Intent',
  complaintType: 'Complaint type',
  urgency: 'Urgency',
  language: 'Language',
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
  return `${fieldWords[c.field]}: ${valueWord(c.field, c.from)} → ${valueWord(c.field, c.to)}`;
}

function plain(s: string): string {
  const words = s.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
