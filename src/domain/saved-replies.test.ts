import { describe, expect, it } from 'vitest';
import { renderTemplate, secondUseVerdict, variablesIn, wordsChanged } from './saved-replies.js';

const facts = { confirmedName: null, agentName: 'Sam', custom: { order_id: 'A-17' } };

describe('saved replies', () => {
  it('fills known variables and leaves unknown ones visible, never guessing a name', () => {
    const r = renderTemplate('Hi {first_name}, order {order_id} is on its way. {agent_name}', facts);
    expect(r.text).toBe('Hi {first_name}, order A-17 is on its way. Sam');
    expect(r.unfilled).toEqual(['first_name']);
    const named = renderTemplate('Hi {first_name}', { ...facts, confirmedName: 'Robin Hood' });
    expect(named).toEqual({ text: 'Hi Robin', unfilled: [] });
    expect(variablesIn('{a} {b} {a}')).toEqual(['a', 'b']);
  });

  it('counts changed words, not spacing or punctuation', () => {
    expect(wordsChanged('Sorry about that!', 'sorry   about that.')).toBe(0);
    expect(wordsChanged('Sorry about that', 'Sorry about the late parcel')).toBe(4);
  });

  it('refuses a template sent unedited to a second customer the same day', () => {
    const base = { insertedText: 'We are sorry, the parcel is late.', customerKey: 'c:2' };
    expect(secondUseVerdict({ ...base, sentText: base.insertedText, firstUneditedToday: null }).refused).toBe(
      false,
    );
    expect(
      secondUseVerdict({ ...base, sentText: base.insertedText, firstUneditedToday: 'c:2' }).refused,
    ).toBe(false);
    const second = secondUseVerdict({ ...base, sentText: base.insertedText, firstUneditedToday: 'c:1' });
    expect(second).toMatchObject({ unedited: true, refused: true });
    const edited = secondUseVerdict({
      ...base,
      sentText: 'We are sorry, the parcel to Leeds is two days late.',
      firstUneditedToday: 'c:1',
    });
    expect(edited).toMatchObject({ unedited: false, refused: false });
    const signed = secondUseVerdict({
      ...base,
      sentText: `${base.insertedText}\n-- Sam from Acme support`,
      ignore: ['-- Sam from Acme support'],
      firstUneditedToday: 'c:1',
    });
    expect(signed.refused).toBe(true);
  });
});
