import { defaultTriager } from './default-triager.js';
import type { WorkspaceHeads } from './model.js';
import { headsFromJson, headsToJson, workspaceTriager } from './train.js';
import type { Triager } from './types.js';

/**
 * A triager in a form that crosses a thread boundary (worker data is structured-cloned): the
 * workspace heads as JSON, or null for the shipped default, and the version the model is named
 * after. Rebuilding it gives a triager that scores exactly like the original (weights round-trip
 * bit for bit).
 */
export interface TriagerSnapshot {
  heads: string | null;
  version: number;
}

/** The snapshot of a workspace model (null heads: the shipped default). */
export function snapshotOf(heads: WorkspaceHeads | null, version: number): TriagerSnapshot {
  return { heads: heads ? headsToJson(heads) : null, version };
}

/** The triager a snapshot describes. */
export function triagerFromSnapshot(snapshot: TriagerSnapshot): Triager {
  return snapshot.heads === null
    ? defaultTriager
    : workspaceTriager(headsFromJson(snapshot.heads), snapshot.version);
}
