/** One short, soft two-note chime made with Web Audio (no sound file to ship or fetch). */
let context: AudioContext | null = null;

/**
 * Plays the urgent-alert chime, for people who turned the sound on. Browsers only allow sound after
 * the person has interacted with the page; before that it stays silent rather than failing.
 */
export function chime(): void {
  try {
    context ??= new AudioContext();
    const ctx = context;
    if (ctx.state === 'suspended') void ctx.resume().catch(() => {});
    const start = ctx.currentTime;
    for (const [offset, frequency] of [
      [0, 880],
      [0.18, 660],
    ] as const) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.2, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.3);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start + offset);
      osc.stop(start + offset + 0.32);
    }
  } catch {
    // no Web Audio: the notification still shows
  }
}
