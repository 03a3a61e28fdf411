import type { Selectable } from 'kysely';
import type { Db } from './database.js';
import type { TriageModelsTable } from './schema.js';

/**
 * Triage models and corrections in the database (SQLite and PostgreSQL alike). Models are versioned
 * per workspace with exactly one active; corrections are kept forever as training examples.
 */

/** One stored model version. */
export interface StoredModel {
  id: number;
  workspace: string;
  version: number;
  kind: string;
  model: string;
  metrics: Record<string, unknown> | null;
  active: boolean;
  createdAt: number;
}

/** A stored correction (an agent fixing triage's answer for one text). */
export interface StoredCorrection {
  id: number;
  workspace: string;
  messageId: number | null;
  text: string;
  field: string;
  label: string;
  userId: number | null;
  createdAt: number;
}

type ModelRow = Selectable<TriageModelsTable>;

function toModel(r: ModelRow): StoredModel {
  return {
    id: Number(r.id),
    workspace: r.workspace,
    version: Number(r.version),
    kind: r.kind,
    model: r.model,
    metrics: r.metrics_json ? (JSON.parse(r.metrics_json) as Record<string, unknown>) : null,
    active: Number(r.active) === 1,
    createdAt: Number(r.created_at),
  };
}

/** The active model of a workspace, or null when it has none (the shipped default applies). */
export async function getActiveModel(db: Db, workspace: string): Promise<StoredModel | null> {
  const row = await db.kysely
    .selectFrom('triage_models')
    .selectAll()
    .where('workspace', '=', workspace)
    .where('active', '=', 1)
    .orderBy('version', 'desc')
    .executeTakeFirst();
  return row ? toModel(row) : null;
}

/** Stores a new version (previous version + 1) and makes it the only active one, atomically. */
export async function saveModel(
  db: Db,
  m: { workspace: string; kind: string; model: string; metrics?: Record<string, unknown> | null; at: number },
): Promise<StoredModel> {
  return db.kysely.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom('triage_models')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('workspace', '=', m.workspace)
      .executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    await trx.updateTable('triage_models').set({ active: 0 }).where('workspace', '=', m.workspace).execute();
    const row = await trx
      .insertInto('triage_models')
      .values({
        workspace: m.workspace,
        version,
        kind: m.kind,
        model: m.model,
        metrics_json: m.metrics ? JSON.stringify(m.metrics) : null,
        active: 1,
        created_at: m.at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toModel(row);
  });
}

/** Versions of a workspace's models, newest first, without the (large) model body. */
export async function listModels(db: Db, workspace: string): Promise<Omit<StoredModel, 'model'>[]> {
  const rows = await db.kysely
    .selectFrom('triage_models')
    .select(['id', 'workspace', 'version', 'kind', 'metrics_json', 'active', 'created_at'])
    .where('workspace', '=', workspace)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => {
    const { model: _model, ...rest } = toModel({ ...r, model: '' });
    return rest;
  });
}

/** Appends one correction and returns its id. */
export async function addCorrection(db: Db, c: Omit<StoredCorrection, 'id'>): Promise<number> {
  const row = await db.kysely
    .insertInto('triage_corrections')
    .values({
      workspace: c.workspace,
      message_id: c.messageId,
      text: c.text,
      field: c.field,
      label: c.label,
      user_id: c.userId,
      created_at: c.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Corrections of a workspace with id greater than `afterId`, oldest first. */
export async function listCorrections(db: Db, workspace: string, afterId = 0): Promise<StoredCorrection[]> {
  const rows = await db.kysely
    .selectFrom('triage_corrections')
    .selectAll()
    .where('workspace', '=', workspace)
    .where('id', '>', afterId)
    .orderBy('id', 'asc')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    workspace: r.workspace,
    messageId: r.message_id === null ? null : Number(r.message_id),
    text: r.text,
    field: r.field,
    label: r.label,
    userId: r.user_id === null ? null : Number(r.user_id),
    createdAt: Number(r.created_at),
  }));
}
