import { type EventActor, systemActor } from '../store/events-repo.js';
import { type CommandActor, eventActor } from './actor.js';

/** The server's shell (`rapport user`, `rapport token`): no account, full rights. */
export interface ShellActor {
  type: 'shell';
}

/** The shell actor the CLI passes to the user and token use cases. */
export const shellActor: ShellActor = { type: 'shell' };

/**
 * Who administers users and tokens: a signed-in user or token (already authorised by the route),
 * or the server's shell. The shell is recorded as the system actor with `via: 'cli'` in the event.
 */
export type AdminActor = CommandActor | ShellActor;

/** The event-log actor and the extra event data (`via: 'cli'` for the shell) for an AdminActor. */
export function auditOf(actor: AdminActor): { actor: EventActor; via: { via?: 'cli' } } {
  if (actor.type === 'shell') return { actor: systemActor, via: { via: 'cli' } };
  return { actor: eventActor(actor), via: {} };
}

/** The user an actor acts for, if any (the shell acts for nobody). */
export function actingUserId(actor: AdminActor): number | null {
  return actor.type === 'shell' ? null : actor.userId;
}
