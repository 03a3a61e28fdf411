import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandActor } from '../src/commands/actor.js';
import { createHours, deleteHours } from '../src/commands/sla-settings.js';
import { ConflictError } from '../src/platform/errors.js';
import type { Db } from '../src/store/database.js';
import { freshDb, pgTestUrl } from './support/engines.js';
import { servicesFor } from './support/services.js';

const admin: CommandActor = { type: 'token', id: 1, userId: null, name: 'admin' };
const weekdays = { mon: [{ start: '09:00', end: '17:00' }] };

// SQLite takes its one write lock at BEGIN: another process cannot commit between the check and the delete.
describe.skipIf(!pgTestUrl())('business hours deleted while another process points a policy at them', () => {
  let db: Db | null = null;
  afterEach(async () => {
    await db?.close();
    db = null;
  });

  it('is a conflict, not a server error, and both survive', async () => {
    db = await freshDb('postgres');
    const services = await servicesFor(db);
    const hours = await createHours(services, admin, {
      name: 'Shop',
      timeZone: 'Europe/Berlin',
      weekly: weekdays,
      holidays: [],
    });
    // Another process creates a policy counting in these hours and has not committed yet.
    let release!: () => void;
    const released = new Promise<void>((r) => {
      release = r;
    });
    let pointed!: () => void;
    const hasPointed = new Promise<void>((r) => {
      pointed = r;
    });
    const other = db.kysely.transaction().execute(async (trx) => {
      await sql`insert into sla_policies (name, position, conditions_json, first_response_minutes,
        next_response_minutes, resolution_minutes, business_hours_id, created_at, updated_at)
        values ('Shop hours', 0, '{}', 60, 60, null, ${hours.id}, 0, 0)`.execute(trx);
      pointed();
      await released;
    });
    await hasPointed;
    const deleting = deleteHours(services, admin, hours.id).then(
      () => null,
      (error: unknown) => error,
    );
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline) {
      const waiting = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
        where wait_event_type = 'Lock' and query ilike 'delete from "business_hours"%'`.execute(db.kysely);
      if ((waiting.rows[0]?.n ?? 0) > 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    release();
    await other;
    const error = await deleting;
    expect(error).toBeInstanceOf(ConflictError);
    const left = await db.kysely.selectFrom('business_hours').select('id').execute();
    expect(left.map((r) => r.id)).toEqual([hours.id]);
  });
});
