import { describe, expect, it } from 'vitest';
import { checkReply, levelOf } from './check.js';
import { recentIndex } from './similarity.js';
import { findBlame, findTone } from './tone.js';
import { type CheckSettings, defaultCheckSettings } from './types.js';

const settings = (over: Partial<CheckSettings> = {}): CheckSettings => ({ ...defaultCheckSettings, ...over });
const codes = (f: { code: string }[]) => f.map((x) => x.code);

describe('checkReply', () => {
  it('finds every problem of the reply the issue quotes', () => {
    const text =
      'DM us… call 1-800-555-0100… You must have used the product incorrectly… our Q3 forecast is confidential';
    const found = checkReply(
      { text, customerText: 'the lid of my kettle snapped off', customerName: 'Dana Ortiz' },
      settings({ confidentialTerms: ['Q3 forecast'], requireSignature: true }),
    );
    expect(codes(found)).toEqual([
      'offline_shunt',
      'blame',
      'confidential',
      'not_personal',
      'missing_name',
      'unsigned',
    ]);
    const confidential = found.find((f) => f.code === 'confidential')!;
    expect(confidential).toMatchObject({ severity: 'block', match: 'Q3 forecast' });
    for (const f of found) {
      expect(f.why.length).toBeGreaterThan(10);
      expect(f.suggestion.length).toBeGreaterThan(10);
    }
  });

  it('applies per-channel levels over the workspace default', () => {
    const s = settings({ levels: { offline_shunt: 'block' }, channels: { email: { offline_shunt: 'off' } } });
    expect(levelOf(s, 'offline_shunt', 'bluesky')).toBe('block');
    expect(levelOf(s, 'offline_shunt', 'email')).toBe('off');
    expect(levelOf(s, 'tone', 'email')).toBe('warn');
    expect(checkReply({ text: 'Please DM us.', channel: 'email' }, s)).toEqual([]);
    expect(checkReply({ text: 'Please DM us.', channel: 'bluesky' }, s)[0]).toMatchObject({
      code: 'offline_shunt',
      severity: 'block',
    });
  });

  it('uses only a confirmed name, and is satisfied when it appears', () => {
    const s = settings();
    expect(codes(checkReply({ text: 'Sure thing, that is fixed.', customerName: null }, s))).not.toContain(
      'missing_name',
    );
    expect(
      codes(checkReply({ text: 'Hi Dana, that is fixed.', customerName: 'Dana Ortiz' }, s)),
    ).not.toContain('missing_name');
  });

  it('asks for a sign-off only when the workspace requires one', () => {
    expect(codes(checkReply({ text: 'All sorted now.' }, settings()))).not.toContain('unsigned');
    expect(codes(checkReply({ text: 'All sorted now.' }, settings({ requireSignature: true })))).toContain(
      'unsigned',
    );
    expect(
      codes(checkReply({ text: 'All sorted now. -Sam' }, settings({ requireSignature: true }))),
    ).not.toContain('unsigned');
  });

  it('flags a reply too long for its channel, counting what people see', () => {
    const found = checkReply(
      { text: `${'a'.repeat(299)}👍🏽x`, channel: 'bluesky', maxLength: 300 },
      settings(),
    );
    expect(found).toEqual([
      expect.objectContaining({ code: 'channel_limit', severity: 'block', match: 'x' }),
    ]);
    expect(checkReply({ text: `${'a'.repeat(299)}👍🏽`, maxLength: 300 }, settings())).toEqual([]);
  });

  it('finds a form letter among recent replies, ignoring handles, names and numbers', () => {
    const recent = recentIndex([
      '@ann Hi Ann, thanks for reaching out. Please send us your tracking number and we will chase the courier for you today.',
      'The new firmware fixes the pairing problem on the older speakers.',
    ]);
    const text =
      '@bob Hi Bob, thanks for reaching out. Please send us your tracking number and we will chase the courier for you today.';
    expect(codes(checkReply({ text, recent }, settings()))).toContain('form_letter');
    expect(
      codes(
        checkReply({ text: 'Your speaker needs the new firmware, out since Monday.', recent }, settings()),
      ),
    ).not.toContain('form_letter');
  });

  it('says so when an unedited saved reply already went to another customer today', () => {
    const template = { id: 7, usedTodayWithOtherCustomer: true, editedSinceInsert: false };
    const found = checkReply(
      { text: 'Thanks for your patience while we look into this.', template },
      settings(),
    );
    expect(found.find((f) => f.code === 'form_letter')?.why).toMatch(/another customer today/);
    expect(
      codes(
        checkReply(
          { text: 'Thanks for your patience.', template: { ...template, editedSinceInsert: true } },
          settings(),
        ),
      ),
    ).not.toContain('form_letter');
  });

  it('finds card numbers, internal links and other people’s contacts, not order numbers', () => {
    const s = settings({ publicContacts: ['+44 20 7946 0000'] });
    const c = (text: string, customerText = '') =>
      checkReply({ text, customerText }, s).find((f) => f.code === 'confidential')?.match;
    expect(c('I can see card 4111 1111 1111 1111 on file.')).toBe('4111 1111 1111 1111');
    expect(c('Your order 1234567890123 has shipped.')).toBeUndefined();
    expect(c('See https://wiki.corp.example/runbook for the steps.')).toMatch(/wiki\.corp/);
    expect(c('My colleague jane.doe@example.com will call you.')).toBe('jane.doe@example.com');
    expect(c('Write to support@example.com if it happens again.')).toBeUndefined();
    expect(c('We will call you back on 0161 496 0123.', 'call me on 0161 496 0123')).toBeUndefined();
    expect(c('Call Jim directly on 0161 496 0999.')).toBe('0161 496 0999');
    expect(c('Our line is +44 20 7946 0000.')).toBeUndefined();
  });
});

describe('blame and tone', () => {
  it.each([
    'You must have dropped it.',
    'Did you even read the manual?',
    'That is user error, not a fault.',
    'As we already told you, the sale is over.',
  ])('finds blame in %j', (text) => {
    expect(findBlame(text)?.code).toBe('blame');
  });
  it.each([
    'THIS IS NOT HOW WE TREAT PEOPLE',
    'Did you restart it???',
    'Good luck with that.',
    'PLEASE READ THE INSTRUCTIONS before writing.',
  ])('finds a bad tone in %j', (text) => {
    expect(findTone(text)?.code).toBe('tone');
  });
  it.each([
    'Your DVR should record HD shows after the update.',
    'Thanks, that is great to hear!',
    'Flight PDX to LAX is on time.',
  ])('leaves %j alone', (text) => {
    expect(findTone(text)).toBeUndefined();
    expect(findBlame(text)).toBeUndefined();
  });
});
