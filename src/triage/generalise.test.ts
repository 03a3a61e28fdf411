import { describe, expect, it } from 'vitest';
import { defaultTriager } from './default-triager.js';

const t = (text: string) => defaultTriager.triage({ text });

describe('default triage across industries and languages (issue 15)', () => {
  it('reads sarcasm: positive words around a described failure are negative', () => {
    for (const text of [
      'Oh wonderful, I waited 40 minutes for my order. Fantastic service.',
      'Great, another burnt loaf. Thanks a lot.',
    ]) {
      const r = t(text);
      expect(r.sentiment, text).toBe('negative');
      expect(r.intent, text).toBe('complaint');
      expect(r.priority, text).toBeGreaterThanOrEqual(40);
      expect(r.explanation).toContain('cue: sarcasm');
    }
    // Real praise with the same words stays positive.
    expect(t('Great service today, thanks a lot!').sentiment).toBe('positive');
  });

  it('scores German, Spanish and French with their own cues, never the English lexicon', () => {
    const praise = t('Die Brötchen waren super lecker');
    expect(praise).toMatchObject({ language: 'de', scored: true, sentiment: 'positive' });
    expect(t('Der Service war schrecklich, ich warte seit zwei Wochen')).toMatchObject({
      language: 'de',
      sentiment: 'negative',
      intent: 'complaint',
    });
    expect(t('El pedido llegó tarde y frío, qué decepción')).toMatchObject({
      language: 'es',
      sentiment: 'negative',
    });
    expect(t('Merci beaucoup pour votre aide')).toMatchObject({
      language: 'fr',
      sentiment: 'positive',
      intent: 'thanks',
    });
    expect(t('Je veux résilier mon abonnement, toujours pas de réponse').intent).toBe('churn_risk');
  });

  it('leaves other languages unscored instead of guessing', () => {
    for (const text of ['Il pacco è arrivato rotto e nessuno risponde', 'Заказ не пришёл уже две недели']) {
      const r = t(text);
      expect(r.scored, text).toBe(false);
      expect(r).toMatchObject({ sentiment: 'neutral', intent: 'other', urgency: [] });
      expect(r.explanation[0]).toMatch(/not scored/);
      expect(r.language).not.toBe('en');
    }
    expect(t('ok').scored).toBe(true);
  });

  it('flags safety: contamination, allergy, injury, someone stranded', () => {
    for (const text of [
      'There was plastic in my croissant',
      'found a piece of glass in my salad',
      'my son had a reaction, the cookies said nut free but contain nuts',
      'the kettle burned my hand when the lid flew off',
      'stuck at the airport overnight with two small kids and no hotel',
    ]) {
      expect(t(text).urgency, text).toContain('safety');
    }
  });

  it('flags money, account access and public escalation', () => {
    for (const text of [
      'I was charged twice for the same order',
      'you charged me again after I cancelled in March',
      'still waiting for my refund from last month',
    ])
      expect(t(text).urgency, text).toContain('money_lost');
    for (const text of [
      'I am not able to reset my password',
      'someone else is using my account',
      'my account was hacked',
    ])
      expect(t(text).urgency, text).toContain('locked_out');
    for (const text of [
      'going to post this everywhere and report you to trading standards',
      'you are all idiots',
      'THIS IS THE WORST SERVICE I HAVE EVER HAD',
    ])
      expect(t(text).urgency, text).toContain('escalating_anger');
    // A plain how-to question is not urgent.
    expect(t('how do I reset my password?').urgency).toEqual([]);
  });

  it('keeps calm factual problem reports neutral, with a complaint intent', () => {
    for (const text of [
      'the app closes when I share a photo, android 14',
      'tried reinstalling, same issue',
      'my transfer from friday is still pending',
      'the tracking page has not updated since monday',
    ]) {
      const r = t(text);
      expect(r.sentiment, text).toBe('neutral');
      expect(r.intent, text).toBe('complaint');
    }
    expect(t('so annoying, the app crashed again and nobody helps').sentiment).toBe('negative');
  });

  it('finds intents across industries', () => {
    expect(t('if this is not fixed by friday I am switching to another bank').intent).toBe('churn_risk');
    expect(t('thinking about cancelling my subscription after this').intent).toBe('churn_risk');
    expect(t('I want to upgrade to the family plan, how do I do that?').intent).toBe('purchase_intent');
    expect(t('please bring back the old menu, it was so much better').intent).toBe('feature_request');
    expect(t('iPhone 12, iOS 17.2. Thanks!').intent).toBe('other');
    expect(t('that worked, thank you so much!').intent).toBe('thanks');
  });
});
