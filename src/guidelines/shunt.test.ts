import { describe, expect, it } from 'vitest';
import { findShunt } from './shunt.js';

const shunts = [
  'Sorry about that! Please DM us your order number and we will take it from there.',
  'Follow us so we can DM you.',
  'Could you send us a direct message with the details?',
  'Please call us on 1-800-555-0199 so we can sort this out.',
  'Give us a ring and an advisor will help.',
  'You can reach our billing team through live chat.',
  'Please email us at the address on our website.',
  'Fill out the contact form and someone will be in touch.',
  'Tell us more here: https://example.com/contact',
  'Best to visit your local store, they can swap it for you.',
  'You would need to speak with our Claims team about this.',
  'Please contact your bank about the charge.',
  'Hi @bob, kindly assist this customer.',
  'Please check your DMs for our reply.',
  'Open a support ticket and we will look into it.',
  "Drop us a line and we'll sort it.",
];

const notShunts = [
  'Here is how to reset your password: https://example.com/help/reset',
  'That setting lives under Settings > Privacy > Location; switch it off and the prompt goes away.',
  'We love this photo! DM us your address and we will send you a little something.',
  'Turn the router off for ten seconds, then on again; that clears the cache. DM us with any other questions!',
  'Could you tell us which version of the app you are on?',
  "Thanks, we'll pass this on to our product team.",
  "I'll call the store and ask them to hold one for you.",
  'For security we will not communicate via email, but we can help right here.',
  'Tweet us any time if the update does not fix it.',
];

describe('offline_shunt', () => {
  it.each(shunts)('finds a shunt in %j', (text) => {
    const found = findShunt(text);
    expect(found?.code).toBe('offline_shunt');
    expect(found?.match.length).toBeGreaterThan(0);
    expect(text.toLowerCase()).toContain(found!.match.toLowerCase().slice(0, 4));
  });
  it.each(notShunts)('leaves %j alone', (text) => {
    expect(findShunt(text)).toBeUndefined();
  });
});
