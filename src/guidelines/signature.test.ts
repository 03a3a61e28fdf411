import { describe, expect, it } from 'vitest';
import { isSigned, signOff } from './signature.js';

describe('unsigned', () => {
  it.each([
    ['Your refund is on its way. ^AB', '^AB'],
    ['Glad that worked! -Sam', '-Sam'],
    ['The store opens at nine. *JD', '*JD'],
    ['Try the latest update. /XF https://example.com/x', '/XF'],
    ['We have fixed it on our side. ~Debs', '~Debs'],
    ['That is sorted now. Thanks - Mark 2/2', '- Mark'],
    ['Have a lovely weekend.\nPriya', 'Priya'],
    ['Enjoy the trip! Cheers, Tom', 'Cheers, Tom'],
    ['Happy to help. Olu', 'Olu'],
    ['No problem at all. KT', 'KT'],
  ])('reads the sign-off of %j', (text, sign) => {
    expect(signOff(text)).toBe(sign);
  });
  it.each([
    'Hi Sam, your refund is on its way.',
    'Please DM us your order number.',
    'We are sorry to hear that. Please l...',
    'Thanks for waiting. Enjoy.',
    'That is fixed now 🙂',
  ])('finds no sign-off in %j', (text) => {
    expect(isSigned(text)).toBe(false);
  });
});
