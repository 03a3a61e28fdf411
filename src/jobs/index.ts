import { createSenderCache } from '../channels/registry.js';
import { OUTBOUND_QUEUE } from '../commands/reply.js';
import type { Services } from '../commands/services.js';
import { processOutboundSend } from './outbound-send.js';
import { JobWorker } from './worker.js';

/**
 * The process's job worker with every processor registered, woken as soon as a reply is queued so
 * sends go out immediately rather than at the next poll.
 */
export function createJobWorker(services: Services, options: { idleMs?: number } = {}) {
  const senderFor = createSenderCache(services.config);
  const worker = new JobWorker(
    services,
    { [OUTBOUND_QUEUE]: (job) => processOutboundSend(services, senderFor, job) },
    options.idleMs,
  );
  services.live.subscribe((event) => {
    if (event.type === 'message.created' && event.direction === 'outbound') worker.wake();
  });
  return worker;
}
