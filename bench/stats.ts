import fs from 'node:fs';

/** Small helpers for benchmark figures. */

/** Percentile (linear interpolation) of a list of numbers. */
export function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const rank = (p / 100) * (s.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return s[lo]! + (s[hi]! - s[lo]!) * (rank - lo);
}

/** A number rounded for a results table. */
export function fmt(n: number, digits = 1): string {
  return Number.isFinite(n) ? n.toFixed(digits) : 'n/a';
}

/** Peak resident memory of a running process so far, in MB, from /proc (Linux); NaN once it is gone. */
export function peakRssMb(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
  } catch {
    return Number.NaN;
  }
}

/** Polls a child's peak RSS until stopped (the kernel forgets it when the process exits). */
export function watchPeakRss(pid: number, everyMs = 200) {
  let peak = 0;
  const poll = () => {
    const now = peakRssMb(pid);
    if (now > peak) peak = now;
  };
  const timer = setInterval(poll, everyMs);
  return {
    stop() {
      poll();
      clearInterval(timer);
      return peak;
    },
  };
}
