import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/platform/clock.js';
import { configFrom } from '../src/platform/config.js';
import { openServices } from '../src/runtime/services.js';
import { buildServer } from '../src/server/app.js';
import type { Db } from '../src/store/database.js';
import { createUser } from '../src/store/users-repo.js';
import { TEST_PASSWORD } from './support/app.js';
import { freshDb, testEngines } from './support/engines.js';
import { TEST_SECRET_KEY } from './support/services.js';

describe.each(testEngines)('sign-in throttling on %s', (engine) => {
  let db: Db;
  const apps: FastifyInstance[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
    await db?.close();
  });

  /** A server process of its own (its own in-memory state) on the shared database. */
  async function server(clock: ManualClock, limitPerMinute = 100) {
    const config = configFrom({
      RAPPORT_LOG_LEVEL: 'silent',
      RAPPORT_SECRET_KEY: TEST_SECRET_KEY,
      RAPPORT_LOGIN_RATE_LIMIT_PER_MINUTE: String(limitPerMinute),
    });
    const app = await buildServer(await openServices(config, { openDb: db, clock }));
    apps.push(app);
    return (email: string, password: string) =>
      app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  }

  it('counts an address’s attempts across processes', async () => {
    db = await freshDb(engine);
    const clock = new ManualClock(Date.UTC(2026, 10, 5, 9));
    const first = await server(clock, 4);
    const second = await server(clock, 4);
    const statuses = [];
    for (const login of [first, first, first, second, second])
      statuses.push((await login('nobody@example.com', 'wrong password here')).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    clock.advance(61_000);
    expect((await second('nobody@example.com', 'wrong password here')).statusCode).toBe(401);
  });

  it('locks an account after five failures, longer each time, and forgets them on success', async () => {
    db = await freshDb(engine);
    const clock = new ManualClock(Date.UTC(2026, 10, 5, 9));
    await createUser(db.kysely, {
      email: 'ada@example.com',
      name: 'Ada',
      role: 'admin',
      password: TEST_PASSWORD,
      now: clock.now(),
    });
    const login = await server(clock);
    for (let i = 0; i < 5; i++)
      expect((await login('ada@example.com', 'not her password')).statusCode).toBe(401);
    const locked = await login('ada@example.com', TEST_PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.headers['retry-after']).toBe('30');
    expect(locked.json().error.message).toMatch(/try again in 30 seconds/);
    clock.advance(31_000);
    expect((await login('ada@example.com', 'not her password')).statusCode).toBe(401); // sixth: 60 s
    expect((await login('ada@example.com', TEST_PASSWORD)).headers['retry-after']).toBe('60');
    clock.advance(61_000);
    expect((await login('ada@example.com', TEST_PASSWORD)).statusCode).toBe(200);
    expect((await login('ada@example.com', 'not her password')).statusCode).toBe(401); // counting anew
    expect((await login('ada@example.com', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('locks an unknown address the same way, so the answer tells nothing about who has an account', async () => {
    db = await freshDb(engine);
    const clock = new ManualClock(Date.UTC(2026, 10, 5, 9));
    const login = await server(clock);
    for (let i = 0; i < 5; i++) await login('ghost@example.com', 'any password at all');
    expect((await login('ghost@example.com', 'any password at all')).statusCode).toBe(429);
  });
});
