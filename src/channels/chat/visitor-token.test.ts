import { describe, expect, it } from 'vitest';
import { newVisitorId, signVisitorToken, verifyVisitorToken } from './visitor-token.js';

const secret = 'a-visitor-secret-of-at-least-32-characters';
const otherSecret = 'another-visitor-secret-of-32-characters!!';

describe('visitor tokens', () => {
  it('round-trips: a signed token proves its visitor on its own account', () => {
    const id = newVisitorId();
    const token = signVisitorToken(secret, 7, id);
    expect(token).toMatch(/^v1\.v_[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
    expect(verifyVisitorToken(secret, 7, token)).toBe(id);
  });

  it('hands out unpredictable ids', () => {
    const ids = new Set(Array.from({ length: 1000 }, newVisitorId));
    expect(ids.size).toBe(1000);
  });

  it("refuses another account's token, even with the same secret", () => {
    const token = signVisitorToken(secret, 7, newVisitorId());
    expect(verifyVisitorToken(secret, 8, token)).toBeNull();
    expect(verifyVisitorToken(otherSecret, 7, token)).toBeNull();
  });

  it('refuses a token whose visitor id was swapped for someone else’s', () => {
    const mine = signVisitorToken(secret, 7, newVisitorId());
    const victim = newVisitorId();
    const [version, , signature] = mine.split('.');
    expect(verifyVisitorToken(secret, 7, `${version}.${victim}.${signature}`)).toBeNull();
  });

  it('refuses tampered signatures, every single character, including spellings that decode alike', () => {
    // a token whose signature ends in 'A': 'B', 'C' and 'D' decode to the same bytes
    let token = signVisitorToken(secret, 7, newVisitorId());
    while (!token.endsWith('A')) token = signVisitorToken(secret, 7, newVisitorId());
    for (const alike of ['B', 'C', 'D']) {
      expect(verifyVisitorToken(secret, 7, token.slice(0, -1) + alike)).toBeNull();
    }
    const signatureStart = token.lastIndexOf('.') + 1;
    for (let i = signatureStart; i < token.length; i += 1) {
      const c = token[i] === 'A' ? 'B' : 'A';
      expect(verifyVisitorToken(secret, 7, token.slice(0, i) + c + token.slice(i + 1))).toBeNull();
    }
  });

  it('refuses junk without throwing', () => {
    const id = newVisitorId();
    const good = signVisitorToken(secret, 7, id);
    for (const junk of [
      undefined,
      null,
      42,
      {},
      '',
      'v1',
      'v1..',
      `v2.${good.slice(3)}`,
      `${good}.extra`,
      `v1.${id}.`,
      `v1.${id}.${'A'.repeat(43)}`,
      `v1.not-a-visitor.${good.split('.')[2]}`,
      good.replace('v1.', 'V1.'),
      `${good}=`,
      'x'.repeat(10_000),
    ]) {
      expect(verifyVisitorToken(secret, 7, junk)).toBeNull();
    }
  });
});
