import { channelDefinition } from '../channels/registry.js';
import { checkReply } from '../guidelines/check.js';
import { recentIndex } from '../guidelines/similarity.js';
import type { CheckSettings, Finding, ShuntReason, TemplateUse } from '../guidelines/types.js';
import { NotFoundError, ReplyBlockedError } from '../platform/errors.js';
import { appendEvent } from '../store/events-repo.js';
import {
  checkContext,
  loadCheckSettings,
  recentReplyTexts,
  saveCheckSettings,
} from '../store/reply-checks-repo.js';
import { type CommandActor, eventActor } from './actor.js';
import type { Services } from './services.js';

/** How far back, and how many, replies to other customers the form-letter check compares with. */
export const RECENT_REPLY_DAYS = 7;
export const RECENT_REPLY_LIMIT = 500;

/** The workspace's settings of the check before sending. */
export function getReplyCheckSettings(services: Services): Promise<CheckSettings> {
  return loadCheckSettings(services.db.kysely);
}

/** Replaces the settings (admins), audited. */
export async function putReplyCheckSettings(
  services: Services,
  actor: CommandActor,
  settings: CheckSettings,
) {
  const now = services.clock.now();
  const clean: CheckSettings = {
    ...settings,
    confidentialTerms: [...new Set(settings.confidentialTerms.map((t) => t.trim()).filter(Boolean))],
    publicContacts: [...new Set(settings.publicContacts.map((t) => t.trim()).filter(Boolean))],
  };
  await services.db.kysely.transaction().execute(async (trx) => {
    await saveCheckSettings(trx, clean, now, actor.userId);
    await appendEvent(trx, {
      at: now,
      actor: eventActor(actor),
      type: 'reply_checks.changed',
      data: { requireSignature: clean.requireSignature, confidentialTerms: clean.confidentialTerms.length },
    });
  });
  services.events.wake();
  return loadCheckSettings(services.db.kysely);
}

/** A reply to check: for a conversation (its customer and channel are looked up) or on its own. */
export interface CheckRequest {
  text: string;
  conversationId?: number;
  customerText?: string | null;
  customerName?: string | null;
  channel?: string | null;
  template?: TemplateUse | null;
}

/** Runs the check with the workspace's settings (POST /api/v1/replies/check, `rapport check-reply`). */
export async function checkReplyText(services: Services, req: CheckRequest, settings?: CheckSettings) {
  const db = services.db.kysely;
  const ctx = req.conversationId !== undefined ? await checkContext(db, req.conversationId) : undefined;
  if (req.conversationId !== undefined && !ctx) throw new NotFoundError(`conversation ${req.conversationId}`);
  const channel = req.channel ?? ctx?.channel ?? null;
  const recent = await recentReplyTexts(db, {
    conversationId: req.conversationId ?? null,
    contactId: ctx?.contactId ?? null,
    since: services.clock.now() - RECENT_REPLY_DAYS * 86_400_000,
    limit: RECENT_REPLY_LIMIT,
  });
  return checkReply(
    {
      text: req.text,
      customerText: req.customerText ?? ctx?.customerText ?? null,
      customerName: req.customerName ?? ctx?.customerName ?? null,
      channel,
      maxLength: channel ? channelDefinition(channel).capabilities.maxLength : null,
      recent: recentIndex(recent),
      template: req.template ?? null,
    },
    settings ?? (await loadCheckSettings(db)),
  );
}

/**
 * The check again on send: refuses the reply when a finding blocks, unless the only blocking
 * finding is an offline shunt and the agent gave an allowed reason (account details, legal,
 * privacy). Returns what the send records with its event.
 */
export async function checkBeforeSend(
  services: Services,
  conversationId: number,
  text: string,
  opts: { shuntReason?: ShuntReason; template?: TemplateUse | null } = {},
): Promise<{ findings: Finding[]; shuntReason?: ShuntReason }> {
  const findings = await checkReplyText(services, { text, conversationId, template: opts.template ?? null });
  const blocking = findings.filter(
    (f) => f.severity === 'block' && !(f.code === 'offline_shunt' && opts.shuntReason !== undefined),
  );
  if (blocking.length > 0) throw new ReplyBlockedError(blocking);
  const shunted = findings.some((f) => f.code === 'offline_shunt');
  return { findings, ...(shunted && opts.shuntReason ? { shuntReason: opts.shuntReason } : {}) };
}

/** What an audit of past replies checks with: the settings and the replies recently sent. */
export async function replyAuditContext(services: Services) {
  return {
    settings: await loadCheckSettings(services.db.kysely),
    recent: await recentReplyTexts(services.db.kysely, {
      conversationId: null,
      contactId: null,
      since: services.clock.now() - RECENT_REPLY_DAYS * 86_400_000,
      limit: RECENT_REPLY_LIMIT,
    }),
  };
}
