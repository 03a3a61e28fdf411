import { decodeChannelAccount } from '../channels/account-codec.js';
import {
  CHAT_CHANNEL,
  cleanPageUrl,
  threadKeyOf,
  visitorMessageInput,
  widgetMessageOf,
} from '../channels/chat/mapping.js';
import type { VisitorProfile, WidgetMessage } from '../channels/chat/protocol.js';
import { type ChatSettings, chatSettingsOf, visitorSecretOf } from '../channels/chat/settings.js';
import { markVisitorSeen, readVisitorProfile, writeVisitorProfile } from '../channels/chat/visitor-state.js';
import { newVisitorId, signVisitorToken, verifyVisitorToken } from '../channels/chat/visitor-token.js';
import type { ChannelAccount, ChannelContext } from '../channels/types.js';
import { AppError, ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.js';
import { getChannelAccountRow, listChannelAccountRows } from '../store/channel-accounts-repo.js';
import {
  applyVisitorProfile,
  conversationMessagesForWidget,
  messageInConversations,
  visitorConversationIds,
} from '../store/chat-repo.js';
import type { Services } from './services.js';

/** How many earlier messages a returning visitor gets back. */
export const WIDGET_HISTORY_LIMIT = 200;

/** A chat account as the widget endpoints use it: settings parsed, and its channel context. */
export interface WidgetAccount {
  account: ChannelAccount;
  settings: ChatSettings;
  ctx: ChannelContext;
}

/** A visitor whose token checked out (or who was just started): the only identity a socket has. */
export interface Visitor {
  id: string;
  profile: VisitorProfile;
  /** Their own conversations, as found from the verified id; grows when they start one. */
  conversationIds: number[];
}

/**
 * The chat account a widget key names. Unknown keys are not found; a paused account is unavailable
 * (its widget stays hidden until it is resumed).
 */
export async function findWidgetAccount(services: Services, widgetKey: string): Promise<WidgetAccount> {
  const rows = await listChannelAccountRows(services.db.kysely, CHAT_CHANNEL);
  const row = rows.find(
    (r) => (JSON.parse(r.settings_json) as { widgetKey?: unknown }).widgetKey === widgetKey,
  );
  if (!row) throw new NotFoundError('chat widget');
  if (row.status === 'paused') throw new AppError('channel_unavailable', 'this chat is paused');
  const account = decodeChannelAccount(services, row);
  const ctx = services.channelContext(account, new AbortController().signal);
  return { account, settings: chatSettingsOf(account), ctx };
}

/**
 * Reads a chat account as it is now and answers, for any socket of it, whether that socket must
 * reconnect: the account was removed or paused, or its settings or name changed since the socket
 * read them. An event that changed nothing a socket holds (the account's own creation, a status
 * report) keeps the visitor's conversation open.
 */
export async function widgetAccountCheck(
  services: Services,
  accountId: number,
): Promise<(wa: WidgetAccount) => boolean> {
  const row = await getChannelAccountRow(services.db.kysely, accountId);
  if (!row || row.status === 'paused') return () => true;
  const version = row.updated_at ?? row.created_at;
  const settings = JSON.stringify(JSON.parse(row.settings_json));
  return (wa) =>
    wa.account.updatedAt !== version ||
    wa.account.name !== row.name ||
    JSON.stringify(wa.account.settings) !== settings;
}

/**
 * Starts a widget session: the visitor the token proves, with their profile and conversation, or a
 * fresh visitor (new id, new token) when the token is missing, forged, tampered with or another
 * account's. A bad token never reveals whether any visitor exists.
 */
export async function openVisitor(
  services: Services,
  wa: WidgetAccount,
  token: string | null | undefined,
): Promise<{ visitor: Visitor; token: string; fresh: boolean; messages: WidgetMessage[] }> {
  const secret = visitorSecretOf(wa.account);
  const known = verifyVisitorToken(secret, wa.account.id, token);
  const id = known ?? newVisitorId();
  const visitorToken = known ? (token as string) : signVisitorToken(secret, wa.account.id, id);
  if (!known) {
    return {
      visitor: { id, profile: { name: null, email: null }, conversationIds: [] },
      token: visitorToken,
      fresh: true,
      messages: [],
    };
  }
  const db = services.db.kysely;
  const conversationIds = await visitorConversationIds(db, {
    channel: CHAT_CHANNEL,
    accountId: wa.account.id,
    threadKey: threadKeyOf(id),
  });
  const rows = await conversationMessagesForWidget(db, conversationIds, WIDGET_HISTORY_LIMIT);
  return {
    visitor: { id, profile: await readVisitorProfile(wa.ctx.state, id), conversationIds },
    token: visitorToken,
    fresh: false,
    messages: rows.map((r) => widgetMessageOf(r, id)),
  };
}

/**
 * Stores a visitor's message through the ingest pipeline (deduped on the widget's id, so a resend
 * after a reconnect changes nothing) and returns it as stored. Resolves only once it is persisted:
 * the widget is acknowledged after this.
 */
export async function postVisitorMessage(
  services: Services,
  wa: WidgetAccount,
  visitor: Visitor,
  input: { clientId: string; text: string; page: string | null },
): Promise<{ message: WidgetMessage; conversationId: number; started: boolean }> {
  const message = visitorMessageInput({
    visitorId: visitor.id,
    clientId: input.clientId,
    text: input.text,
    profile: visitor.profile,
    page: cleanPageUrl(input.page),
    now: services.clock.now(),
  });
  if (!message.text) throw new ValidationError('message is empty');
  const report = await wa.ctx.ingest([message]);
  const result = report.results[0];
  if (!result) throw new ValidationError(report.rejected[0]?.errors.join('; ') ?? 'message refused');
  const started = !visitor.conversationIds.includes(result.conversationId);
  if (started) {
    // defence in depth: the conversation must be this visitor's on this account
    const own = await visitorConversationIds(services.db.kysely, {
      channel: CHAT_CHANNEL,
      accountId: wa.account.id,
      threadKey: threadKeyOf(visitor.id),
    });
    if (!own.includes(result.conversationId)) throw new ForbiddenError('not your conversation');
    visitor.conversationIds = own;
    await applyVisitorProfile(services.db.kysely, {
      channel: CHAT_CHANNEL,
      visitorId: visitor.id,
      ...visitor.profile,
      now: services.clock.now(),
    });
  }
  const row = await messageInConversations(services.db.kysely, result.messageId, visitor.conversationIds);
  if (!row) throw new ForbiddenError('not your message');
  return { message: widgetMessageOf(row, visitor.id), conversationId: result.conversationId, started };
}

/** Saves the name and email a visitor left (merged over what they left before) and says so live. */
export async function saveVisitorProfile(
  services: Services,
  wa: WidgetAccount,
  visitor: Visitor,
  input: Partial<VisitorProfile>,
): Promise<VisitorProfile> {
  const profile: VisitorProfile = {
    name: input.name === undefined ? visitor.profile.name : input.name,
    email: input.email === undefined ? visitor.profile.email : input.email,
  };
  await writeVisitorProfile(wa.ctx.state, visitor.id, profile);
  visitor.profile = profile;
  await applyVisitorProfile(services.db.kysely, {
    channel: CHAT_CHANNEL,
    visitorId: visitor.id,
    ...profile,
    now: services.clock.now(),
  });
  // agents looking at the conversation see the name at once, not at the visitor's next message
  for (const conversationId of visitor.conversationIds) {
    services.live.publish({ type: 'conversation.updated', conversationId, reason: 'contact' });
  }
  return profile;
}

/** A message of the visitor's own conversations (for live pushes), or null for anyone else's. */
export async function visitorMessage(
  services: Services,
  visitor: Visitor,
  messageId: number,
): Promise<WidgetMessage | null> {
  const row = await messageInConversations(services.db.kysely, messageId, visitor.conversationIds);
  return row ? widgetMessageOf(row, visitor.id) : null;
}

/** Records that the visitor's widget is connected or has gone (decides live vs email for replies). */
export async function setVisitorConnected(
  services: Services,
  wa: WidgetAccount,
  visitor: Visitor,
  connected: boolean,
): Promise<void> {
  await markVisitorSeen(wa.ctx.state, visitor.id, connected, services.clock.now());
}
