import { describe, expect, it } from 'vitest';
import { engages } from './personal.js';

describe('not_personal', () => {
  it('counts a reply that names the subject of the complaint', () => {
    expect(
      engages(
        'Sorry the blender arrived with a cracked jug, a new one ships today.',
        'my blender came with a cracked jug',
      ),
    ).toBe(true);
  });
  it('counts a specific step to try', () => {
    expect(engages('Please restart the app and sign in again.', 'it keeps logging me out')).toBe(true);
  });
  it('counts a how-to article for a how-to question', () => {
    expect(
      engages('This guide should help: https://example.com/guide', 'how do I export my playlists?'),
    ).toBe(true);
  });
  it.each([
    [
      'Hi Anna, sorry to hear that. Please DM us your details and we will take a look.',
      'my parcel is three days late',
    ],
    [
      'We apologise for the inconvenience caused. Please send us your order number.',
      'the zip on my jacket broke',
    ],
    ['Thanks for reaching out! We are here to help.', 'why was I charged twice this month'],
  ])('flags %j as not engaging', (reply, customer) => {
    expect(engages(reply, customer)).toBe(false);
  });
});
