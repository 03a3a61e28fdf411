import { deliverAlert, escalateAlert } from '../commands/alert-delivery.js';
import { deliverEngagement } from '../commands/deliver-engagement.js';
import { deliverReply } from '../commands/deliver-reply.js';
import type { Services } from '../commands/services.js';
import type { JobProcessors } from '../jobs/kinds.js';
import { JobWorker } from '../jobs/worker.js';
import { SenderPool } from './sender-pool.js';

/**
 * The process's job worker with a processor for every job kind (src/jobs/kinds.ts), woken as soon
 * as a reply is queued so sends go out immediately rather than at the next poll.
 */
export function createJobWorker(services: Services, options: { idleMs?: number } = {}) {
  const senders = new SenderPool(services);
  const processors: JobProcessors = {
    'outbound.send': (job, payload) => deliverReply(services, senders, job, payload),
    'outbound.engage': (job, payload) => deliverEngagement(services, senders, job, payload),
    'alert.deliver': (job, payload) => deliverAlert(services, job, payload),
    'alert.escalate': (job, payload) => escalateAlert(services, job, payload),
  };
  const worker = new JobWorker(services, processors, {
    idleMs: options.idleMs,
    concurrency: services.config.RAPPORT_JOB_CONCURRENCY,
    perGroup: services.config.RAPPORT_JOB_PER_ACCOUNT,
    leaseMs: services.config.RAPPORT_JOB_LEASE_MS,
    onStop: () => senders.close(),
  });
  services.live.subscribe((event) => {
    if (event.type === 'message.created' && event.direction === 'outbound') worker.wake();
    if (event.type === 'conversation.updated' && event.reason === 'engagement') worker.wake();
    if (event.type === 'alert' && event.kind === 'raised') worker.wake(); // deliveries were queued
  });
  return worker;
}
