/**
 * A message's triage as the API shows it, from the JSON its row keeps (messages.triage_json): the
 * model's answer, its language, and the corrections people made to it, newest first.
 */

/** One change a person made to a message's triage: who, when, which field, from what to what. */
export interface TriageCorrectionRecord {
  at: number;
  by: { userId: number | null; name: string };
  field: 'sentiment' | 'intent' | 'complaintType' | 'urgency' | 'language';
  /** Urgency cues are listed comma-separated; null is none. */
  from: string | null;
  to: string | null;
}

/** How many corrections a message keeps and shows (the newest). */
export const CORRECTIONS_KEPT = 10;

/** What triage_json holds (rows written before a key existed lack it). */
export interface StoredTriageJson {
  urgency?: string[];
  complaintType?: string | null;
  explanation?: string[];
  model?: string;
  language?: string;
  scored?: false;
  correctedBy?: number | null;
  correctedAt?: number;
  /** Oldest first, at most CORRECTIONS_KEPT. */
  corrections?: TriageCorrectionRecord[];
  /** Fields a person has set: a language correction re-scores the message but keeps these. */
  correctedFields?: TriageCorrectionRecord['field'][];
}

/** The stored triage of a message, with who corrected it and how, once someone has. */
export interface TriageView {
  urgency: string[];
  complaintType: string | null;
  explanation: string[];
  model: string;
  language?: string;
  scored?: false;
  correctedBy?: number | null;
  correctedAt?: number;
  /** The last CORRECTIONS_KEPT corrections, newest first (absent until the first one). */
  corrections?: TriageCorrectionRecord[];
}

/** Parses a row's triage_json (null for the brand's own messages). */
export function readTriageJson(json: string | null): StoredTriageJson | null {
  return json ? (JSON.parse(json) as StoredTriageJson) : null;
}

/** The API's form of a message's stored triage. */
export function presentTriage(json: string | null): TriageView | null {
  const t = readTriageJson(json);
  if (!t) return null;
  return {
    urgency: t.urgency ?? [],
    complaintType: t.complaintType ?? null,
    explanation: t.explanation ?? [],
    model: t.model ?? 'unknown',
    ...(t.language ? { language: t.language } : {}),
    ...(t.scored === false ? { scored: false as const } : {}),
    ...(t.correctedBy !== undefined ? { correctedBy: t.correctedBy } : {}),
    ...(t.correctedAt !== undefined ? { correctedAt: t.correctedAt } : {}),
    ...(t.corrections?.length ? { corrections: [...t.corrections].reverse() } : {}),
  };
}
