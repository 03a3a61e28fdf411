import type { Intent, UrgencyCue } from './types.js';

/**
 * Rapport's own hand-written cue rules. Each finds a phrase that, in a message to a company, signals
 * a complaint, an urgency, an intent or a complaint type even without any "sentiment word"
 * ("still no bag after 3 days", "charged twice", "can't log in"). Cues are explanations too: the
 * names of the ones that matched are shown to the agent.
 */
export interface Cue {
  name: string;
  re: RegExp;
  /** Substrings of which at least one must occur for `re` to match: a cheap pre-check for speed. */
  gate?: string[];
}

/** Tests a rule against lower-case text, skipping the regex when its gate rules it out. */
export function ruleMatches(rule: { re: RegExp; gate?: string[] }, lower: string): boolean {
  if (rule.gate) {
    let open = false;
    for (const g of rule.gate) {
      if (lower.includes(g)) {
        open = true;
        break;
      }
    }
    if (!open) return false;
  }
  return rule.re.test(lower);
}

const NUM = String.raw`(?:\d+|a few|few|several|two|three|four|five|six|many|24|48)`;

/** Phrases that mark a problem or complaint without needing sentiment words. */
export const COMPLAINT_CUES: Cue[] = [
  {
    name: 'still waiting / still no',
    gate: ['still'],
    re: /\bstill (?:no|not|nothing|waiting|haven'?t|hasn'?t|can'?t|cannot|unable|have ?n[o']t|broken|down|no word|charging|missing)\b/,
  },
  {
    name: 'has not arrived',
    gate: ['nt', "n't", 'not', 'never', 'yet'],
    re: /\b(?:hasn'?t|has not|haven'?t|have not|never|didn'?t|did not|not yet|yet to be) (?:been )?(?:arrived?|received?|delivered|come|shown up|showed up|refunded|credited|fixed|resolved|processed|responded|heard|gotten|got|shipped)\b/,
  },
  {
    name: 'been waiting',
    gate: ['wait', 'hold', 'sitting', 'stuck'],
    re: /\b(?:been|was|were|am|are|keep|kept) (?:waiting|on hold|sitting|stuck)\b|\bwaiting (?:for|on|since)\b|\bon hold\b/,
  },
  {
    name: 'long wait',
    gate: ['hour', 'hr', 'day', 'week', 'month', 'min'],
    re: new RegExp(String.raw`\b${NUM} ?(?:hours?|hrs?|days?|weeks?|months?|mins?|minutes)\b`, ''),
  },
  {
    name: 'charged wrongly',
    gate: ['charg', 'bill', 'debit', 'unauthori', 'hidden'],
    re: /\b(?:charged|billed|debited) (?:me )?(?:twice|double|again|wrong|for something|without)|\bdouble[- ](?:charged|billed)|\bovercharg|\bunauthori[sz]ed\b|\bhidden (?:fee|charge)/,
  },
  {
    name: 'cannot do',
    gate: ['nt', "n't", 'not', 'unable', 'impossible'],
    re: /\b(?:can'?t|cannot|can not|couldn'?t|could not|unable to|impossible to|won'?t let me|not able to) (?:log|sign|access|get|login|use|connect|find|reach|pay|book|check|load|open|cancel|change|contact|talk|speak|call|download|update|see|make|track|order|submit|transfer|withdraw|receive|send|stream|watch)\b/,
  },
  {
    name: 'not working',
    gate: ['nt', "n't", 'not', 'never', 'stop'],
    re: /\b(?:doesn'?t|does not|don'?t|do not|didn'?t|did not|isn'?t|is not|not|won'?t|wont|never|stopped|stop) (?:work|working|load|loading|respond|responding|connect|connecting|charge|charging|turn on|start|open|help|helping|answer|answering)\b/,
  },
  {
    name: 'no response',
    gate: ['no'],
    re: /\bno (?:one|body|response|reply|answer|update|updates|info|information|help|explanation|signal|service|internet|power|water|heat|call ?back|refund|word|communication|show)\b|\bnobody\b|\bno-one\b/,
  },
  {
    name: 'where is it',
    re: /\bwhere(?:'s| is| are) (?:my|our|the)\b|\bwhat(?:'s| is) (?:going on|happening|the (?:hold ?up|holdup|deal|point))\b/,
  },
  {
    name: 'why question',
    gate: ['why'],
    re: /\bwhy (?:is|are|do|does|did|can'?t|won'?t|would|isn'?t|hasn'?t|haven'?t|am i|was|were|has|have|on earth|the hell|tf|not|no)\b/,
  },
  {
    name: 'broken or wrong item',
    re: /\b(?:lost|missing|damaged|broken|wrong|cracked|stolen|cold|spoiled|expired|defective|faulty|leaking) (?:bag|bags|luggage|order|item|items|package|parcel|delivery|food|meal|phone|device|product|box|part|size|card|bill|invoice)\b/,
  },
  {
    name: 'again',
    gate: ['again', 'once more', 'every', 'time', 'keep'],
    re: /\b(?:again|once more|yet again|every (?:single )?time|(?:second|third|fourth|fifth|2nd|3rd|4th|5th|\d+th) time|keeps? (?:on )?(?:crashing|dropping|failing|happening|cancell?ing|charging|logging|freezing|breaking|losing))\b/,
  },
  {
    name: 'service failure',
    re: /\b(?:delayed|cancell?ed|outage|down again|is down|went down|stranded|stuck|overbooked|hung up|disconnected|cut off|ignored|ignoring|ghosted|misplaced|lost my|lost our|missed (?:my|our|the)|never (?:arrived|came|showed)|runaround|run around|transferred (?:me )?(?:\d+|multiple|several|again))\b/,
  },
  {
    name: 'dissatisfied',
    re: /\b(?:not (?:happy|impressed|good|great|ok|okay|acceptable|fair|cool|right|helpful)|unacceptable|waste of|worst|ridiculous|pathetic|terrible|horrible|awful|disgusting|joke|shameful|shame on|fed up|sick of|tired of|had enough|enough is enough|how hard is it|what a mess|sort it out|do better|get it together|step up)\b/,
  },
  {
    name: 'sarcasm',
    re: /\b(?:thanks for nothing|thanks a lot for|great job|nice job|well done|love (?:it )?(?:when|how)|so much for|just great|oh great|real(?:ly)? helpful|great service)\b.*(?:\bnot\b|\bno\b|!|\?|\bagain\b|\bhours?\b|#fail)|#fail\b|#sarcasm\b|\/s\b/,
  },
  { name: 'repeated punctuation', re: /[!?]{3,}|\?!|!\?/ },
];

/** Phrases that mark gratitude or praise. */
export const POSITIVE_CUES: Cue[] = [
  { name: 'thanks', re: /\b(?:thanks?|thank you|thx|ty|tysm|cheers|appreciate(?:d)?|grateful)\b/ },
  {
    name: 'praise',
    re: /\b(?:love|loved|loving|amazing|awesome|great|excellent|fantastic|brilliant|wonderful|perfect|best|outstanding|superb|kudos|shout ?out|props|impressed|smooth|seamless|a+mazing|lifesaver|rock|rocks|rockstar|delighted|pleased|happy)\b/,
  },
  { name: 'smile', re: /(?:[:;=]-?[)d]|❤|😀|😃|😄|😁|😊|😍|🙏|👍|🎉|💯|🙌|♥|😘|🥰|❤️)/u },
];

/** Urgency cues, each a reason to answer before everything else. */
export const URGENCY_CUES: { cue: UrgencyCue; re: RegExp; gate?: string[] }[] = [
  {
    cue: 'safety',
    re: /\b(?:fire|smoke|smoking|gas leak|leaking gas|sparks?|sparking|explod\w*|injur\w*|hurt|bleeding|unsafe|danger\w*|emergency|ambulance|hospital|food poisoning|poisoned|allerg\w*|choking|carbon monoxide|electrocut\w*|harass\w*|assault\w*|threaten\w*|unsafe|medical|insulin|wheelchair|stranded (?:with|alone)|kids? stranded)\b/,
  },
  {
    cue: 'money_lost',
    re: /\b(?:charged (?:me )?(?:twice|double|again)|double[- ](?:charged|billed)|overcharg\w*|unauthori[sz]ed|fraud\w*|scam\w*|stolen|took my money|money (?:is )?(?:gone|missing|taken|disappeared)|still no refund|no refund|refund (?:has not|hasn'?t|never|not)|not (?:been )?refunded|debited (?:twice|again)|lost (?:my )?money|\$\d[\d,.]* (?:gone|missing|charged))/,
  },
  {
    cue: 'locked_out',
    re: /\b(?:locked out|lock(?:ed)? me out|can'?t (?:log ?in|login|sign ?in|access)|cannot (?:log ?in|login|sign ?in|access)|unable to (?:log ?in|login|sign ?in|access)|account (?:is )?(?:locked|suspended|disabled|blocked|frozen|hacked|compromised)|hacked|password reset (?:is )?not|verification code|2fa|two[- ]factor)\b/,
  },
  {
    cue: 'disruption_now',
    re: /\b(?:right now|currently|at the moment|atm|as we speak|still down|is down|are down|outage|stranded|stuck (?:at|in|on)|no (?:power|internet|signal|service|water|heat|wifi)|not working (?:right )?now|missed (?:my |our )?(?:connection|flight|train)|cancell?ed (?:my |our )?(?:flight|train|order)|tonight|today|this morning|gate)\b/,
  },
  {
    cue: 'escalating_anger',
    re: /(?:[!?]{3,}|\b(?:lawyer|sue|suing|lawsuit|legal action|small claims|bbb|ombudsman|regulator|fcc|attorney|chargeback|report(?:ing)? you|media|never again|wtf|fuck\w*|f\*+k\w*|shit\w*|damn|hell|bullshit|bs|furious|livid|outraged|disgusted|(?:third|fourth|fifth|3rd|4th|5th|\d+th) time|enough is enough|had enough)\b)/,
  },
];

/** Intent rules in priority order: the first that matches wins (after sentiment-based fallbacks). */
export const INTENT_CUES: { intent: Intent; re: RegExp; gate?: string[] }[] = [
  {
    intent: 'churn_risk',
    re: /\b(?:cancel(?:l?ing)? my (?:account|subscription|service|plan|membership|contract|card|policy)|close my account|closing my account|switch(?:ing)? to|leaving (?:you|for)|going (?:back )?to (?:a )?competitor|never (?:using|flying|ordering|buying|shopping|booking|coming) (?:\w+ )*?again|done with (?:you|this)|last time i|take my business elsewhere|find (?:a )?(?:new|another|different) (?:provider|bank|carrier|company)|unsubscrib\w*|port(?:ing)? my number)\b/,
  },
  {
    intent: 'feature_request',
    re: /\b(?:(?:would|it'd|it would) be (?:great|nice|awesome|cool|helpful|amazing) (?:if|to)|please (?:add|bring back|make|support|allow|let us)|(?:can|could|will) you (?:please )?(?:add|bring back|make it|support|allow|let us|consider)|feature request|wish (?:you|it|there|i could)|any plans to|dark mode|option to|ability to)\b/,
  },
  {
    intent: 'purchase_intent',
    re: /\b(?:(?:want|looking|planning|thinking about|interested|hoping|trying|going) (?:to |in )?(?:buy|buying|order|ordering|purchase|purchasing|upgrade|upgrading|subscribe|sign up|signing up|book|booking|switch to you|get a)|how much (?:is|does|for|would)|pric(?:e|es|ing) (?:for|of|on)|do you (?:sell|ship|deliver|have (?:\w+ )*?in stock|offer|carry)|in stock|where can i (?:buy|get|order)|discount code|promo code|take my money|shut up and take)\b/,
  },
];

/** Default complaint types (a workspace replaces them with its own learned labels). */
export const COMPLAINT_TYPE_CUES: { type: string; re: RegExp }[] = [
  {
    type: 'billing',
    re: /\b(?:charged?|charges|billing|bill|billed|invoice|refund\w*|fee|fees|payment|paid|money|price|overcharg\w*|subscription|debited|credit card|\$\d)/,
  },
  {
    type: 'account_access',
    re: /\b(?:log ?in|login|sign ?in|password|locked out|account (?:is )?(?:locked|suspended|disabled|blocked|hacked)|verification|2fa|two[- ]factor|hacked)\b/,
  },
  {
    type: 'delivery_delay',
    re: /\b(?:delay\w*|late|hasn'?t arrived|not arrived|never arrived|where(?:'s| is) my (?:order|package|parcel|delivery|food)|tracking|shipping|shipment|delivery|courier|on time|eta)\b/,
  },
  {
    type: 'cancellation',
    re: /\b(?:cancell?ed|cancell?ation|rebook\w*|overbooked|bumped)\b/,
  },
  {
    type: 'outage_technical',
    re: /\b(?:down|outage|not working|doesn'?t work|error|crash\w*|bug\w*|glitch\w*|app|website|site|internet|wifi|signal|connection|server|update broke|freez\w*|loading)\b/,
  },
  {
    type: 'product_quality',
    re: /\b(?:broken|damaged|defective|faulty|wrong (?:item|order|size)|quality|cold|stale|spoiled|missing items?|cracked|leak\w*|luggage|bag|bags)\b/,
  },
  {
    type: 'customer_service',
    re: /\b(?:rude|agent|staff|representative|rep|support|customer service|hold|hung up|no (?:one|response|reply|answer)|nobody|call ?back|attendant|employee|manager|chat)\b/,
  },
];

/** Names of the cues in `list` that match `text` (rules are written for lower-case text). */
export function matchCues(list: Cue[], text: string): string[] {
  const out: string[] = [];
  const lower = text.toLowerCase();
  for (const c of list) if (ruleMatches(c, lower)) out.push(c.name);
  return out;
}
