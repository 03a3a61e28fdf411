import type { FastifyRequest } from 'fastify';
import { TooManyStreamsError } from '../platform/errors.js';

/**
 * Counts the live streams each client holds open, so one token or session cannot pin an unbounded
 * number of sockets and bus subscriptions (issue 21: a thousand were opened with one token). The
 * count is per process, like the streams themselves; a stream gives its place back when it closes.
 */
export class StreamSlots {
  private readonly open = new Map<string, number>();

  constructor(private readonly perClient: number) {}

  /** Which client a stream belongs to: the API token, else the signed-in session, else the user. */
  static clientOf(request: FastifyRequest): string {
    const actor = request.actor;
    if (actor?.type === 'token') return `token:${actor.id}`;
    if (request.authSession) return `session:${request.authSession.id}`;
    return `user:${actor?.id ?? 'none'}`;
  }

  /**
   * Takes a place for `client`, or throws TooManyStreamsError when it holds all it may. Returns the
   * function that gives the place back (safe to call more than once).
   */
  take(client: string): () => void {
    const held = this.open.get(client) ?? 0;
    if (held >= this.perClient) throw new TooManyStreamsError(this.perClient);
    this.open.set(client, held + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(client) ?? 1) - 1;
      if (left > 0) this.open.set(client, left);
      else this.open.delete(client);
    };
  }

  /** Streams `client` holds open now. */
  held(client: string): number {
    return this.open.get(client) ?? 0;
  }
}
