import { decodeChannelAccount } from '../channels/account-codec.js';
import type { ChannelAccount, ChannelContext, ChannelIngestReport } from '../channels/types.js';
import type { Services } from '../commands/services.js';
import { cleanText } from '../domain/clean-input.js';
import { type IncomingMessage, validateMessage } from '../domain/message-format.js';
import { ingestMessages } from '../ingest/ingest.js';
import { resummarize } from '../ingest/resummarize.js';
import {
  getAccountState,
  getChannelAccountRow,
  insertAttachments,
  listAttachmentsOf,
  setAccountState,
  setChannelAccountStatus,
  upsertAudienceSnapshot,
} from '../store/channel-accounts-repo.js';
import { setDelivery } from '../store/conversations-repo.js';
import { appendEvent, systemActor } from '../store/events-repo.js';

/**
 * Builds the context a connector works through for one account: ingest tagged with the account,
 * durable state, status reports, audience snapshots. Connectors never see the database directly.
 */
export function createChannelContext(
  services: Services,
  account: ChannelAccount,
  signal: AbortSignal,
): ChannelContext {
  const db = services.db.kysely;
  const logger = services.logger.child({ channel: account.channel, account: account.id });
  const stored = account.id > 0;
  return {
    config: services.config,
    logger,
    clock: services.clock,
    signal,
    async ingest(inputs, options = {}): Promise<ChannelIngestReport> {
      const valid: IncomingMessage[] = [];
      const rejected: ChannelIngestReport['rejected'] = [];
      inputs.forEach((input, index) => {
        const item = validateMessage(input, index);
        if (item.ok) valid.push(item.message);
        else rejected.push({ index, errors: item.errors });
      });
      if (rejected.length > 0)
        logger.warn({ rejected }, 'channel produced invalid messages; they were skipped');
      const report = await ingestMessages(
        services,
        valid,
        systemActor,
        stored ? { accountId: account.id } : {},
      );
      // keyed by the channel's ids as given; the messages' ids are cleaned (cleanText) by validation
      const files = options.attachments
        ? new Map([...options.attachments].map(([id, list]) => [cleanText(id), list]))
        : undefined;
      if (files && files.size > 0) {
        const now = services.clock.now();
        // a redelivery after a crash between the two writes brings the files of a stored message
        // that has none yet: keep them this time
        const redelivered = report.results
          .filter((r) => r.status === 'duplicate' && files.has(valid[r.index]!.external_id))
          .map((r) => r.messageId);
        const haveFiles = new Set((await listAttachmentsOf(db, redelivered)).map((a) => a.message_id));
        // only the same author's redelivery may heal files: a stranger who knows a Message-ID must
        // not attach files to someone else's message
        const authorOf = new Map(
          redelivered.length === 0
            ? []
            : (
                await db
                  .selectFrom('messages')
                  .select(['id', 'author_external_id'])
                  .where('id', 'in', redelivered)
                  .execute()
              ).map((m) => [m.id, m.author_external_id]),
        );
        const seen = new Set<number>();
        const rows = report.results.flatMap((r) => {
          const message = valid[r.index]!;
          if (r.status !== 'inserted' && haveFiles.has(r.messageId)) return [];
          if (r.status !== 'inserted' && authorOf.get(r.messageId) !== message.author.id) return [];
          if (seen.has(r.messageId)) return [];
          seen.add(r.messageId);
          return (files.get(message.external_id) ?? []).map((f) => ({
            messageId: r.messageId,
            filename: cleanText(f.filename),
            contentType: cleanText(f.contentType),
            size: f.size,
            data: f.data,
            omittedReason: f.omittedReason ?? null,
            now,
          }));
        });
        await insertAttachments(db, rows);
      }
      return { ...report, rejected };
    },
    state: {
      get: (key) => (stored ? getAccountState(db, account.id, key) : Promise.resolve(null)),
      set: async (key, value) => {
        if (stored) await setAccountState(db, account.id, key, value, services.clock.now());
      },
    },
    async reportStatus(status, message = null) {
      if (!stored) return;
      const now = services.clock.now();
      const changed = await db.transaction().execute(async (trx) => {
        const changed = await setChannelAccountStatus(trx, account.id, {
          status,
          message,
          now,
          byPerson: false,
        });
        if (changed) {
          await appendEvent(trx, {
            at: now,
            actor: systemActor,
            type: status === 'broken' ? 'channel.broken' : 'channel.recovered',
            data: { accountId: account.id, channel: account.channel, message },
          });
        }
        return changed;
      });
      if (!changed) return;
      if (status === 'broken') logger.error({ reason: message }, 'channel account broken');
      else logger.info('channel account working again');
      services.events.wake();
    },
    async recordAudience(figures) {
      if (!stored) return;
      const now = services.clock.now();
      await upsertAudienceSnapshot(db, {
        accountId: account.id,
        day: new Date(now).toISOString().slice(0, 10),
        followers: figures.followers,
        following: figures.following ?? null,
        posts: figures.posts ?? null,
        now,
      });
    },
    async markDeliveryFailed(externalIds, reason) {
      if (externalIds.length === 0) return null;
      const rows = await db
        .selectFrom('messages')
        .select(['id', 'external_id', 'conversation_id'])
        .where('channel', '=', account.channel)
        .where('direction', '=', 'outbound')
        .where('external_id', 'in', externalIds.slice(0, 100))
        .execute();
      const hit = externalIds.map((id) => rows.find((r) => r.external_id === id)).find((r) => r);
      if (!hit) return null;
      const now = services.clock.now();
      await db.transaction().execute(async (trx) => {
        await setDelivery(trx, hit.id, { status: 'failed', error: reason });
        await resummarize(services, trx, [hit.conversation_id], now);
        await appendEvent(trx, {
          at: now,
          actor: systemActor,
          type: 'message.bounced',
          conversationId: hit.conversation_id,
          data: { messageId: hit.id, reason },
        });
      });
      services.events.wake();
      return hit.external_id;
    },
    contextFor: (other) => createChannelContext(services, other, signal),
    async loadAccount(id) {
      const row = await getChannelAccountRow(db, id);
      if (!row) return null;
      return decodeChannelAccount(services, row);
    },
  };
}
