import { expect, test } from 'vitest';
import { backoffMs } from './firehose.js';
import { subscribeReposUrl } from './firehose-socket.js';
import { AccountHealth } from './health.js';

function recorder() {
  const reports: [string, string | null | undefined][] = [];
  const health = new AccountHealth({
    reportStatus: async (status, message) => {
      reports.push([status, message]);
    },
  });
  return { health, reports };
}

test('the account is broken while any part has a problem, and reported only on change', async () => {
  const { health, reports } = recorder();
  await health.ok('poll');
  await health.ok('firehose');
  await health.problem('firehose', 'cannot reach the firehose');
  await health.problem('firehose', 'cannot reach the firehose');
  await health.problem('poll', 'AppView down');
  await health.ok('firehose');
  await health.ok('poll');
  expect(reports).toEqual([
    ['active', null],
    ['broken', 'cannot reach the firehose'],
    ['broken', 'cannot reach the firehose; AppView down'],
    ['broken', 'AppView down'],
    ['active', null],
  ]);
});

test('the same problem seen by both parts is said once', async () => {
  const { health, reports } = recorder();
  await health.problem('poll', 'app password refused');
  await health.problem('firehose', 'app password refused');
  expect(reports).toEqual([['broken', 'app password refused']]);
});

test('a failed status write is retried with the next report', async () => {
  let fail = true;
  const reports: string[] = [];
  const health = new AccountHealth({
    reportStatus: async (status) => {
      if (fail) throw new Error('db busy');
      reports.push(status);
    },
  });
  await health.ok('poll');
  fail = false;
  await health.ok('poll');
  expect(reports).toEqual(['active']);
});

test('reconnects back off from 1 s to at most a minute, with jitter', () => {
  expect(backoffMs(1)).toBeGreaterThanOrEqual(800);
  expect(backoffMs(1)).toBeLessThanOrEqual(1200);
  expect(backoffMs(4)).toBeGreaterThanOrEqual(6400);
  expect(backoffMs(30)).toBeLessThanOrEqual(72_000);
});

test('the subscription address carries the cursor when there is one', () => {
  expect(subscribeReposUrl('wss://bsky.network', null)).toBe(
    'wss://bsky.network/xrpc/com.atproto.sync.subscribeRepos',
  );
  expect(subscribeReposUrl('ws://localhost:2583/', 42)).toBe(
    'ws://localhost:2583/xrpc/com.atproto.sync.subscribeRepos?cursor=42',
  );
});
