/**
 * Preloaded into the server under test by the load benchmark (`node --import`): samples the event
 * loop's delay with perf_hooks and appends one JSON line per half second to LOOP_MONITOR_FILE
 * (epoch ms, max and p99 delay in ms over that half second), so the benchmark can tell which of its
 * steps blocked the server's event loop, and for how long. Nothing in Rapport depends on it.
 */
import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const file = process.env.LOOP_MONITOR_FILE;
if (file) {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  const fd = fs.openSync(file, 'a');
  const timer = setInterval(() => {
    const line = {
      at: Date.now(),
      maxMs: histogram.max / 1e6,
      p99Ms: histogram.percentile(99) / 1e6,
    };
    histogram.reset();
    fs.writeSync(fd, `${JSON.stringify(line)}\n`);
  }, 500);
  timer.unref();
}
