import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDb, testEngines } from '../../tests/support/engines.js';
import type { Db } from '../store/database.js';
import { addCorrection, saveModel } from '../store/triage-repo.js';
import { defaultTriager } from './default-triager.js';
import { LinearModel } from './linear.js';
import { createTriageService } from './service.js';
import { applyCorrection, headsToJson, LABEL_DIM } from './train.js';

const UNRELATED = ['thank you so much', 'I was charged twice', 'how do I reset my password?'];
const labelsOf = (t: { triage(i: { text: string }): { intent: string; complaintType: string | null } }) =>
  UNRELATED.map((text) => [t.triage({ text }).intent, t.triage({ text }).complaintType]);

describe.each(testEngines)('triage service corrections on %s', (engine) => {
  let db: Db;
  beforeEach(async () => {
    db = await freshDb(engine);
  });
  afterEach(async () => {
    await db.close();
  });

  it('one intent and one complaint-type correction leave unrelated messages alone, across a restart', async () => {
    const service = await createTriageService(db, { persistEvery: 1 });
    const c = { messageId: null, userId: 1 };
    await service.recordCorrection(
      { ...c, text: 'please stock oat milk', field: 'intent', label: 'feature_request' },
      1,
    );
    await service.recordCorrection(
      {
        ...c,
        text: 'website says in stock, shop has none',
        field: 'complaintType',
        label: 'website_stock_check',
      },
      2,
    );
    expect(labelsOf(service.current())).toEqual(labelsOf(defaultTriager));
    const restarted = await createTriageService(db);
    expect(restarted.info()).toMatchObject({ kind: 'workspace', version: 2, corrections: 2 });
    expect(labelsOf(restarted.current())).toEqual(labelsOf(defaultTriager));
  });

  it('rebuilds a correction-only model stored before gates, so it no longer relabels everything', async () => {
    // What the old code stored after those two corrections: one-class label heads over every message.
    let heads = applyCorrection(null, { text: 'x', field: 'sentiment', label: 'neutral' });
    heads = {
      ...heads,
      gates: null,
      intent: new LinearModel(['feature_request'], LABEL_DIM, heads.sentiment.denseCount),
    };
    heads.complaintType = new LinearModel(['website_stock_check'], LABEL_DIM, heads.sentiment.denseCount);
    const legacy = headsToJson(heads);
    expect(JSON.parse(legacy).format).toBe(2);
    await addCorrection(db, {
      workspace: 'default',
      messageId: null,
      text: 'please stock oat milk',
      field: 'intent',
      label: 'feature_request',
      userId: 1,
      createdAt: 1,
    });
    const id = await addCorrection(db, {
      workspace: 'default',
      messageId: null,
      text: 'website says in stock, shop has none',
      field: 'complaintType',
      label: 'website_stock_check',
      userId: 1,
      createdAt: 2,
    });
    await saveModel(db, {
      workspace: 'default',
      kind: 'workspace',
      model: legacy,
      metrics: { trainedRows: 0, corrections: 2, lastCorrectionId: id },
      at: 3,
    });
    const service = await createTriageService(db);
    expect(service.info()).toMatchObject({ corrections: 2 });
    expect(labelsOf(service.current())).toEqual(labelsOf(defaultTriager));
  });
});
