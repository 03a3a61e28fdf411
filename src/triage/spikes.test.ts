import { describe, expect, it } from 'vitest';
import { seededRandom } from '../platform/random.js';
import { NegativeSpikeDetector, type SpikeAlert } from './spikes.js';

const MIN = 60_000;

/** A synthetic stream: messages at a rate (per minute) given by a function of the minute. */
function stream(minutes: number, rate: (minute: number) => number, negShare: number, seed = 1) {
  const rand = seededRandom(seed);
  const out: { at: number; negative: boolean }[] = [];
  for (let m = 0; m < minutes; m += 1) {
    const r = rate(m);
    const n = Math.floor(r) + (rand() < r - Math.floor(r) ? 1 : 0);
    for (let i = 0; i < n; i += 1)
      out.push({ at: m * MIN + Math.floor(rand() * MIN), negative: rand() < negShare });
  }
  return out.sort((a, b) => a.at - b.at);
}

function run(d: NegativeSpikeDetector, channel: string, events: { at: number; negative: boolean }[]) {
  const alerts: SpikeAlert[] = [];
  for (const e of events) {
    const a = d.observe(channel, e.at, e.negative);
    if (a) alerts.push(a);
  }
  return alerts;
}

describe('NegativeSpikeDetector', () => {
  it('stays quiet on a steady stream', () => {
    const alerts = run(
      new NegativeSpikeDetector(),
      'twitter',
      stream(24 * 60, () => 2, 0.3),
    );
    expect(alerts).toEqual([]);
  });

  it('stays quiet on a slow drift (rate doubles over a day)', () => {
    const alerts = run(
      new NegativeSpikeDetector(),
      'twitter',
      stream(24 * 60, (m) => 1 + m / (24 * 60), 0.3, 2),
    );
    expect(alerts).toEqual([]);
  });

  it('raises exactly one alert for a burst', () => {
    const base = stream(6 * 60, () => 1, 0.3, 3);
    const burstStart = 6 * 60 * MIN;
    const burst = Array.from({ length: 60 }, (_, i) => ({ at: burstStart + i * 20_000, negative: true }));
    const after = stream(60, () => 1, 0.3, 4).map((e) => ({ ...e, at: e.at + burstStart + 20 * MIN }));
    const events = [...base, ...burst, ...after].sort((a, b) => a.at - b.at);
    const alerts = run(new NegativeSpikeDetector(), 'twitter', events);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.channel).toBe('twitter');
    expect(alerts[0]!.at).toBeGreaterThanOrEqual(burstStart);
    expect(alerts[0]!.at).toBeLessThan(burstStart + 10 * MIN);
    expect(alerts[0]!.count).toBeGreaterThan(alerts[0]!.baseline * 3);
  });

  it('judges each channel against its own baseline', () => {
    const d = new NegativeSpikeDetector();
    // A busy channel at 30 negatives per 15 min is normal there; a quiet one jumping to 15 is a spike.
    const busy = stream(8 * 60, () => 4, 0.5, 5);
    const quiet = stream(6 * 60, () => 0.1, 0.3, 6);
    const quietBurst = Array.from({ length: 15 }, (_, i) => ({
      at: 6 * 60 * MIN + i * 30_000,
      negative: true,
    }));
    const events = [
      ...busy.map((e) => ({ ...e, channel: 'busy' })),
      ...[...quiet, ...quietBurst].map((e) => ({ ...e, channel: 'quiet' })),
    ].sort((a, b) => a.at - b.at);
    const alerts: SpikeAlert[] = [];
    for (const e of events) {
      const a = d.observe(e.channel, e.at, e.negative);
      if (a) alerts.push(a);
    }
    expect(alerts.map((a) => a.channel)).toEqual(['quiet']);
  });

  it('needs a minimum count, so one angry message on a silent channel is no spike', () => {
    const d = new NegativeSpikeDetector({ minCount: 5 });
    const alerts = run(d, 'email', [
      ...stream(120, () => 0.05, 0.2, 7),
      { at: 121 * MIN, negative: true },
      { at: 122 * MIN, negative: true },
    ]);
    expect(alerts).toEqual([]);
  });
});
