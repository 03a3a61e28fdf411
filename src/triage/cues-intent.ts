import type { Cue } from './cues.js';

/**
 * Rapport's own phrases for intents across industries: asking for a change or a feature (including
 * content or a removed feature back), wanting to buy, upgrade or subscribe, and a calm report of a
 * problem (a complaint intent even when nobody sounds upset).
 */

/** Asks for a change, a new feature, content added, or a removed feature back. */
export const FEATURE_REQUEST = {
  on: [
    'great',
    'nice',
    'awesome',
    'cool',
    'helpful',
    'amazing',
    'better',
    'please',
    'pls',
    'plz',
    'you',
    'feature',
    'wish',
    'plans',
    'dark',
    'option',
    'ability',
    'bring',
    'put',
    'should',
    'would',
    'i',
    'hope',
    'any',
    'when',
    'launch',
    'needed',
    'it',
    'that',
    'add',
    'need',
    'want',
    'we',
    'make',
    'suggestion',
    'idea',
    'consider',
  ],
  re: /\b(?:(?:would|it'd|it would|that would|that'd) be (?:great|nice|awesome|cool|helpful|amazing|better|good) (?:if|to)|would be (?:better|nicer)|please (?:add|bring back|make|support|allow|let us|put|give us|launch|release|consider)|(?:pls|plz) (?:add|bring|make|put)|(?:can|could|will) you (?:please )?(?:add|bring back|make it|support|allow|let us|consider|put)|feature request|wish (?:you|it|there|i could)|any plans (?:to|for|on)|dark mode|option to|ability to|bring (?:it|them|this|that|back)\b|put (?:it|them|this) back|should (?:be able to|have an? |add|let (?:us|me)|make it)|(?:would|i'?d) (?:love|like) (?:to see|it if|an? (?:option|feature|way|setting)|you to add)|hope (?:you|u)(?: guys)? (?:add|launch|bring|release|will add|soon)|any (?:update|news) on (?:bringing|adding|launching)|when (?:will|are) you (?:going to )?(?:add|launch|bring|release|support|come to)|launch (?:in|here in)|needed asap|(?:add|need|want) (?:an? |the )?(?:option|feature|setting|button|way) to|(?:we|i) want an? \w+ (?:playlist|feature|option|mode|app)|make it (?:possible|easier|so)|suggestion:|just an idea|consider adding)\b/,
};

/** Wants to buy, upgrade, subscribe or renew. */
export const PURCHASE = {
  on: [
    'want',
    'looking',
    'planning',
    'plan',
    'thinking',
    'interested',
    'hoping',
    'trying',
    'going',
    'will',
    'gonna',
    'i',
    'would',
    'how',
    'pric',
    'do',
    'in',
    'where',
    'discount',
    'promo',
    'take',
    'shut',
    'sign',
    'student',
    'earned',
    'buy',
    'upgrad',
    'subscrib',
    'renew',
    'purchas',
    'order',
    'book',
    'get',
  ],
  re: /\b(?:(?:want|looking|planning|plan|thinking about|interested|hoping|trying|going|will|gonna|i'?ll|would like|i'?d like) (?:to |in )?(?:buy|buying|order|ordering|purchase|purchasing|upgrade|upgrading|subscribe|subscribing|renew|renewing|sign up|signing up|book|booking|switch to you|get (?:a|the|premium|plus|pro)\b)|how (?:much (?:is|does|for|would)|do i (?:buy|upgrade|subscribe|sign up|order|get premium|pay for)|can i (?:buy|upgrade|subscribe|sign up|order|pay for))|pric(?:e|es|ing) (?:for|of|on)|do you (?:sell|ship|deliver|have (?:\w+ )*?in stock|offer|carry)|in stock|where can i (?:buy|get|order)|(?:discount|promo) code|student discount|take my money|shut up and take|sign up (?:for|using|with)|earned my (?:money|tenner|business|subscription))\b/,
};

/** A calm report that something does not work (a complaint intent, not a feeling). */
export const PROBLEM_REPORT: Cue = {
  name: 'problem report',
  kind: 'report',
  on: [
    'same',
    'the',
    'a',
    'an',
    'this',
    'that',
    'error',
    'skip',
    'freez',
    'crash',
    'lag',
    'glitch',
    'stutter',
    'buffer',
    'paus',
    'stop',
    'didn',
    'did',
    'nothing',
    'still',
    'not',
    'isn',
    'unavailable',
    'no',
    'greyed',
    'grayed',
    'keeps',
    'keep',
    'won',
    'wont',
    'doesn',
    'does',
    'tried',
    'reinstall',
    'restart',
    'app',
    'it',
    'site',
    'page',
    'screen',
    'player',
    'stuck',
    'has',
    'hasn',
    'have',
    'haven',
  ],
  re: /\b(?:same (?:issue|problem|thing|error|result|screen)|the (?:issue|problem|bug|glitch)\b(?! (?:is|was) (?:fixed|solved|resolved|gone))|(?:an?|this|that) (?:issue|problem|bug|glitch)|error (?:code|message|\d)|skips?|skipping|freez\w*|crash\w*|lagg?(?:ing|s|y)|glitch\w*|stutter\w*|buffer\w*|pauses|pausing|stops? (?:playing|working|loading|syncing)|didn'?t (?:help|work|fix|change|do)|did not (?:help|work|fix)|nothing (?:changed|happened|works|worked|helped|loads|plays)|(?:still )?not (?:fixed|resolved|working|loading|showing|syncing|playing)|isn'?t (?:showing|loading|syncing|playing|working)|unavailable|no longer (?:\w+ )?(?:works?|available|showing|syncing|plays?)|gr[ae]yed out|keeps? (?:\w+ing)|(?:won'?t|wont|doesn'?t|does not) (?:let|play|load|open|show|sync|connect|work|start|download|update|stay)|(?:app|it|site|page|screen|player) (?:closes|shuts down|goes blank|turns off|restarts|reloads|logs me out|signs me out)|(?:still|stuck) (?:pending|processing|in review|on hold)|(?:has|have)(?:n'?t| not) (?:updated|changed|moved|arrived|come|been (?:updated|credited|processed))|tried (?:everything|that|it|all)|(?:reinstall|restart)\w*,? (?:and )?(?:still|same|nothing|it still))\b/,
};

/**
 * Details that make a "thanks" a sign-off on a reply (device, version, "sent", "done") rather than
 * thanks for help: such a message's intent is "other".
 */
export const DETAIL_WITH_THANKS =
  /\b(?:\d+\.\d+|iphone|ipad|android|ios|windows|macos|mac|pixel|samsung|galaxy|chrome|firefox|safari|web ?player|desktop|laptop|version|sent|dm(?:'?d|-?ed)?|messaged|emailed|replied|done|in advance|i'?m (?:on|in|using)|i am (?:on|in|using))\b/;

/** Words that make thanks about help received (never a sign-off). */
export const HELP_RECEIVED =
  /\b(?:work(?:ed|s|ing)?|fix(?:ed)?|sorted|solved|resolved|help(?:ed|ful|ing)?|quick|fast|speedy|prompt|great|awesome|amazing|appreciate\w*|rock|best|love|reply|response|responding|back)\b/;
