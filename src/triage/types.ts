/**
 * The contract between triage and the rest of Rapport: the ingest pipeline hands a message in and
 * gets back sentiment, intent, urgency, complaint type and a 0–100 priority, with the reasons.
 */
/** The sentiments triage tells apart; the one list the store, the API and the web app derive from. */
export const sentiments = ['negative', 'neutral', 'positive'] as const;
export type Sentiment = (typeof sentiments)[number];

/** What a message wants; the one list the triage model, the API and the web app derive from. */
export const intents = [
  'complaint',
  'question',
  'praise',
  'thanks',
  'purchase_intent',
  'feature_request',
  'churn_risk',
  'other',
] as const;
export type Intent = (typeof intents)[number];

/** Why a message is urgent; the one list priority, the API and the web app derive from. */
export const urgencyCues = [
  'safety',
  'money_lost',
  'locked_out',
  'disruption_now',
  'escalating_anger',
] as const;
export type UrgencyCue = (typeof urgencyCues)[number];

export type Lifecycle = 'prospect' | 'customer' | 'advocate' | 'former';

/** What triage looks at for one message. */
export interface TriageInput {
  text: string;
  channel?: string;
  /** Author's follower count (reach), when the channel knows it. */
  authorFollowers?: number | null;
  lifecycle?: Lifecycle | null;
  /** How long the customer has been waiting, in ms, when re-scoring an open conversation. */
  waitingMs?: number;
  /** The message's language when a person said what it is (a correction); detected otherwise. */
  language?: string;
}

/** What triage says about one message. */
export interface TriageResult {
  sentiment: Sentiment;
  /** Confidence-like score in [-1, 1]: negative below 0, positive above. */
  sentimentScore: number;
  intent: Intent;
  urgency: UrgencyCue[];
  complaintType: string | null;
  /** 0–100; higher is answered first. */
  priority: number;
  /** Human-readable reasons (matched cues, top model features) shown to the agent. */
  explanation: string[];
  /** Which model produced it (e.g. "default@1" or "workspace@7"). */
  model: string;
  /**
   * The message's language: ISO 639-1 ("en", "de"…) where there is one, else ISO 639-3, or "und"
   * when too short to tell. A routing condition, and shown on the message.
   */
  language: string;
  /**
   * False when triage has no cues for the language: sentiment, intent and urgency are then the
   * neutral defaults, not a guess.
   */
  scored: boolean;
}

/** Anything that can triage a message: the shipped default model or a workspace's trained one. */
export interface Triager {
  triage(input: TriageInput): TriageResult;
}
