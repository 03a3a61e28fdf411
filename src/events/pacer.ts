/**
 * A wait that a signal can cut short: the loops of listeners and tails sleep on one between polls,
 * and a wake-up (a local commit, a PostgreSQL notification) ends the sleep at once. A signal that
 * arrives while the loop is busy is kept, so the next wait returns immediately.
 */
export class Pacer {
  private pending = false;
  private release: (() => void) | null = null;

  /** Ends the current wait, or the next one if none is in progress. */
  signal(): void {
    this.pending = true;
    this.release?.();
  }

  /** Waits up to `ms`, or until signalled; returns whether a signal ended it. */
  wait(ms: number): Promise<boolean> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.release = null;
        resolve(false);
      }, ms);
      this.release = () => {
        clearTimeout(timer);
        this.release = null;
        this.pending = false;
        resolve(true);
      };
    });
  }
}
