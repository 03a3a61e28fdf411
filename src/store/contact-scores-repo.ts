import type { Kysely } from 'kysely';
import {
  advocateScore,
  type ChurnReason,
  type ComplaintFacts,
  churnRisk,
  type ScoredMessage,
  type ScoreSignals,
  scoreSignals,
} from '../domain/people-scores.js';
import { chunk } from './chunks.js';
import type { Database } from './schema.js';

/** How many of a person's latest messages the scores read. */
const SCORED_MESSAGES = 300;

/** A contact's stored scores, as the API shows them. */
export interface ContactScores {
  advocateScore: number;
  signals: ScoreSignals;
  churnRisk: boolean;
  churnReasons: ChurnReason[];
  lastContactAt: number | null;
}

const reshareOf = (meta: string | null) =>
  meta !== null && (meta.includes('"quote_of"') || meta.includes('"reason":"repost"'));

/**
 * Recomputes and stores one person's advocate score, churn risk and last contact from what they
 * wrote (their latest messages), their complaints' state and their reach. Erased and merged-away
 * contacts keep no scores.
 */
export async function recomputeContactScores(db: Kysely<Database>, contactId: number, now: number) {
  const contact = await db
    .selectFrom('contacts')
    .select(['follower_count', 'merged_into', 'erased_at'])
    .where('id', '=', contactId)
    .executeTakeFirst();
  if (!contact || contact.merged_into !== null || contact.erased_at !== null) {
    await db.deleteFrom('contact_scores').where('contact_id', '=', contactId).execute();
    return null;
  }
  const rows = await db
    .selectFrom('messages')
    .select(['created_at', 'sentiment', 'intent', 'text', 'meta_json', 'direction', 'author_followers'])
    .where('contact_id', '=', contactId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(SCORED_MESSAGES)
    .execute();
  const inbound: ScoredMessage[] = rows
    .filter((r) => r.direction === 'inbound')
    .reverse()
    .map((r) => ({
      at: Number(r.created_at),
      sentiment: r.sentiment,
      intent: r.intent,
      text: r.text,
      reshare: reshareOf(r.meta_json),
    }));
  const followers = Math.max(contact.follower_count ?? 0, ...rows.map((r) => r.author_followers ?? 0));
  const complaintRows = await db
    .selectFrom('conversations as c')
    .select(['c.id', 'c.status', 'c.first_inbound_at', 'c.first_response_due_at', 'c.first_response_at'])
    .select(['c.reply_due_at', 'c.waiting_since', 'c.resolution_due_at', 'c.created_at'])
    .where('c.contact_id', '=', contactId)
    .where((eb) =>
      eb.or([
        eb('c.sentiment', '=', 'negative'),
        eb.exists(
          eb
            .selectFrom('messages as m')
            .select('m.id')
            .whereRef('m.conversation_id', '=', 'c.id')
            .where('m.intent', '=', 'complaint'),
        ),
      ]),
    )
    .orderBy('c.id', 'desc')
    .limit(50)
    .execute();
  const complaints: ComplaintFacts[] = complaintRows.map((c) => {
    const due = (at: number | null, done: boolean) => at !== null && !done && Number(at) < now;
    return {
      conversationId: c.id,
      resolved: c.status === 'resolved',
      awaitingTeam: c.waiting_since !== null,
      breached:
        due(c.first_response_due_at, c.first_response_at !== null) ||
        due(c.reply_due_at, c.waiting_since === null) ||
        due(c.resolution_due_at, c.status === 'resolved'),
      since: Number(c.waiting_since ?? c.first_inbound_at ?? c.created_at),
    };
  });
  const signals = scoreSignals(inbound, followers);
  const risk = churnRisk(inbound, complaints, now);
  const lastMessage = rows[0] ? Number(rows[0].created_at) : null;
  const lastInteraction = await db
    .selectFrom('contact_interactions')
    .select((eb) => eb.fn.max('at').as('at'))
    .where('contact_id', '=', contactId)
    .executeTakeFirst();
  const lastContactAt = Math.max(lastMessage ?? 0, Number(lastInteraction?.at ?? 0)) || null;
  const row = {
    advocate_score: advocateScore(signals),
    signals_json: JSON.stringify(signals),
    churn_risk: risk.atRisk ? 1 : 0,
    churn_reasons_json: JSON.stringify(risk.reasons),
    last_contact_at: lastContactAt,
    updated_at: now,
  };
  await db
    .insertInto('contact_scores')
    .values({ contact_id: contactId, ...row })
    .onConflict((oc) => oc.column('contact_id').doUpdateSet(row))
    .execute();
  return row;
}

function parsed<T>(json: string, fallback: T): T {
  try {
    return JSON.parse(json) as T;
  } catch {
    return fallback;
  }
}

const noSignals: ScoreSignals = { positiveMentions: 0, reshares: 0, recommendations: 0, reach: 0 };

/** The stored scores of these contacts (contacts never scored get zeros). */
export async function scoresOf(db: Kysely<Database>, contactIds: number[]) {
  const out = new Map<number, ContactScores>();
  for (const part of chunk([...new Set(contactIds)])) {
    const rows = await db.selectFrom('contact_scores').selectAll().where('contact_id', 'in', part).execute();
    for (const r of rows) {
      out.set(r.contact_id, {
        advocateScore: r.advocate_score,
        signals: { ...noSignals, ...parsed<Partial<ScoreSignals>>(r.signals_json, {}) },
        churnRisk: r.churn_risk === 1,
        churnReasons: parsed<ChurnReason[]>(r.churn_reasons_json, []),
        lastContactAt: r.last_contact_at === null ? null : Number(r.last_contact_at),
      });
    }
  }
  return (id: number): ContactScores =>
    out.get(id) ?? {
      advocateScore: 0,
      signals: noSignals,
      churnRisk: false,
      churnReasons: [],
      lastContactAt: null,
    };
}

/** Live contacts flagged at risk of leaving, with their reasons (for Today). */
export async function contactsAtRisk(db: Kysely<Database>, limit = 200) {
  const rows = await db
    .selectFrom('contact_scores as s')
    .innerJoin('contacts as c', 'c.id', 's.contact_id')
    .select(['s.contact_id', 's.churn_reasons_json', 's.advocate_score', 's.last_contact_at'])
    .where('s.churn_risk', '=', 1)
    .where('c.merged_into', 'is', null)
    .orderBy('s.updated_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    contactId: r.contact_id,
    reasons: parsed<ChurnReason[]>(r.churn_reasons_json, []),
    customer: r.advocate_score,
  }));
}
