import { FELT_CUES, IRONIC_OPENER } from './cues-felt.js';
import { FEATURE_REQUEST, PROBLEM_REPORT, PURCHASE } from './cues-intent.js';
import { MORE_URGENCY_CUES } from './cues-urgent.js';
import type { Intent, UrgencyCue } from './types.js';

/**
 * Rapport's own hand-written cue rules. Each finds a phrase that, in a message to a company, signals
 * a complaint, an urgency, an intent or a complaint type even without any "sentiment word"
 * ("still no bag after 3 days", "charged twice", "can't log in"). Cues are explanations too: the
 * names of the ones that matched are shown to the agent.
 */
export interface Cue {
  name: string;
  /**
   * For complaint cues: "felt" marks feeling (negative sentiment), "grievance" time or money lost or
   * being ignored, "report" a calm description of something not working (a complaint intent that
   * can stay neutral).
   */
  kind?: 'felt' | 'grievance' | 'report';
  re: RegExp;
  /**
   * Triggers, a cheap necessary condition for `re` to match: prefixes of words (runs of [a-z0-9_])
   * of which at least one must start a word of the text, or single non-word characters. Every
   * alternative of `re` must contain a word starting with one of them (tests check this on real text).
   */
  on: readonly string[];
}

/** Trigger for a run of two or more "!"/"?" characters. */
const PUNCT_RUN = '!!';
const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

const NUM = String.raw`(?:\d+\+?|a few|few|several|two|three|four|five|six|many|24|48)`;
const UNIT = String.raw`(?:hours?|hrs?|days?|weeks?|months?|mins?|minutes)`;

/** A customer saying they will leave: cancel, switch, never again, a competitor (churn risk). */
/** Triggers of CHURN. */
const CHURN_ON: readonly string[] = [
  'cancel',
  'clos',
  'switch',
  'leaving',
  'competitor',
  'never',
  'done',
  'last',
  'business',
  'find',
  'unsubscrib',
  'port',
  'thinking',
  'will',
  'gonna',
  'going',
  'about',
  'i',
  'not',
  'on',
  'with',
  'to',
  'fly',
  'use',
  'order',
  'buy',
  'shop',
  'book',
  'eat',
  'stay',
];

