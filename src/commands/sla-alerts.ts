import { raiseAlert } from './alerts.js';
import type { Services } from './services.js';

/**
 * One pass of the SLA watch: every live open conversation waiting for a reply whose due time is
 * within RAPPORT_ALERT_SLA_WARNING_MINUTES gets a "reply due soon" alert, and one past it a "reply
 * overdue" alert, each once per due time (the dedupe key names it). Imported history has no live
 * due time and is never alerted. Returns how many alerts it raised; the runtime calls it every few
 * seconds and wakes the job worker when it raised any.
 */
export async function sweepSlaAlerts(services: Services): Promise<number> {
  const now = services.clock.now();
  const warnMs = services.config.RAPPORT_ALERT_SLA_WARNING_MINUTES * 60_000;
  const db = services.db.kysely;
  const due = await db
    .selectFrom('conversations')
    .select(['id', 'reply_due_at'])
    .where('status', '=', 'open')
    .where('waiting_since', 'is not', null)
    .where('sla_history', '=', 0)
    .where('reply_due_at', 'is not', null)
    .where('reply_due_at', '<=', now + warnMs)
    // older breaches were alerted when they happened (or before alerts existed): not news
    .where('reply_due_at', '>', now - 24 * 3_600_000)
    .orderBy('reply_due_at')
    .limit(200)
    .execute();
  let raised = 0;
  for (const c of due) {
    const dueAt = Number(c.reply_due_at);
    const kind = dueAt <= now ? 'sla_breach' : 'sla_warning';
    const key = `${kind}:${c.id}:${dueAt}`;
    const known = await db.selectFrom('alerts').select('id').where('dedupe_key', '=', key).executeTakeFirst();
    if (known) continue;
    const id = await db.transaction().execute((trx) =>
      raiseAlert(services, trx, {
        kind,
        dedupeKey: key,
        conversationId: c.id,
        facts: { dueInMinutes: (dueAt - now) / 60_000 },
        at: now,
      }),
    );
    if (id !== null) raised += 1;
  }
  if (raised > 0) services.events.wake();
  return raised;
}
