import type { Kysely } from 'kysely';
import { dayOf, renderTemplate, secondUseVerdict, type TemplateFacts } from '../domain/saved-replies.js';
import { FormLetterError, NotFoundError, ValidationError } from '../platform/errors.js';
import { getSavedReply } from '../store/playbooks-repo.js';
import type { ConversationRow, Database } from '../store/schema.js';
import type { CommandActor } from './actor.js';
import { type AgentVoice, displayNameFor, voiceOf } from './agent-voice.js';
import type { Services } from './services.js';

/** The saved reply an agent inserted into a reply, as the composer reports it on send. */
export interface TemplateUse {
  id: number;
  /** The text as the composer inserted it (recorded; the rule compares with the server's own filling). */
  insertedText?: string;
}

/** Who a reply goes to, for the second-use rule: the contact, else the conversation. */
export function customerKeyOf(conv: Pick<ConversationRow, 'id' | 'contact_id'>): string {
  return conv.contact_id !== null ? `contact:${conv.contact_id}` : `conversation:${conv.id}`;
}

/** What a template is filled from in one conversation (a name only once the customer confirmed it). */
export async function templateFacts(
  db: Kysely<Database>,
  conv: Pick<ConversationRow, 'contact_id' | 'channel'>,
  voice: Pick<AgentVoice, 'name' | 'displayNames'> | null,
): Promise<TemplateFacts> {
  const contact = conv.contact_id
    ? await db
        .selectFrom('contacts')
        .select(['preferred_name', 'preferred_name_confirmed', 'custom_json', 'company'])
        .where('id', '=', conv.contact_id)
        .executeTakeFirst()
    : undefined;
  let custom: Record<string, string> = {};
  try {
    const parsed = JSON.parse(contact?.custom_json ?? '{}') as Record<string, unknown>;
    custom = Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k.toLowerCase(), String(v)]));
  } catch {
    custom = {};
  }
  return {
    confirmedName: contact?.preferred_name_confirmed === 1 ? contact.preferred_name : null,
    agentName: voice ? displayNameFor(voice, conv.channel) : null,
    custom,
    company: contact?.company ?? null,
  };
}

async function conversationOf(db: Kysely<Database>, id: number) {
  const conv = await db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!conv) throw new NotFoundError(`conversation ${id}`);
  return conv;
}

async function firstUneditedToday(db: Kysely<Database>, savedReplyId: number, day: string) {
  const claim = await db
    .selectFrom('saved_reply_claims')
    .select('customer_key')
    .where('saved_reply_id', '=', savedReplyId)
    .where('day', '=', day)
    .executeTakeFirst();
  return claim?.customer_key ?? null;
}

/**
 * A saved reply filled in for one conversation, as the composer inserts it, with the variables left
 * for the agent and whether it already went unedited to another customer today.
 */
export async function renderSavedReply(
  services: Services,
  actor: CommandActor,
  savedReplyId: number,
  conversationId: number,
) {
  const db = services.db.kysely;
  const saved = await getSavedReply(db, savedReplyId);
  if (!saved) throw new NotFoundError(`saved reply ${savedReplyId}`);
  const conv = await conversationOf(db, conversationId);
  const voice = actor.userId !== null ? await voiceOf(db, actor.userId) : null;
  const rendered = renderTemplate(
    saved.body,
    await templateFacts(db, conv, voice ?? { name: actor.name, displayNames: {} }),
  );
  const first = await firstUneditedToday(db, savedReplyId, dayOf(services.clock.now()));
  return { ...rendered, usedTodayWithOtherCustomer: first !== null && first !== customerKeyOf(conv) };
}

/**
 * Enforces the second-use rule for a reply that used a saved reply, inside the reply's transaction,
 * and records the use (which template, the text as inserted, what was sent to whom). The first
 * customer to get a template unedited on a day claims it; an unedited send to anyone else that day
 * is refused with a FormLetterError. Unfilled `{variables}` are refused too.
 */
export async function recordTemplateUse(
  trx: Kysely<Database>,
  services: Services,
  input: {
    conv: ConversationRow;
    actor: CommandActor;
    voice: AgentVoice | null;
    template: TemplateUse;
    text: string;
    messageId: number | null;
    approvalId: number | null;
  },
) {
  const { conv, template, text } = input;
  const saved = await getSavedReply(trx, template.id);
  if (!saved) throw new NotFoundError(`saved reply ${template.id}`);
  const voice = input.voice ?? { name: input.actor.name, displayNames: {} };
  const rendered = renderTemplate(saved.body, await templateFacts(trx, conv, voice));
  const left = rendered.unfilled.filter((name) => text.toLowerCase().includes(`{${name}}`));
  if (left.length) {
    throw new ValidationError(`fill in ${left.map((n) => `{${n}}`).join(', ')} before sending`, {
      unfilled: left,
    });
  }
  const now = services.clock.now();
  const day = dayOf(now);
  const customerKey = customerKeyOf(conv);
  const verdictWith = (first: string | null) =>
    secondUseVerdict({
      insertedText: rendered.text,
      sentText: text,
      ignore: input.voice?.signature ? [input.voice.signature] : [],
      customerKey,
      firstUneditedToday: first,
    });
  let verdict = verdictWith(await firstUneditedToday(trx, saved.id, day));
  if (verdict.unedited && !verdict.refused) {
    // claim the day (two agents sending at once: one claim wins, the other is then refused)
    await trx
      .insertInto('saved_reply_claims')
      .values({ saved_reply_id: saved.id, day, customer_key: customerKey, at: now })
      .onConflict((oc) => oc.columns(['saved_reply_id', 'day']).doNothing())
      .execute();
    verdict = verdictWith(await firstUneditedToday(trx, saved.id, day));
  }
  if (verdict.refused) {
    throw new FormLetterError(`/${saved.shortcut}: ${verdict.reason}`, {
      savedReplyId: saved.id,
      wordsChanged: verdict.wordsChanged,
    });
  }
  await trx
    .insertInto('saved_reply_uses')
    .values({
      saved_reply_id: saved.id,
      user_id: input.actor.userId,
      conversation_id: conv.id,
      customer_key: customerKey,
      inserted_text: template.insertedText ?? rendered.text,
      sent_text: text,
      unedited: verdict.unedited ? 1 : 0,
      day,
      message_id: input.messageId,
      approval_id: input.approvalId,
      at: now,
    })
    .execute();
}
