import type { EventActor } from '../store/events-repo.js';

/** Who runs a command: the authenticated user or token (the server's Actor has this shape). */
export interface CommandActor {
  type: 'user' | 'token';
  id: number;
  userId: number | null;
  name: string;
}

/** The event-log form of an actor. */
export function eventActor(actor: CommandActor): EventActor {
  return { type: actor.type, id: actor.id };
}
