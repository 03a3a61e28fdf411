import { type ResponseTimeReport, responseTimeReport } from '../domain/response-metrics.js';
import { ValidationError } from '../platform/errors.js';
import type { Services } from './services.js';

/**
 * Response times for conversations that started in [from, to): how many, how many answered, first
 * response p50/p90 in seconds and the share answered by the due time. Imported history counts.
 */
export async function responseTimes(
  services: Services,
  from: number,
  to: number,
): Promise<ResponseTimeReport> {
  if (!(from < to)) throw new ValidationError('from must be before to');
  const rows = await services.db.kysely
    .selectFrom('conversations')
    .select(['first_inbound_at', 'first_response_at', 'first_response_due_at'])
    .where('first_inbound_at', '>=', from)
    .where('first_inbound_at', '<', to)
    .execute();
  return responseTimeReport(
    rows.map((r) => ({
      first_inbound_at: r.first_inbound_at!,
      first_response_at: r.first_response_at,
      first_response_due_at: r.first_response_due_at,
    })),
  );
}
