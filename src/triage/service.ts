import type { Db } from '../store/database.js';
import { addCorrection, getActiveModel, listCorrections, saveModel } from '../store/triage-repo.js';
import { defaultTriager } from './default-triager.js';
import { DEFAULT_TYPES, type WorkspaceHeads } from './model.js';
import { snapshotOf, type TriagerSnapshot } from './snapshot.js';
import { applyCorrection, type Correction, headsFromJson, headsToJson, workspaceTriager } from './train.js';
import type { Triager } from './types.js';

/** The workspace every single-tenant install uses. */
export const DEFAULT_WORKSPACE = 'default';

/** What GET /api/v1/triage/model shows about the model in use. */
export interface ModelInfo {
  workspace: string;
  /** 0 for the shipped default. */
  version: number;
  kind: 'default' | 'workspace';
  name: string;
  trainedRows: number;
  corrections: number;
  metrics: Record<string, unknown> | null;
  createdAt: number | null;
  /** Complaint types a message may be given: the default's, then the ones the team added, A–Z. */
  complaintTypes: string[];
}

/** Metadata stored with every workspace model version (triage_models.metrics_json). */
export interface WorkspaceMeta {
  trainedRows: number;
  corrections: number;
  /** Highest correction id folded into this version; later ones are replayed on load. */
  lastCorrectionId: number;
  metrics?: Record<string, unknown> | null;
}

/** The triage model in use for this workspace, swappable when a trained model is loaded. */
export interface TriageService {
  current(): Triager;
  /** The current model in a form another thread can rebuild (see triagerFromSnapshot). */
  snapshot(): TriagerSnapshot;
  info(): ModelInfo;
  /**
   * Stores an agent's correction (durably, first), folds it into the in-memory workspace model and
   * persists a new model version every few corrections. Corrections not yet in a stored version are
   * replayed at load, so none is ever lost.
   */
  recordCorrection(
    c: Correction & { messageId: number | null; userId: number | null },
    at: number,
  ): Promise<void>;
  /** Persists a new version now if corrections are pending. */
  flush(at: number): Promise<void>;
  /** Reloads the active model from the database (after `rapport train`). */
  reload(): Promise<void>;
}

/** Stores trained heads as the workspace's new active version; returns the version number. */
export async function storeWorkspaceModel(
  db: Db,
  heads: WorkspaceHeads,
  meta: WorkspaceMeta,
  at: number,
  workspace = DEFAULT_WORKSPACE,
): Promise<number> {
  const saved = await saveModel(db, {
    workspace,
    kind: 'workspace',
    model: headsToJson(heads),
    metrics: { ...meta },
    at,
  });
  return saved.version;
}

/** Loads the workspace's active model from the database, or the shipped default. */
export async function createTriageService(
  db: Db,
  options: { workspace?: string; persistEvery?: number } = {},
): Promise<TriageService> {
  const workspace = options.workspace ?? DEFAULT_WORKSPACE;
  const persistEvery = options.persistEvery ?? 10;
  let heads: WorkspaceHeads | null = null;
  let triager: Triager = defaultTriager;
  let snapshot: TriagerSnapshot | null = null;
  let info: ModelInfo = defaultInfo(workspace);
  let meta: WorkspaceMeta = { trainedRows: 0, corrections: 0, lastCorrectionId: 0 };
  let pending = 0;
  let queue: Promise<unknown> = Promise.resolve();

  const rebuild = () => {
    triager = heads ? workspaceTriager(heads, info.version) : defaultTriager;
    snapshot = null;
    info = { ...info, name: heads ? `workspace@${info.version}` : defaultTriager.name };
  };

  const load = async () => {
    const stored = await getActiveModel(db, workspace);
    heads = null;
    info = defaultInfo(workspace);
    meta = { trainedRows: 0, corrections: 0, lastCorrectionId: 0 };
    if (stored && stored.kind === 'workspace') {
      heads = headsFromJson(stored.model);
      const m = (stored.metrics ?? {}) as Partial<WorkspaceMeta>;
      meta = {
        trainedRows: Number(m.trainedRows ?? 0),
        corrections: Number(m.corrections ?? 0),
        lastCorrectionId: Number(m.lastCorrectionId ?? 0),
        metrics: (m.metrics as Record<string, unknown> | undefined) ?? null,
      };
      info = {
        workspace,
        version: stored.version,
        kind: 'workspace',
        name: `workspace@${stored.version}`,
        trainedRows: meta.trainedRows,
        corrections: meta.corrections,
        metrics: meta.metrics ?? null,
        createdAt: stored.createdAt,
        complaintTypes: DEFAULT_TYPES,
      };
    }
    // A model built from corrections alone before gates existed (format 1 or 2) could let one
    // correction relabel every message: rebuild it from all its corrections with gates.
    if (heads && !heads.gates && meta.trainedRows === 0) {
      heads = null;
      meta = { ...meta, corrections: 0, lastCorrectionId: 0 };
    }
    // Replay corrections newer than the stored version.
    const later = await listCorrections(db, workspace, meta.lastCorrectionId);
    pending = 0;
    for (const c of later) {
      if (!isField(c.field)) continue;
      heads = applyCorrection(heads, { text: c.text, field: c.field, label: c.label });
      meta.corrections += 1;
      meta.lastCorrectionId = c.id;
      pending += 1;
    }
    if (later.length && info.kind === 'default') info = { ...info, kind: 'workspace' };
    info.corrections = meta.corrections;
    rebuild();
  };

  const persist = async (at: number) => {
    if (!heads || pending === 0) return;
    const version = await storeWorkspaceModel(db, heads, meta, at, workspace);
    pending = 0;
    info = { ...info, version, kind: 'workspace', createdAt: at, corrections: meta.corrections };
    rebuild();
  };

  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  await load();

  return {
    current: () => triager,
    snapshot: () => {
      snapshot ??= snapshotOf(heads, info.version);
      return snapshot;
    },
    info: () => ({ ...info, complaintTypes: complaintTypesOf(heads) }),
    recordCorrection: (c, at) =>
      serial(async () => {
        const id = await addCorrection(db, {
          workspace,
          messageId: c.messageId,
          text: c.text,
          field: c.field,
          label: c.label,
          userId: c.userId,
          createdAt: at,
        });
        heads = applyCorrection(heads, c);
        meta.corrections += 1;
        meta.lastCorrectionId = id;
        pending += 1;
        info = { ...info, kind: 'workspace', corrections: meta.corrections };
        rebuild();
        if (pending >= persistEvery) await persist(at);
      }),
    flush: (at) => serial(() => persist(at)),
    reload: () => serial(load),
  };
}

function isField(f: string): f is Correction['field'] {
  return f === 'sentiment' || f === 'intent' || f === 'complaintType';
}

/** The default's complaint types, then those a workspace head learned from the team, A–Z. */
function complaintTypesOf(heads: WorkspaceHeads | null): string[] {
  const added = (heads?.complaintType?.classes ?? []).filter((t) => !DEFAULT_TYPES.includes(t));
  return [...DEFAULT_TYPES, ...added.sort()];
}

function defaultInfo(workspace: string): ModelInfo {
  return {
    workspace,
    version: 0,
    kind: 'default',
    name: defaultTriager.name,
    trainedRows: 0,
    corrections: 0,
    metrics: null,
    createdAt: null,
    complaintTypes: DEFAULT_TYPES,
  };
}
