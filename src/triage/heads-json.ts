import { ValidationError } from '../platform/errors.js';
import { DENSE_COUNT } from './analysis.js';
import { URGENCY_CUES } from './cues.js';
import { gateFromJson } from './gate.js';
import { LinearModel } from './linear.js';
import type { WorkspaceHeads } from './model.js';

/**
 * Workspace heads to and from the JSON of triage_models.model. Format 3 carries per-class gates;
 * formats 1 and 2 (stored before gates) still load and score as they did.
 */

/**
 * A stored sentiment head made when the default had fewer complaint cues: its weights moved to
 * today's dense layout (base features and old cues keep their places, urgency flags shift after
 * the new cues, new cues start at zero).
 */
function withDenseCount(m: LinearModel): LinearModel {
  if (m.denseCount === DENSE_COUNT) return m;
  const c = m.classes.length;
  const oldCues = m.denseCount - URGENCY_CUES.length;
  const shift = DENSE_COUNT - m.denseCount;
  const out = new LinearModel([...m.classes], m.dim, DENSE_COUNT);
  out.weights.set(m.weights.subarray(0, m.dim * c));
  for (let j = 0; j < m.denseCount; j += 1) {
    const to = j < oldCues ? j : j + shift;
    if (to < 0 || to >= DENSE_COUNT) continue;
    for (let k = 0; k < c; k += 1) out.weights[(m.dim + to) * c + k] = m.weights[(m.dim + j) * c + k]!;
  }
  out.bias.set(m.bias);
  return out;
}

/** Serialises heads for triage_models.model. */
export function headsToJson(heads: WorkspaceHeads): string {
  return JSON.stringify({
    format: heads.gates ? 3 : heads.labelFeatures === 'all' ? 1 : 2,
    sentiment: heads.sentiment.toJSON(),
    logitBias: heads.logitBias,
    intent: heads.intent?.toJSON() ?? null,
    complaintType: heads.complaintType?.toJSON() ?? null,
    ...(heads.gates ? { gates: heads.gates } : {}),
  });
}

/** Parses headsToJson's output; throws ValidationError on anything else. */
export function headsFromJson(text: string): WorkspaceHeads {
  let json: {
    format?: number;
    sentiment?: unknown;
    logitBias?: number[];
    intent?: unknown;
    complaintType?: unknown;
    gates?: { sentiment?: unknown; intent?: unknown; complaintType?: unknown };
  };
  try {
    json = JSON.parse(text);
  } catch {
    throw new ValidationError('triage model is not JSON');
  }
  if (json.format !== 1 && json.format !== 2 && json.format !== 3)
    throw new ValidationError('unknown triage model format');
  const g = json.gates;
  // Format-3 label heads read the default's answer; older ones the sentiment dense vector.
  const label = (v: unknown) =>
    v ? (json.format === 3 ? LinearModel.fromJSON(v) : withDenseCount(LinearModel.fromJSON(v))) : null;
  return {
    // Format 1 (before label heads moved to word features) keeps scoring them on every feature.
    labelFeatures: json.format === 1 ? 'all' : 'words',
    sentiment: withDenseCount(LinearModel.fromJSON(json.sentiment)),
    logitBias: Array.isArray(json.logitBias) ? json.logitBias : [0, 0, 0],
    intent: label(json.intent),
    complaintType: label(json.complaintType),
    // Format 3: gated heads whose label heads read the default's answer.
    gates:
      json.format === 3
        ? {
            sentiment: gateFromJson(g?.sentiment),
            intent: gateFromJson(g?.intent),
            complaintType: gateFromJson(g?.complaintType),
          }
        : null,
  };
}
