import type { Kysely } from 'kysely';
import { defaultPlaybooks, defaultSavedReplies } from '../domain/playbooks.js';
import { NotFoundError } from '../platform/errors.js';
import { appendEvent, type EventActor, systemActor } from '../store/events-repo.js';
import {
  findPlaybook,
  insertPlaybook,
  insertSavedReply,
  listPlaybooks,
  listSavedReplies,
  type PlaybookInput,
  removePlaybook,
  removeSavedReply,
  replacePlaybook,
  replaceSavedReply,
  type SavedReplyInput,
} from '../store/playbooks-repo.js';
import type { Database } from '../store/schema.js';
import { readTriageJson } from '../store/triage-view.js';
import { type CommandActor, eventActor } from './actor.js';
import type { Services } from './services.js';

/** Every playbook (everyone reads them). */
export function listAllPlaybooks(services: Services) {
  return listPlaybooks(services.db.kysely);
}

async function changed(
  trx: Kysely<Database>,
  services: Services,
  actor: EventActor,
  data: {
    what: 'playbook' | 'saved_reply' | 'defaults';
    id: number | null;
    action: 'created' | 'updated' | 'deleted' | 'installed';
    name: string;
  },
) {
  await appendEvent(trx, {
    at: services.clock.now(),
    actor,
    type: 'playbook.changed',
    conversationId: null,
    data,
  });
}

/** Runs a change and its audit event in one transaction, then wakes the event readers. */
async function audited<T>(services: Services, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  const result = await services.db.kysely.transaction().execute(work);
  services.events.wake();
  return result;
}

/** Adds a playbook (admins). */
export function createPlaybook(services: Services, actor: CommandActor, input: PlaybookInput) {
  return audited(services, async (trx) => {
    const playbook = await insertPlaybook(trx, input, services.clock.now());
    await changed(trx, services, eventActor(actor), {
      what: 'playbook',
      id: playbook.id,
      action: 'created',
      name: playbook.name,
    });
    return playbook;
  });
}

/** Replaces a playbook (admins). */
export function updatePlaybook(services: Services, actor: CommandActor, id: number, input: PlaybookInput) {
  return audited(services, async (trx) => {
    const playbook = await replacePlaybook(trx, id, input, services.clock.now());
    await changed(trx, services, eventActor(actor), {
      what: 'playbook',
      id,
      action: 'updated',
      name: playbook.name,
    });
    return playbook;
  });
}

/** Removes a playbook (admins). */
export function deletePlaybook(services: Services, actor: CommandActor, id: number) {
  return audited(services, async (trx) => {
    const name = await removePlaybook(trx, id);
    await changed(trx, services, eventActor(actor), { what: 'playbook', id, action: 'deleted', name });
  });
}

/** Every saved reply (everyone reads them; the composer's `/` menu lists them). */
export function listAllSavedReplies(services: Services) {
  return listSavedReplies(services.db.kysely);
}

/** Adds a saved reply (admins). */
export function createSavedReply(services: Services, actor: CommandActor, input: SavedReplyInput) {
  return audited(services, async (trx) => {
    const saved = await insertSavedReply(trx, input, actor.userId, services.clock.now());
    await changed(trx, services, eventActor(actor), {
      what: 'saved_reply',
      id: saved.id,
      action: 'created',
      name: saved.shortcut,
    });
    return saved;
  });
}

/** Replaces a saved reply (admins). */
export function updateSavedReply(
  services: Services,
  actor: CommandActor,
  id: number,
  input: SavedReplyInput,
) {
  return audited(services, async (trx) => {
    const saved = await replaceSavedReply(trx, id, input, services.clock.now());
    await changed(trx, services, eventActor(actor), {
      what: 'saved_reply',
      id,
      action: 'updated',
      name: saved.shortcut,
    });
    return saved;
  });
}

/** Removes a saved reply (admins); playbooks that linked it simply no longer show it. */
export function deleteSavedReply(services: Services, actor: CommandActor, id: number) {
  return audited(services, async (trx) => {
    const name = await removeSavedReply(trx, id);
    await changed(trx, services, eventActor(actor), { what: 'saved_reply', id, action: 'deleted', name });
  });
}

/**
 * Installs the default playbooks and the saved replies they point to, leaving alone any complaint
 * type that already has a playbook and any shortcut already taken (running it twice adds nothing).
 */
export function installDefaultPlaybooks(services: Services, actor: CommandActor | null) {
  return audited(services, async (trx) => {
    const now = services.clock.now();
    const saved = new Map((await listSavedReplies(trx)).map((s) => [s.shortcut, s.id]));
    let savedReplies = 0;
    for (const d of defaultSavedReplies) {
      if (saved.has(d.shortcut)) continue;
      saved.set(d.shortcut, (await insertSavedReply(trx, d, actor?.userId ?? null, now)).id);
      savedReplies++;
    }
    const taken = new Set((await listPlaybooks(trx)).filter((p) => !p.intent).map((p) => p.complaintType));
    let playbooks = 0;
    for (const d of defaultPlaybooks) {
      if (taken.has(d.complaintType)) continue;
      const savedReplyIds = d.shortcuts.flatMap((s) => (saved.has(s) ? [saved.get(s)!] : []));
      await insertPlaybook(
        trx,
        { complaintType: d.complaintType, intent: null, name: d.name, plan: d.plan, savedReplyIds },
        now,
      );
      playbooks++;
    }
    await changed(trx, services, actor ? eventActor(actor) : systemActor, {
      what: 'defaults',
      id: null,
      action: 'installed',
      name: `${playbooks} playbooks, ${savedReplies} saved replies`,
    });
    return { playbooks, savedReplies };
  });
}

/**
 * The playbook for an open conversation: its complaint type and intent are those of the customer's
 * latest message that triage (or a teammate's correction) gave a complaint type.
 */
export async function playbookForConversation(services: Services, conversationId: number) {
  const db = services.db.kysely;
  const conv = await db
    .selectFrom('conversations')
    .select('id')
    .where('id', '=', conversationId)
    .executeTakeFirst();
  if (!conv) throw new NotFoundError(`conversation ${conversationId}`);
  const inbound = await db
    .selectFrom('messages')
    .select(['triage_json', 'intent'])
    .where('conversation_id', '=', conversationId)
    .where('direction', '=', 'inbound')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(50)
    .execute();
  const typed = inbound.find((m) => readTriageJson(m.triage_json)?.complaintType);
  const complaintType = typed ? (readTriageJson(typed.triage_json)?.complaintType ?? null) : null;
  const intent = typed?.intent ?? null;
  const playbook = complaintType ? await findPlaybook(db, complaintType, intent) : null;
  const all = playbook ? await listSavedReplies(db) : [];
  const savedReplies = playbook ? all.filter((s) => playbook.savedReplyIds.includes(s.id)) : [];
  return { complaintType, intent, playbook, savedReplies };
}
