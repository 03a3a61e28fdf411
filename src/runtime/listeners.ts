import type { Services } from '../commands/services.js';
import type { AnyEventListener } from '../events/listener.js';
import { alerts } from '../listeners/alerts.js';
import { emailProofs } from '../listeners/email-proofs.js';
import { negativeSpikes } from '../listeners/negative-spikes.js';
import { peopleScores } from '../listeners/people-scores.js';
import { routing } from '../listeners/routing.js';
import { slaRecompute } from '../listeners/sla-recompute.js';

/**
 * Every listener the server runs, registered by hand: one line each (see docs/ARCHITECTURE.md,
 * "Adding a listener"). Names must be unique: a listener's name keys its stored cursor.
 */
export const listeners: readonly AnyEventListener<Services>[] = [
  negativeSpikes, // live traffic turning negative → alert.negative_spike
  slaRecompute, // an SLA policy or business hours changed → due times of open conversations
  emailProofs, // a chat reply mailed to a visitor's address → the proof a reply from it confirms
  routing, // a customer message → routing rules: team or person (round-robin), labels, priority, routing.notify
  alerts, // negative/urgent messages, spikes, mentions, assignments, routing notices → alerts to people
  peopleScores, // someone wrote, a complaint moved, contacts merged → advocate score and churn risk
];
