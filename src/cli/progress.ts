import type { Writable } from 'node:stream';

/**
 * A progress line for long jobs: redrawn in place on a terminal, printed every few seconds otherwise,
 * so a CI log still shows progress without thousands of lines.
 */
export class Progress {
  private done = 0;
  private lastDraw = 0;
  private readonly started = Date.now();
  private readonly tty: boolean;

  constructor(
    private readonly out: Writable,
    private readonly label: string,
    private total?: number,
  ) {
    this.tty = Boolean((out as Writable & { isTTY?: boolean }).isTTY);
  }

  /** Sets the total once it is known (e.g. a file's size in bytes). */
  setTotal(total: number) {
    this.total = total;
  }

  /** Moves to an absolute position and redraws when due. */
  update(done: number, extra = '') {
    this.done = done;
    const now = Date.now();
    if (now - this.lastDraw < (this.tty ? 100 : 2000)) return;
    this.lastDraw = now;
    this.draw(extra);
  }

  /** Draws the final line and ends it. */
  finish(extra = '') {
    this.draw(extra);
    if (this.tty) this.out.write('\n');
  }

  private draw(extra: string) {
    const secs = (Date.now() - this.started) / 1000;
    let line = `${this.label}: ${this.done.toLocaleString('en-US')}`;
    if (this.total) {
      const pct = Math.min(100, (this.done / this.total) * 100);
      const width = 24;
      const filled = Math.round((pct / 100) * width);
      line = `${this.label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${pct.toFixed(1)}%`;
    }
    line += ` ${secs.toFixed(1)}s${extra ? ` ${extra}` : ''}`;
    this.out.write(this.tty ? `\r\x1b[2K${line}` : `${line}\n`);
  }
}