const CHURN =
  /\b(?:cancel(?:l?ing)? (?:my|our) (?:\w+ )?(?:account|subscription|service|plan|membership|contract|card|policy)|close my account|closing my account|switch(?:ing)? (?:over )?(?:to|back to|providers|carriers|banks)\b(?! (?:dark|light|the (?:app|web|desktop)|mobile|desktop|wifi|data|offline|premium|annual|yearly|monthly|family|student|a (?:new|different) (?:plan|phone|device)))|leaving (?:you|for)|going (?:back )?to (?:a )?competitor|never (?:using|flying|ordering|buying|shopping|booking|coming|eating|staying) (?:\w+ )*?again|never (?:fly|use|order|buy|shop|book|eat|stay)\w* (?:with |at |from )?(?:you|your|here)|done with (?:you|this)|last time i|take my business elsewhere|find (?:a )?(?:new|another|different) (?:provider|bank|carrier|company)|unsubscrib\w*|port(?:ing)? my number|thinking (?:about|of|real hard about) (?:switching|leaving|cancell?ing|joining|moving)|(?:will|gonna|going to|about to|i'?ll) (?:be )?(?:switch|cancel|leav|unsubscrib|clos(?:e|ing) my)\w*|not the only (?:choice|option|game in town)|(?:on|with|to) (?:another|a different|a better|other|a real) (?:airline|carrier|provider|bank|company|service|app|platform|store|brand|network)s?)\b/;

/** Phrases that mark a problem or complaint without needing sentiment words. */
export const COMPLAINT_CUES: Cue[] = [
  {
    name: 'still waiting / still no',
    kind: 'grievance',
    on: ['still'],
    re: /\bstill (?:no|not|nothing|waiting|haven'?t|hasn'?t|can'?t|cannot|unable|have ?n[o']t|broken|down|no word|charging|missing)\b/,
  },
  {
    name: 'has not arrived',
    kind: 'grievance',
    on: ['hasn', 'has', 'haven', 'have', 'never', 'didn', 'did', 'not', 'yet'],
    re: /\b(?:hasn'?t|has not|haven'?t|have not|never|didn'?t|did not|not yet|yet to be) (?:been )?(?:arrived?|received?|delivered|come|shown up|showed up|refunded|credited|fixed|resolved|processed|responded|heard|gotten|got|shipped)\b/,
  },
  {
    name: 'been waiting',
    kind: 'grievance',
    on: ['waiting', 'hold', 'sitting', 'stuck'],
    re: /\b(?:been|was|were|am|are|keep|kept) (?:waiting|on hold|sitting|stuck)\b|\bwaiting (?:for|on|since)\b|\bon hold\b/,
  },
  {
    name: 'long wait',
    kind: 'grievance',
    on: [
      'hour',
      'hr',
      'day',
      'week',
      'month',
      'min',
      'few',
      'several',
      'two',
      'three',
      'four',
      'five',
      'six',
      'many',
      ...DIGITS,
    ],
    // A duration that is a wait ("for 3 hours", "2 days later"), not a plan ("3 months free").
    re: new RegExp(
      String.raw`\b(?:for|after|over|took|taking|waited|waiting|wait|been|almost|nearly|already|than|since)\s+(?:(?:the|a|an|about|over|almost|nearly|more than|like|past|last)\s+)*${NUM} ?${UNIT}\b|\b${NUM} ?${UNIT}\s+(?:later|now|already|and (?:still|counting|nothing)|of (?:waiting|this)|on hold|on the phone|late|delay(?:ed)?|behind|wait(?:ing)?|in line|on the tarmac|at the gate)\b`,
      '',
    ),
  },
  {
    name: 'charged wrongly',
    kind: 'grievance',
    on: ['charged', 'billed', 'debited', 'double', 'overcharg', 'unauthori', 'hidden'],
    re: /\b(?:charged|billed|debited) (?:me )?(?:twice|double|again|wrong|for something|without)|\bdouble[- ](?:charged|billed)|\bovercharg|\bunauthori[sz]ed\b|\bhidden (?:fee|charge)/,
  },
  {
    name: 'cannot do',
    kind: 'report',
    on: ['can', 'couldn', 'could', 'unable', 'impossible', 'won', 'not'],
    re: /\b(?:can'?t|cannot|can not|couldn'?t|could not|unable to|impossible to|won'?t let me|not able to) (?:log|sign|access|get|login|use|connect|find|reach|pay|book|check|load|open|cancel|change|contact|talk|speak|call|download|update|see|make|track|order|submit|transfer|withdraw|receive|send|stream|watch)\b/,
  },
  {
    name: 'not working',
    kind: 'report',
    on: ['work', 'load', 'respond', 'connect', 'charg', 'turn', 'start', 'open', 'help', 'answer'],
    re: /\b(?:doesn'?t|does not|don'?t|do not|didn'?t|did not|isn'?t|is not|not|won'?t|wont|never|stopped|stop) (?:work|working|load|loading|respond|responding|connect|connecting|charge|charging|turn on|start|open|help|helping|answer|answering)\b/,
  },
  {
    name: 'no response',
    kind: 'grievance',
    on: ['no'],
    re: /\bno (?:one|body|response|reply|answer|update|updates|info|information|help|explanation|signal|service|internet|power|water|heat|call ?back|refund|word|communication|show)\b|\bnobody\b|\bno-one\b/,
  },
  {
    name: 'where is it',
    kind: 'grievance',
    on: ['where', 'what'],
    re: /\bwhere(?:'s| is| are) (?:my|our|the)\b|\bwhat(?:'s| is) (?:going on|happening|the (?:hold ?up|holdup|deal|point))\b/,
  },
  {
    name: 'why question',
    kind: 'report',
    on: ['why'],
    re: /\bwhy (?:is|are|do|does|did|can'?t|won'?t|would|isn'?t|hasn'?t|haven'?t|am i|was|were|has|have|on earth|the hell|tf|not|no)\b/,
  },
  {
    name: 'broken or wrong item',
    kind: 'report',
    on: [
      'lost',
      'missing',
      'damaged',
      'broken',
      'wrong',
      'cracked',
      'stolen',
      'cold',
      'spoiled',
      'expired',
      'defective',
      'faulty',
      'leaking',
    ],
    re: /\b(?:lost|missing|damaged|broken|wrong|cracked|stolen|cold|spoiled|expired|defective|faulty|leaking) (?:bag|bags|luggage|order|item|items|package|parcel|delivery|food|meal|phone|device|product|box|part|size|card|bill|invoice)\b/,
  },
  {
    name: 'again',
    kind: 'report',
    on: ['again', 'once', 'time', 'keep'],
    re: /\b(?:again|once more|yet again|every (?:single )?time|(?:second|third|fourth|fifth|2nd|3rd|4th|5th|\d+th) time|keeps? (?:on )?(?:crashing|dropping|failing|happening|cancell?ing|charging|logging|freezing|breaking|losing))\b/,
  },
  {
    name: 'service failure',
    kind: 'grievance',
    on: [
      'delayed',
      'cancel',
      'outage',
      'down',
      'stranded',
      'stuck',
      'overbooked',
      'hung',
      'disconnected',
      'cut',
      'ignor',
      'ghosted',
      'misplaced',
      'lost',
      'missed',
      'never',
      'run',
      'transferred',
      'hang',
      'sitting',
      'sat',
      'holding',
      'on',
      'high',
      'line',
      'can',
      'behind',
      'sleeping',
    ],
    re: /\b(?:delayed|cancell?ed|outage|down again|is down|went down|stranded|stuck|overbooked|hung up|hangs? up|disconnected|cut off|ignored|ignoring|ghosted|misplaced|lost my|lost our|missed (?:my|our|the)|never (?:arrived|came|showed)|runaround|run around|transferred (?:me )?(?:\d+|multiple|several|again)|sitting (?:on|in|at) the (?:tarmac|plane|runway|gate|ground)|(?:still|sat|sitting) on the (?:ground|tarmac|runway)|(?:holding|on hold) for (?:hours|ages|an hour|forever)|high call volume|line is (?:too )?busy|can'?t (?:get through|reach anyone|get a hold)|behind schedule|sleeping (?:on|at|in) the (?:airport|floor|terminal))\b/,
  },
  {
    name: 'dissatisfied',
    kind: 'felt',
    on: [
      'not',
      'unacceptable',
      'waste',
      'worst',
      'ridiculous',
      'pathetic',
      'terrible',
      'horrible',
      'awful',
      'disgusting',
      'joke',
      'shame',
      'fed',
      'sick',
      'tired',
      'enough',
      'hard',
      'mess',
      'sort',
      'better',
      'together',
      'step',
    ],
    re: /\b(?:not (?:happy|impressed|good|great|ok|okay|acceptable|fair|cool|right|helpful)|unacceptable|waste of|worst|ridiculous|pathetic|terrible|horrible|awful|disgusting|joke|shameful|shame on|fed up|sick of|tired of|had enough|enough is enough|how hard is it|what a mess|sort it out|do better|get it together|step up)\b/,
  },
  {
    name: 'sarcasm',
    kind: 'felt',
    on: ['thanks', 'great', 'nice', 'done', 'love', 'much', 'helpful', 'fail', 'sarcasm', '/'],
    re: /\b(?:thanks for nothing|thanks a lot for|great job|nice job|well done|love (?:it )?(?:when|how)|so much for|just great|oh great|real(?:ly)? helpful)\b.*(?:\bnot\b|\bno\b|\?!|!!|\bagain\b|\bhours?\b|#fail)|#fail\b|#sarcasm\b|\/s\b/,
  },
  { name: 'repeated punctuation', kind: 'felt', on: [PUNCT_RUN], re: /[!?]{3,}|\?!|!\?|\?\?/ },
  {
    name: 'leaving',
    kind: 'felt',
    on: CHURN_ON,
    re: CHURN,
  },
  ...FELT_CUES,
  PROBLEM_REPORT,
];

/** Phrases that mark gratitude or praise. */
export const POSITIVE_CUES: Cue[] = [
  {
    name: 'thanks',
    on: ['thank', 'thx', 'ty', 'cheers', 'appreciate', 'grateful'],
    re: /\b(?:thanks?|thank you|thx|ty|tysm|cheers|appreciate(?:d)?|grateful)\b/,
  },
  {
    name: 'praise',
    on: [
      'lov',
      'amaz',
      'aa',
      'awesome',
      'great',
      'excellent',
      'fantastic',
      'brilliant',
      'wonderful',
      'perfect',
      'best',
      'outstanding',
      'superb',
      'kudos',
      'shout',
      'props',
      'impressed',
      'smooth',
      'seamless',
      'lifesaver',
      'rock',
      'delighted',
      'pleased',
      'happy',
    ],
    re: /\b(?:love|loved|loving|amazing|awesome|great|excellent|fantastic|brilliant|wonderful|perfect|best|outstanding|superb|kudos|shout ?out|props|impressed|smooth|seamless|a+mazing|lifesaver|rock|rocks|rockstar|delighted|pleased|happy)\b/,
  },
  {
    name: 'smile',
    // Emoji outside the BMP start with a high surrogate (\ud83c, \ud83d or \ud83e for these).
    on: [':', ';', '=', '\u2764', '\u2665', '\ud83c', '\ud83d', '\ud83e'],
    re: /(?:[:;=]-?[)d]|❤|😀|😃|😄|😁|😊|😍|🙏|👍|🎉|💯|🙌|♥|😘|🥰|❤️)/u,
  },
];

/** Urgency cues, each a reason to answer before everything else. */
export const URGENCY_CUES: { cue: UrgencyCue; re: RegExp; on: readonly string[] }[] = [
  {
    cue: 'safety',
    on: [
      'fire',
      'smok',
      'gas',
      'leaking',
      'spark',
      'explod',
      'injur',
      'hurt',
      'bleeding',
      'unsafe',
      'danger',
      'emergency',
      'ambulance',
      'hospital',
      'poison',
      'allerg',
      'choking',
      'carbon',
      'electrocut',
      'harass',
      'assault',
      'threaten',
      'medical',
      'insulin',
      'wheelchair',
      'stranded',
    ],
    re: /\b(?:fire|smoke|smoking|gas leak|leaking gas|sparks?|sparking|explod\w*|injur\w*|hurt|bleeding|unsafe|danger\w*|emergency|ambulance|hospital|food poisoning|poisoned|allerg\w*|choking|carbon monoxide|electrocut\w*|harass\w*|assault\w*|threaten\w*|unsafe|medical|insulin|wheelchair|stranded (?:with|alone)|kids? stranded)\b/,
  },
  {
    cue: 'money_lost',
    on: [
      'charged',
      'double',
      'overcharg',
      'unauthori',
      'fraud',
      'scam',
      'stolen',
      'money',
      'refund',
      'debited',
      '$',
    ],
    re: /\b(?:charged (?:me )?(?:twice|double|again)|double[- ](?:charged|billed)|overcharg\w*|unauthori[sz]ed|fraud\w*|scam\w*|stolen|took my money|money (?:is )?(?:gone|missing|taken|disappeared)|still no refund|no refund|refund (?:has not|hasn'?t|never|not)|not (?:been )?refunded|debited (?:twice|again)|lost (?:my )?money|\$\d[\d,.]* (?:gone|missing|charged))/,
  },
  {
    cue: 'locked_out',
    on: ['lock', 'can', 'unable', 'account', 'hacked', 'password', 'verification', '2fa', 'two'],
    re: /\b(?:locked out|lock(?:ed)? me out|can'?t (?:log ?in|login|sign ?in|access)|cannot (?:log ?in|login|sign ?in|access)|unable to (?:log ?in|login|sign ?in|access)|account (?:is )?(?:locked|suspended|disabled|blocked|frozen|hacked|compromised)|hacked|password reset (?:is )?not|verification code|2fa|two[- ]factor)\b/,
  },
  {
    cue: 'disruption_now',
    on: [
      'now',
      'currently',
      'moment',
      'atm',
      'speak',
      'down',
      'outage',
      'stranded',
      'stuck',
      'no',
      'missed',
      'cancel',
      'tonight',
      'today',
      'morning',
      'gate',
    ],
    re: /\b(?:right now|currently|at the moment|atm|as we speak|still down|is down|are down|outage|stranded|stuck (?:at|in|on)|no (?:power|internet|signal|service|water|heat|wifi)|not working (?:right )?now|missed (?:my |our )?(?:connection|flight|train)|cancell?ed (?:my |our )?(?:flight|train|order)|tonight|today|this morning|gate)\b/,
  },
  {
    cue: 'escalating_anger',
    on: [
      PUNCT_RUN,
      'lawyer',
      'sue',
      'suing',
      'lawsuit',
      'legal',
      'claims',
      'bbb',
      'ombudsman',
      'regulator',
      'fcc',
      'attorney',
      'chargeback',
      'report',
      'media',
      'again',
      'wtf',
      'fuck',
      '*',
      'shit',
      'damn',
      'hell',
      'bullshit',
      'bs',
      'furious',
      'livid',
      'outraged',
      'disgusted',
      'time',
      'enough',
    ],
    re: /(?:[!?]{3,}|\b(?:lawyer|sue|suing|lawsuit|legal action|small claims|bbb|ombudsman|regulator|fcc|attorney|chargeback|report(?:ing)? you|media|never again|wtf|fuck\w*|f\*+k\w*|shit\w*|damn|hell|bullshit|bs|furious|livid|outraged|disgusted|(?:third|fourth|fifth|3rd|4th|5th|\d+th) time|enough is enough|had enough)\b)/,
  },
  ...MORE_URGENCY_CUES,
];

/** Intent rules in priority order: the first that matches wins (after sentiment-based fallbacks). */
export const INTENT_CUES: { intent: Intent; re: RegExp; on: readonly string[] }[] = [
  {
    intent: 'churn_risk',
    on: CHURN_ON,
    re: CHURN,
  },
  {
    intent: 'feature_request',
    on: FEATURE_REQUEST.on,
    re: FEATURE_REQUEST.re,
  },
  {
    intent: 'purchase_intent',
    on: PURCHASE.on,
    re: PURCHASE.re,
  },
];

/** Default complaint types (a workspace replaces them with its own learned labels). */
export const COMPLAINT_TYPE_CUES: { type: string; re: RegExp; on: readonly string[] }[] = [
  {
    type: 'billing',
    on: [
      'charg',
      'bill',
      'invoice',
      'refund',
      'fee',
      'payment',
      'paid',
      'money',
      'price',
      'overcharg',
      'subscription',
      'debited',
      'credit',
      '$',
    ],
    re: /\b(?:charged?|charges|billing|bill|billed|invoice|refund\w*|fee|fees|payment|paid|money|price|overcharg\w*|subscription|debited|credit card|\$\d)/,
  },
  {
    type: 'account_access',
    on: ['log', 'sign', 'password', 'lock', 'account', 'verification', '2fa', 'two', 'hacked'],
    re: /\b(?:log ?in|login|sign ?in|password|locked out|account (?:is )?(?:locked|suspended|disabled|blocked|hacked)|verification|2fa|two[- ]factor|hacked)\b/,
  },
  {
    type: 'delivery_delay',
    on: [
      'delay',
      'late',
      'arrived',
      'where',
      'tracking',
      'shipping',
      'shipment',
      'delivery',
      'courier',
      'time',
      'eta',
    ],
    re: /\b(?:delay\w*|late|hasn'?t arrived|not arrived|never arrived|where(?:'s| is) my (?:order|package|parcel|delivery|food)|tracking|shipping|shipment|delivery|courier|on time|eta)\b/,
  },
  {
    type: 'cancellation',
    on: ['cancel', 'rebook', 'overbooked', 'bumped'],
    re: /\b(?:cancell?ed|cancell?ation|rebook\w*|overbooked|bumped)\b/,
  },
  {
    type: 'outage_technical',
    on: [
      'down',
      'outage',
      'work',
      'error',
      'crash',
      'bug',
      'glitch',
      'app',
      'website',
      'site',
      'internet',
      'wifi',
      'signal',
      'connection',
      'server',
      'update',
      'freez',
      'loading',
    ],
    re: /\b(?:down|outage|not working|doesn'?t work|error|crash\w*|bug\w*|glitch\w*|app|website|site|internet|wifi|signal|connection|server|update broke|freez\w*|loading)\b/,
  },
  {
    type: 'product_quality',
    on: [
      'broken',
      'damaged',
      'defective',
      'faulty',
      'wrong',
      'quality',
      'cold',
      'stale',
      'spoiled',
      'missing',
      'cracked',
      'leak',
      'luggage',
      'bag',
    ],
    re: /\b(?:broken|damaged|defective|faulty|wrong (?:item|order|size)|quality|cold|stale|spoiled|missing items?|cracked|leak\w*|luggage|bag|bags)\b/,
  },
  {
    type: 'customer_service',
    on: [
      'rude',
      'agent',
      'staff',
      'rep',
      'support',
      'customer',
      'hold',
      'hung',
      'no',
      'call',
      'attendant',
      'employee',
      'manager',
      'chat',
    ],
    re: /\b(?:rude|agent|staff|representative|rep|support|customer service|hold|hung up|no (?:one|response|reply|answer)|nobody|call ?back|attendant|employee|manager|chat)\b/,
  },
];

/** Any rule with triggers. */
export interface Rule {
  re: RegExp;
  on: readonly string[];
}

/** Every rule, in a fixed order: a rule's index here is its id in a trigger scan. */
export const ALL_RULES: readonly Rule[] = [
  ...COMPLAINT_CUES,
  ...POSITIVE_CUES,
  ...URGENCY_CUES,
  ...INTENT_CUES,
  ...COMPLAINT_TYPE_CUES,
  IRONIC_OPENER,
];

/** Id (index in ALL_RULES) of each rule. */
export const RULE_ID: ReadonlyMap<Rule, number> = new Map(ALL_RULES.map((r, i) => [r, i]));
// Per-list id arrays, so a hot loop indexes instead of looking a rule up.
const ids = (list: readonly Rule[]) => Int32Array.from(list, (r) => RULE_ID.get(r)!);
/** Rule ids of COMPLAINT_CUES, POSITIVE_CUES, URGENCY_CUES, INTENT_CUES, COMPLAINT_TYPE_CUES, in order. */
export const COMPLAINT_IDS = ids(COMPLAINT_CUES);
export const POSITIVE_IDS = ids(POSITIVE_CUES);
export const URGENCY_IDS = ids(URGENCY_CUES);
export const INTENT_IDS = ids(INTENT_CUES);
export const COMPLAINT_TYPE_IDS = ids(COMPLAINT_TYPE_CUES);
/** Rule id of the ironic opener (see cues-felt.ts). */
export const IRONIC_ID = RULE_ID.get(IRONIC_OPENER)!;
export { IRONIC_OPENER };

const FNV_OFFSET = 0x811c9dc5;
const MAX_TRIGGER = 16;
// Open-addressing table: hash of a word-prefix trigger (never 0) → index into ruleLists.
const TABLE_BITS = 11;
const tableKeys = new Int32Array(1 << TABLE_BITS);
const tableVals = new Int32Array(1 << TABLE_BITS);
const ruleLists: number[][] = [];
const charTriggers: (number[] | undefined)[] = [];
const punctRunRules: number[] = [];

function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95;
}

function slotOf(h: number): number {
  return (h ^ (h >>> TABLE_BITS)) & ((1 << TABLE_BITS) - 1);
}

function addWordTrigger(h: number, id: number): void {
  const key = h | 0 || 1;
  let slot = slotOf(key);
  while (tableKeys[slot] !== 0 && tableKeys[slot] !== key) slot = (slot + 1) & ((1 << TABLE_BITS) - 1);
  if (tableKeys[slot] === 0) {
    tableKeys[slot] = key;
    tableVals[slot] = ruleLists.length;
    ruleLists.push([]);
  }
  const ids = ruleLists[tableVals[slot]!]!;
  if (!ids.includes(id)) ids.push(id);
}

ALL_RULES.forEach((rule, id) => {
  for (const t of rule.on) {
    if (t === PUNCT_RUN) punctRunRules.push(id);
    else if (t.length === 1 && !isWordCode(t.charCodeAt(0))) {
      const list = charTriggers[t.charCodeAt(0)] ?? [];
      if (!list.includes(id)) list.push(id);
      charTriggers[t.charCodeAt(0)] = list;
    } else {
      if (t.length > MAX_TRIGGER || ![...t].every((ch) => isWordCode(ch.charCodeAt(0))))
        throw new Error(`bad cue trigger '${t}'`);
      let h = FNV_OFFSET;
      for (let i = 0; i < t.length; i += 1) h = Math.imul(h ^ t.charCodeAt(i), 0x01000193);
      addWordTrigger(h, id);
    }
  }
});

/**
 * One pass over lower-case text marking which rules may match (1 in the returned array, indexed by
 * rule id): a rolling hash over each word's first characters is looked up after every character.
 * Only marked rules run their regex, so a message pays for a handful of regexes, not all of them.
 * (A hash collision only marks a rule needlessly; its regex still decides.)
 */
export function scanTriggers(lower: string, out = new Uint8Array(ALL_RULES.length)): Uint8Array {
  const n = lower.length;
  const mask = (1 << TABLE_BITS) - 1;
  let i = 0;
  while (i < n) {
    const c = lower.charCodeAt(i);
    if (isWordCode(c)) {
      let h = FNV_OFFSET;
      const end = i + MAX_TRIGGER;
      while (i < n) {
        const d = lower.charCodeAt(i);
        if (!isWordCode(d)) break;
        if (i < end) {
          h = Math.imul(h ^ d, 0x01000193);
          const key = h | 0 || 1;
          let slot = slotOf(key);
          while (tableKeys[slot] !== 0) {
            if (tableKeys[slot] === key) {
              for (const id of ruleLists[tableVals[slot]!]!) out[id] = 1;
              break;
            }
            slot = (slot + 1) & mask;
          }
        }
        i += 1;
      }
      continue;
    }
    if ((c === 33 || c === 63) && i + 1 < n) {
      const d = lower.charCodeAt(i + 1);
      if (d === 33 || d === 63) for (const id of punctRunRules) out[id] = 1;
    }
    if (c > 32 && c < charTriggers.length) {
      const list = charTriggers[c];
      if (list !== undefined) for (const id of list) out[id] = 1;
    }
    i += 1;
  }
  return out;
}

/** Tests a rule against lower-case text, running its regex only when a trigger scan marked it. */
export function ruleFires(rule: Rule, lower: string, marks: Uint8Array, id = RULE_ID.get(rule)!): boolean {
  return marks[id] === 1 && rule.re.test(lower);
}

/** Tests a rule against lower-case text (no trigger scan: for one-off checks and tests). */
export function ruleMatches(rule: Rule, lower: string): boolean {
  return rule.re.test(lower);
}

/** Names of the cues in `list` that match `text` (rules are written for lower-case text). */
export function matchCues(list: Cue[], text: string): string[] {
  const out: string[] = [];
  const lower = text.toLowerCase();
  const marks = scanTriggers(lower);
  for (const c of list) if (ruleFires(c, lower, marks)) out.push(c.name);
  return out;
}
