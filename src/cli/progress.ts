import type { Writable } from 'node:stream';

/**
 * A progress line for long jobs: redrawn in place on a terminal, printed every few seconds otherwise,
 * so a CI log still shows progress without thousands of lines.
 */
export class Progress {
  private done = 0;
  private lastDraw = 0;
  /** What the last drawn line said (without its clock), so a log never gets the same line twice. */
  private lastState = '';
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

  /** Draws the final line and ends it (in a log, only if the last line printed was not already it). */
  finish(extra = '') {
    if (this.tty || this.state(extra) !== this.lastState) this.draw(extra);
    if (this.tty) this.out.write('\n');
  }

  /** Prints a line of its own (a rejected row) without mangling a progress line being redrawn. */
  note(text: string) {
    this.out.write(this.tty ? `\r\x1b[2K${text}\n` : `${text}\n`);
    // on a terminal the progress line was wiped: draw it again at the next update
    if (this.tty) this.lastDraw = 0;
  }

  private state(extra: string) {
    return `${this.done}/${this.total ?? ''}/${extra}`;
  }

  private draw(extra: string) {
    this.lastState = this.state(extra);
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
