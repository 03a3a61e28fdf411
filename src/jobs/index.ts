import { SenderPool } from '../channels/sender-pool.js';
import { ENGAGE_QUEUE } from '../commands/engage.js';
import { OUTBOUND_QUEUE } from '../commands/reply.js';
import type { Services } from '../commands/services.js';
import { processOutboundEngage } from './outbound-engage.js';
import { processOutboundSend } from './outbound-send.js';
import { JobWorker } from './worker.js';

/**
 * The process's job worker with every processor registered, woken as soon as a reply is queued so
 * sends go out immediately rather than at the next poll.
 */
export function createJobWorker(services: Services, options: { idleMs?: number } = {}) {
  const senders = new SenderPool(services);
  const worker = new JobWorker(
    services,
    {
      [OUTBOUND_QUEUE]: (job) => processOutboundSend(services, senders, job),
      [ENGAGE_QUEUE]: (job) => processOutboundEngage(services, senders, job),
    },
    options.idleMs,
    () => senders.close(),
  );
  services.live.subscribe((event) => {
    if (event.type === 'message.created' && event.direction === 'outbound') worker.wake();
    if (event.type === 'conversation.updated' && event.reason === 'engagement') worker.wake();
  });
  return worker;
}
