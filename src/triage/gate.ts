/**
 * Which classes a workspace model may decide. A workspace head only replaces the default's answer
 * with class c when c has enough examples and, on examples the head had not yet learned from (each
 * correction before it is folded in, or a held-out part of a training file), choosing c over the
 * default was right at least twice as often as it was wrong. Everything else stays the shipped default's answer, so
 * learning never makes an untouched class worse.
 */

/** Evidence about one class of one head. */
export interface ClassEvidence {
  /** Labelled examples of the class the head learned from. */
  examples: number;
  /** Held-out disagreements with the default where the head said this class and was right. */
  wins: number;
  /**
   * Held-out disagreements where the head said this class and was wrong (whether or not the default
   * was right: corrections come where an answer was wrong, so "the default was right" is rare there
   * and would let an over-eager class through).
   */
  losses: number;
  /**
   * The same on a held-out part of a training file, an unbiased sample: a disagreement is won when
   * the head is right and lost when the default is.
   */
  heldWins?: number;
  heldLosses?: number;
}

/** Evidence per class of one head (serialised with the model). */
export type Gate = Record<string, ClassEvidence>;

/** Examples a class needs before a workspace head may answer it. */
export const MIN_CLASS_EXAMPLES = 3;

/**
 * True when the head may answer `label` instead of the default: enough examples, and either it beat
 * the default on a held-out part of a training file, or its held-out corrections were right at least
 * twice as often as wrong.
 */
export function trusts(gate: Gate | null | undefined, label: string): boolean {
  const e = gate?.[label];
  if (e === undefined || e.examples < MIN_CLASS_EXAMPLES) return false;
  return (e.heldWins ?? 0) > (e.heldLosses ?? 0) || e.wins >= 2 * e.losses + 1;
}

/** A copy of a gate (heads are copied before each update). */
export function cloneGate(gate: Gate | null | undefined): Gate {
  const out: Gate = {};
  if (gate) for (const [k, v] of Object.entries(gate)) out[k] = { ...v };
  return out;
}

function entry(gate: Gate, label: string): ClassEvidence {
  let e = gate[label];
  if (!e) {
    e = { examples: 0, wins: 0, losses: 0 };
    gate[label] = e;
  }
  return e;
}

/**
 * Records one held-out comparison: the head's answer, the default's and the truth, from a correction
 * (before it is learned) or from the held-out part of a training file. Only a disagreement is
 * evidence, and it is booked on the class the head chose.
 */
export function recordOutcome(
  gate: Gate,
  head: string,
  fallback: string,
  truth: string,
  source: 'correction' | 'heldout' = 'correction',
): void {
  if (head === fallback) return;
  const e = entry(gate, head);
  if (source === 'correction') {
    if (head === truth) e.wins += 1;
    else e.losses += 1;
  } else if (head === truth) e.heldWins = (e.heldWins ?? 0) + 1;
  else if (fallback === truth) e.heldLosses = (e.heldLosses ?? 0) + 1;
}

/** Counts one training example of `label`. */
export function recordExample(gate: Gate, label: string, count = 1): void {
  entry(gate, label).examples += count;
}

/** Parses a stored gate, dropping anything malformed (an unreadable gate trusts nothing). */
export function gateFromJson(json: unknown): Gate {
  const out: Gate = {};
  if (!json || typeof json !== 'object') return out;
  for (const [k, v] of Object.entries(json as Record<string, unknown>)) {
    const e = v as Partial<ClassEvidence> | null;
    if (!e || typeof e !== 'object') continue;
    out[k] = { examples: Number(e.examples) || 0, wins: Number(e.wins) || 0, losses: Number(e.losses) || 0 };
    if (e.heldWins || e.heldLosses) {
      out[k]!.heldWins = Number(e.heldWins) || 0;
      out[k]!.heldLosses = Number(e.heldLosses) || 0;
    }
  }
  return out;
}
