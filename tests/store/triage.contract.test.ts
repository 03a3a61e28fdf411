/** Triage models and corrections (store/triage-repo.ts) on both engines; it was src/store/triage-repo.test.ts. */
import { expect } from 'vitest';
import {
  addCorrection,
  getActiveModel,
  listCorrections,
  listModels,
  saveModel,
} from '../../src/store/triage-repo.js';
import { createTriageService } from '../../src/triage/service.js';
import { contractEngines } from '../support/contract.js';
import { runStoreContract } from '../support/store-contract.js';

for (const engine of contractEngines) {
  runStoreContract('triage models and corrections', { engine }, (test) => {
    test('versions models per workspace with exactly one active', async ({ db }) => {
      expect(await getActiveModel(db, 'default')).toBeNull();
      const v1 = await saveModel(db, {
        workspace: 'default',
        kind: 'workspace',
        model: '{"a":1}',
        metrics: { f1: 0.7 },
        at: 1,
      });
      const v2 = await saveModel(db, { workspace: 'default', kind: 'workspace', model: '{"a":2}', at: 2 });
      await saveModel(db, { workspace: 'other', kind: 'workspace', model: '{"b":1}', at: 3 });
      expect([v1.version, v2.version]).toEqual([1, 2]);
      const active = await getActiveModel(db, 'default');
      expect(active).toMatchObject({ version: 2, model: '{"a":2}', active: true, createdAt: 2 });
      const list = await listModels(db, 'default');
      expect(list.map((m) => [m.version, m.active])).toEqual([
        [2, true],
        [1, false],
      ]);
      expect(list[1]!.metrics).toEqual({ f1: 0.7 });
    });

    test('stores corrections and lists them after an id', async ({ db }) => {
      const id1 = await addCorrection(db, {
        workspace: 'default',
        messageId: null,
        text: 'meh',
        field: 'sentiment',
        label: 'negative',
        userId: null,
        createdAt: 5,
      });
      await addCorrection(db, {
        workspace: 'default',
        messageId: 7,
        text: 'cold latte',
        field: 'complaintType',
        label: 'cold_drink',
        userId: 3,
        createdAt: 6,
      });
      const all = await listCorrections(db, 'default');
      expect(all.map((c) => c.label)).toEqual(['negative', 'cold_drink']);
      expect((await listCorrections(db, 'default', id1)).map((c) => c.messageId)).toEqual([7]);
    });

    test('service: corrections persist, replay after restart and bump the version', async ({ db }) => {
      const service = await createTriageService(db, { persistEvery: 5 });
      expect(service.info()).toMatchObject({ kind: 'default', version: 0 });
      for (let i = 0; i < 7; i += 1) {
        await service.recordCorrection(
          {
            text: `the ${i} fries were mid`,
            field: 'sentiment',
            label: 'negative',
            messageId: null,
            userId: 1,
          },
          100 + i,
        );
      }
      expect(service.info()).toMatchObject({ kind: 'workspace', version: 1, corrections: 7 });
      const probe = 'the burger was mid';
      const before = service.current().triage({ text: probe });
      // A new process: version 1 (5 corrections) plus 2 replayed corrections give the same answers.
      const restarted = await createTriageService(db, { persistEvery: 5 });
      expect(restarted.info()).toMatchObject({ version: 1, corrections: 7 });
      expect(restarted.current().triage({ text: probe }).sentiment).toBe(before.sentiment);
      await restarted.flush(200);
      expect(restarted.info().version).toBe(2);
      expect((await listModels(db, 'default')).length).toBe(2);
    });
  });
}
