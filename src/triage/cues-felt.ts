import type { Cue } from './cues.js';

/**
 * Rapport's own cues for feeling on top of a problem (what makes a complaint negative rather than a
 * calm report): frowning emoji, "#fail" hashtags, rhetorical questions at the company, and sarcasm,
 * i.e. positive words around a described failure ("Oh wonderful, I waited 40 minutes").
 */

/** Trigger for a run of two or more "!"/"?" characters (see cues.ts). */
const PUNCT_RUN = '!!';

/** Cues that mark feeling; each is a complaint cue of kind "felt". */
export const FELT_CUES: Cue[] = [
  {
    name: 'frown',
    kind: 'felt',
    // Emoji outside the BMP start with a high surrogate; ":(" and friends are tokens, not text, here.
    on: ['\u2639', '\ud83d', '\ud83e', ':'],
    re: /(?:☹|😒|😕|😞|😔|😢|😭|😡|😠|🤬|🙄|😤|😩|😫|💔|👎|😑|😣|😖|🤦|:-?\((?!\w))/u,
  },
  {
    name: 'fail hashtag',
    kind: 'felt',
    on: ['#'],
    re: /#\w*(?:fail|worst|fraud|scam|ripoff|disappoint\w*|joke|shame\w*|neveragain|boycott|badservice|nothappy|frustrat\w*|notcool|unacceptable)\b/,
  },
  {
    name: 'rhetorical question',
    kind: 'felt',
    on: [
      'what',
      'is',
      'how',
      'are',
      'you',
      'really',
      'seriously',
      'come',
      'unbelievable',
      'smh',
      'ugh',
      'why',
      'who',
      'do',
      'can',
    ],
    re: /\b(?:what good is|is this how you|how (?:hard|difficult) (?:is|can) it|how is (?:it|this|that) (?:possible|acceptable|ok|okay)|how many (?:more )?times|are you (?:serious|kidding|joking)|you(?:'ve| have)? got to be kidding|you can'?t be serious|(?:really|seriously)\s*[?!]|come on\b|unbelievable|smh\b|ugh+\b|why (?:do|does|did|would|should) (?:i|we) (?:even |have to |need to |bother)|who (?:thought|decided) (?:this|that)|do you (?:even|actually) care|can (?:anyone|someone|somebody) (?:there )?(?:actually |please )?(?:help|answer)\b.*\?)/,
  },
  {
    name: 'dismayed',
    kind: 'felt',
    on: [
      'annoy',
      'frustrat',
      'disappoint',
      'upset',
      'angry',
      'mad',
      'hate',
      'sick',
      'tired',
      'fed',
      'done',
      'over',
      'fix',
    ],
    re: /\b(?:so annoying|annoyed|frustrat\w*|disappoint\w*|upset|angry|so mad|i hate|hate (?:this|it|that|how|when)|sick (?:and tired )?of|tired of|fed up|i'?m done|so done|over it|fix (?:it|this|your)\b.*!|fix your)\b/,
  },
  { name: 'shouting', kind: 'felt', on: [PUNCT_RUN], re: /[!?]{2,}.*[!?]{2,}/ },
];

/**
 * An ironic opener: praise or thanks that, followed by a failure, means the opposite ("great,
 * another burnt loaf", "thanks a lot", "love how…", "so much for…"). Analysis turns it into the
 * sarcasm cue only when the same message describes a failure.
 */
export const IRONIC_OPENER: Cue = {
  name: 'sarcasm',
  kind: 'felt',
  on: [
    'oh',
    'great',
    'wonderful',
    'fantastic',
    'brilliant',
    'perfect',
    'lovely',
    'nice',
    'awesome',
    'amazing',
    'thanks',
    'thank',
    'love',
    'gotta',
    'so',
    'just',
    'well',
    'good',
    'way',
    'cheers',
    'i',
    'classic',
    'wow',
    'bravo',
    'real',
    'super',
    'excellent',
  ],
  re: /(?:^|[.!?]\s+|^@\w+\s+)(?:oh,? )?(?:great|wonderful|fantastic|brilliant|perfect|lovely|nice|awesome|amazing|super|wow|bravo|classic|cheers)\b[,.!]|\b(?:oh (?:great|wonderful|fantastic|brilliant|perfect|lovely|nice|awesome|joy|good)|thanks a lot|thanks a bunch|thanks for nothing|thank you so much for nothing|love (?:it )?(?:how|when|that i)|gotta love|so much for|just (?:great|perfect|brilliant|wonderful|what i needed)|well done|good job|nice job|great job|way to go|i feel (?:so )?safe|real(?:ly)? helpful|fantastic service|great service|wonderful service|amazing service|excellent service)\b/,
};
