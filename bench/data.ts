/**
 * Synthetic but realistic support traffic for benchmarks: threads of 1–6 messages between customers
 * and a few brand accounts, chronological like a real export, with varied vocabulary so full-text
 * search has common and rare words to find.
 */
import type { IncomingMessageInput } from '../src/domain/message-format.js';
import { seededRandom } from '../src/platform/random.js';

const subjects = [
  'order',
  'parcel',
  'refund',
  'invoice',
  'router',
  'flight',
  'booking',
  'account',
  'card',
  'subscription',
  'delivery',
  'app',
  'password',
  'bill',
  'seat',
  'bag',
  'payment',
  'plan',
  'package',
  'update',
];
const problems = [
  'never arrived',
  'is late again',
  'was charged twice',
  'keeps crashing',
  'is still missing',
  'got cancelled',
  'does not work',
  'is broken',
  'was lost',
  'is wrong',
  'has not been processed',
  'stopped working',
];
const extras = [
  'been waiting three days',
  'nobody answers the phone',
  'this is ridiculous',
  'please help',
  'any update?',
  'thanks in advance',
  'third time this month',
  'I need it for tomorrow',
  'love your service usually',
  'what is going on',
  'seriously considering leaving',
  'can you check',
];
const replies = [
  'Sorry to hear that, could you send us your order number?',
  'We are looking into this for you right now.',
  'Thanks for your patience, it is on its way.',
  'That should not happen, we have refunded the charge.',
  'Please try restarting, and tell us if it persists.',
];
const cities = [
  'Lisbon',
  'Oslo',
  'Denver',
  'Osaka',
  'Nairobi',
  'Lima',
  'Porto',
  'Tallinn',
  'Austin',
  'Leeds',
];

/** Generates about `count` messages in the core format, in chronological order. */
export function generateMessages(count: number, seed = 1, channel = 'twitter'): IncomingMessageInput[] {
  const rand = seededRandom(seed);
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)]!;
  const out: (IncomingMessageInput & { _at: number })[] = [];
  const start = Date.UTC(2026, 0, 1);
  const span = 180 * 86_400_000;
  let id = 1;
  while (out.length < count) {
    const customer = String(1_000_000 + Math.floor(rand() * 200_000));
    const brand = pick(['AcmeHelp', 'FastNetCares', 'ShopSupport']);
    let at = start + Math.floor(rand() * span);
    let parent: string | null = null;
    const length = 1 + Math.floor(rand() * 6);
    for (let k = 0; k < length && out.length < count; k++) {
      const inbound = k % 2 === 0;
      const externalId = String(id++);
      const text = inbound
        ? `@${brand} my ${pick(subjects)} ${pick(problems)}, ${pick(extras)} (${pick(cities)} #${Math.floor(rand() * 100_000)})`
        : `@c${customer} ${pick(replies)}`;
      out.push({
        channel,
        external_id: externalId,
        direction: inbound ? 'inbound' : 'outbound',
        author: inbound
          ? { id: customer, handle: `c${customer}`, name: `Customer ${customer}` }
          : { id: brand, handle: brand },
        text,
        created_at: new Date(at).toISOString(),
        in_reply_to: parent,
        _at: at,
      });
      parent = externalId;
      at += (30 + Math.floor(rand() * 5400)) * 1000;
    }
  }
  out.sort((a, b) => a._at - b._at);
  return out.map(({ _at, ...m }) => m);
}
