/**
 * Generates a customer-support reply dump in the column layout of public Twitter support dumps
 * (tweet_id, author_id, inbound, created_at, text, response_tweet_id, in_response_to_tweet_id),
 * with rows shuffled and parent ids float-formatted as pandas writes them, plus the expected result
 * computed independently from the raw rows.
 */

import { seededRandom } from '../../src/platform/random.js';
export interface DumpRow {
  tweet_id: string;
  author_id: string;
  inbound: 'True' | 'False';
  created_at: string;
  text: string;
  in_response_to_tweet_id: string;
  at: number;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function twitterDate(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000 ${d.getUTCFullYear()}`;
}

const complaints = [
  'my order never arrived',
  'charged twice this month',
  'app keeps crashing',
  'still waiting on my refund',
  'internet down again',
  'thanks, sorted!',
];

/** Builds `threads` reply threads (1–6 messages, some branching) and the expected outcome. */
export function generateSupportDump(threads: number, seed = 42) {
  const rand = seededRandom(seed);
  const rows: DumpRow[] = [];
  let id = 1;
  const base = Date.UTC(2017, 9, 1);
  const expected: { ids: string[]; firstInbound: number; firstResponse: number | null }[] = [];
  for (let t = 0; t < threads; t++) {
    const customer = String(100000 + Math.floor(rand() * 5000));
    const brand = ['AcmeSupport', 'FastNetCares', 'ShopHelp'][t % 3]!;
    const start = base + Math.floor(rand() * 60 * 86400) * 1000;
    const thread: DumpRow[] = [];
    const add = (inbound: boolean, parent: DumpRow | null, at: number) => {
      const row: DumpRow = {
        tweet_id: String(id++),
        author_id: inbound ? customer : brand,
        inbound: inbound ? 'True' : 'False',
        created_at: twitterDate(at),
        text: `${inbound ? `@${brand} ${complaints[Math.floor(rand() * complaints.length)]}` : `@${customer} sorry to hear that, DM us`} #${t}`,
        in_response_to_tweet_id: parent ? `${parent.tweet_id}.0` : '',
        at: Math.floor(at / 1000) * 1000,
      };
      thread.push(row);
      return row;
    };
    const first = add(true, null, start);
    let last = first;
    let clock = start;
    const length = 1 + Math.floor(rand() * 5);
    for (let i = 1; i < length; i++) {
      clock += (1 + Math.floor(rand() * 7200)) * 1000;
      last = add(i % 2 === 1, last, clock);
    }
    if (rand() < 0.2) add(false, first, start + (30 + Math.floor(rand() * 600)) * 1000); // a second brand reply to the first tweet
    rows.push(...thread);
    const inbound = thread.filter((r) => r.inbound === 'True').map((r) => r.at);
    const firstInbound = Math.min(...inbound);
    const responses = thread.filter((r) => r.inbound === 'False' && r.at >= firstInbound).map((r) => r.at);
    expected.push({
      ids: thread.map((r) => r.tweet_id),
      firstInbound,
      firstResponse: responses.length ? Math.min(...responses) : null,
    });
  }
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  return { rows, expected };
}

/** The dump as CSV text, quoting like the public files do. */
export function toCsv(rows: DumpRow[]): string {
  const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const header = 'tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id';
  return `${[
    header,
    ...rows.map((r) =>
      [r.tweet_id, r.author_id, r.inbound, q(r.created_at), q(r.text), '', r.in_response_to_tweet_id].join(
        ',',
      ),
    ),
  ].join('\n')}\n`;
}

/** The CLI arguments that map this layout onto the core format. */
export const DUMP_IMPORT_ARGS = [
  '--channel',
  'twitter',
  '--map',
  'external_id=tweet_id,direction=inbound,in_reply_to=in_response_to_tweet_id',
  '--inbound-value',
  'True',
];
