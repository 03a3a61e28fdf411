import { describe, expect, it } from 'vitest';
import { configFrom } from '../platform/config.js';
import { migrate, openDatabase } from './database.js';
import { importMemoryFor } from './import-memory.js';

describe('import memory', () => {
  it('never calls a message it inserted absent, and rarely one it did not', async () => {
    const db = await openDatabase(configFrom({}), { sqliteFile: ':memory:' });
    await migrate(db);
    const memory = importMemoryFor(db)!;
    memory.beginTransaction();
    const n = 300_000; // more than the recent map holds, across several filters
    const rows = Array.from({ length: n }, (_, i) => ({
      externalId: `m${i * 7}`,
      id: i + 1,
      conversationId: i + 1,
      danglingParent: null,
    }));
    memory.noteInserted('x', rows);
    let missed = 0;
    for (let i = 0; i < n; i += 1) if (memory.message('x', `m${i * 7}`) === 'absent') missed += 1;
    expect(missed).toBe(0);
    let absent = 0;
    for (let i = 0; i < 100_000; i += 1) if (memory.message('x', `m${i * 7 + 3}`) === 'absent') absent += 1;
    expect(absent).toBeGreaterThan(97_000);
    expect(memory.message('x', `m${(n - 1) * 7}`)).toEqual({ id: n, conversationId: n });
    expect(memory.message('other', 'm0')).toBe('absent');
    await db.close();
  });

  it('knows nothing about channels that had messages before the load', async () => {
    const db = await openDatabase(configFrom({}), { sqliteFile: ':memory:' });
    await migrate(db);
    db.sqlite!.exec(
      "insert into conversations (channel, status, priority, last_message_at, last_message_preview, last_message_direction, message_count, created_at, updated_at) values ('x', 'open', 0, 0, '', 'inbound', 1, 0, 0); insert into messages (conversation_id, channel, external_id, direction, text, created_at, received_at, delivery_status) values (1, 'x', 'old', 'inbound', '', 0, 0, 'received')",
    );
    const memory = importMemoryFor(db)!;
    memory.beginTransaction();
    expect(memory.message('x', 'new')).toBeUndefined();
    expect(memory.replies('x', 'new')).toBeUndefined();
    expect(memory.message('y', 'new')).toBe('absent');
    expect(memory.replies('y', 'new')).toEqual([]);
    await db.close();
  });
});
