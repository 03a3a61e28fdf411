import type { ChannelContext } from '../types.js';

/**
 * The account's status, shared by the parts of one connector (the poller and the firehose stream):
 * the account is broken while any part has a problem, with all their messages, and active once every
 * part is fine again. Only changes are reported.
 */
export class AccountHealth {
  private readonly problems = new Map<string, string>();
  /** What was last reported (null: active); undefined before the first report. */
  private reported: string | null | undefined = undefined;

  constructor(private readonly ctx: Pick<ChannelContext, 'reportStatus'>) {}

  /** A part works: clears its problem (and reports active when no other part has one). */
  ok(part: string): Promise<void> {
    this.problems.delete(part);
    return this.publish();
  }

  /** A part has a problem people should act on or know about: the account is reported broken. */
  problem(part: string, message: string): Promise<void> {
    this.problems.set(part, message);
    return this.publish();
  }

  /** Whether a part currently has a problem. */
  has(part: string): boolean {
    return this.problems.has(part);
  }

  private async publish(): Promise<void> {
    // the parts may hit the same cause (refused credentials): say it once
    const message = [...new Set(this.problems.values())].join('; ') || null;
    if (message === this.reported) return;
    this.reported = message;
    // a failing status write must not stop the connector: the next change reports again
    await this.ctx.reportStatus(message ? 'broken' : 'active', message).catch(() => {
      this.reported = undefined;
    });
  }
}
