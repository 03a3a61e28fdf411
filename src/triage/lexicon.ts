import fs from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Word valences: the VADER lexicon (MIT, shipped inside the vader-sentiment package, see
 * THIRD_PARTY_NOTICES.md) read at start-up, plus Rapport's own customer-care words, which general
 * lexicons rate neutral although in a message to a company they almost always mean trouble.
 */

/** Rapport's own valences for customer-care vocabulary (our work, same scale as VADER: -4..4). */
const CARE_WORDS: Record<string, number> = {
  delayed: -1.6,
  delay: -1.4,
  delays: -1.4,
  late: -1.0,
  cancelled: -1.6,
  canceled: -1.6,
  cancellation: -1.0,
  refund: -1.2,
  refunded: -0.4,
  overcharged: -2.4,
  charged: -0.8,
  overbilled: -2.4,
  outage: -2.0,
  down: -0.6,
  broken: -2.0,
  stuck: -1.8,
  missing: -1.6,
  lost: -1.6,
  waiting: -1.2,
  waited: -1.4,
  hold: -0.8,
  unacceptable: -2.8,
  ridiculous: -2.4,
  useless: -2.6,
  incompetent: -2.8,
  rude: -2.4,
  scam: -3.0,
  fraud: -2.8,
  damaged: -2.0,
  cold: -0.6,
  wrong: -1.8,
  error: -0.6,
  errors: -0.6,
  glitch: -1.6,
  crash: -1.2,
  crashes: -1.2,
  crashing: -1.2,
  crashed: -1.2,
  bug: -1.2,
  buggy: -2.0,
  slow: -1.4,
  fees: -0.8,
  fee: -0.6,
  disconnected: -1.6,
  dropped: -1.2,
  frozen: -1.4,
  locked: -1.2,
  declined: -1.4,
  rebooked: -0.8,
  stranded: -2.4,
  nightmare: -3.0,
  joke: -1.4,
  again: -0.4,
  still: -0.4,
  hours: -0.1,
  hrs: -0.1,
  days: -0.3,
  weeks: -0.5,
  nobody: -1.0,
  fix: -0.6,
  worst: -3.1,
  fail: -2.2,
  fails: -2.2,
  failed: -2.0,
  disappointed: -2.2,
  disappointing: -2.2,
  frustrated: -2.2,
  frustrating: -2.2,
  annoyed: -2.0,
  seriously: -0.6,
  smooth: 1.6,
  quick: 0.8,
  fast: 0.8,
  helpful: 2.0,
  resolved: 1.4,
  appreciate: 2.0,
  appreciated: 2.0,
  thanks: 1.8,
  thank: 1.6,
  thx: 1.6,
  ty: 1.2,
  kudos: 2.4,
  shoutout: 1.8,
  props: 1.6,
  atrocious: -3.0,
  appalling: -2.8,
  disgraceful: -3.0,
  horrendous: -3.0,
  dreadful: -2.8,
  infuriating: -2.8,
  unhelpful: -2.2,
  clueless: -2.2,
  incompetence: -2.8,
  unusable: -2.6,
  unreliable: -2.0,
  misleading: -2.0,
  overpriced: -1.6,
  ripoff: -2.8,
  scammed: -3.0,
  robbed: -2.8,
  lied: -2.4,
  shambles: -2.6,
  rubbish: -2.4,
  garbage: -2.6,
  trash: -2.2,
  burnt: -1.6,
  soggy: -1.6,
  stale: -1.4,
  mouldy: -2.2,
  moldy: -2.2,
  inedible: -2.8,
  filthy: -2.6,
  laggy: -1.6,
  understaffed: -1.6,
  absurd: -2.2,
  pointless: -2.0,
  ordeal: -2.2,
  sigh: -1.2,
  stinks: -2.0,
  problem: -0.8,
  ill: 0.0,
  accident: -0.8,
  // Words VADER rates positive that, in a message to a company, are mostly discourse or irony, or
  // name the product ("play", "share", "save" in an app).
  play: 0.0,
  plays: 0.0,
  playing: 0.0,
  played: 0.0,
  sharing: 0.3,
  share: 0.3,
  saved: 0.3,
  save: 0.3,
  giving: 0.3,
  clear: 0.3,
  support: 0.0,
  lol: 0.4,
  well: 0.0,
  hoping: 0.6,
  hope: 0.6,
  kidding: -0.6,
  // Words VADER rates but which are routine in support talk.
  help: 0.0,
  please: 0.0,
  pls: 0.0,
  plz: 0.0,
  yes: 0.0,
  no: 0.0,
  like: 0.0,
  want: 0.0,
  ok: 0.0,
  okay: 0.0,
  sure: 0.0,
  care: 0.0,
  customer: 0.0,
  flight: 0.0,
  pay: 0.0,
  free: 0.4,
  credit: 0.0,
  reach: 0.0,
  trying: -0.2,
};

function loadVader(): Map<string, number> {
  const map = new Map<string, number>();
  try {
    const require = createRequire(import.meta.url);
    const pkg = require.resolve('vader-sentiment/package.json');
    const file = pkg.replace(/package\.json$/, 'vader_lexicon.txt');
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      const tab = line.indexOf('\t');
      if (tab <= 0) continue;
      const score = Number.parseFloat(line.slice(tab + 1, line.indexOf('\t', tab + 1)));
      if (Number.isFinite(score)) map.set(line.slice(0, tab), score);
    }
  } catch {
    // The package is a dependency; without it triage still runs on Rapport's own words.
  }
  return map;
}

/** Word → valence (-4..4), VADER's entries overridden by Rapport's customer-care entries. */
export const lexicon: ReadonlyMap<string, number> = (() => {
  const map = loadVader();
  for (const [w, s] of Object.entries(CARE_WORDS)) map.set(w, s);
  return map;
})();

/** How many VADER entries were loaded (0 when the package is missing); used by tests and the eval. */
export const vaderEntries = lexicon.size - Object.keys(CARE_WORDS).length;
