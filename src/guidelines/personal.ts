/**
 * `not_personal`: the reply does not engage with anything the customer said. A reply engages when
 * it names the concrete subject of the customer's message (a word of theirs that is not small talk
 * or support boilerplate) or answers them with something specific (a step to try, a fact, a
 * number). A first name, a generic apology or a bare request for an order number does not count.
 */
import { signOff } from './signature.js';
import { prose, stem, words } from './text.js';

/** Words that carry no subject: function words, support boilerplate, greetings and feelings. */
const empty = new Set(
  (
    'a about above after again all also am an and any are as at be been being but by can could did do does done ' +
    'for from get got had has have having he her here him his how i if in into is it its just let me more most my ' +
    'no nor not now of off on once only or other our out over own same she should so some still such than that the ' +
    'their them then there these they this those through to too under until up us very was we were what when where ' +
    'which while who whom why will with would you your yours yourself im ive dont cant wont didnt doesnt isnt youre ' +
    'hi hello hey hiya dear thanks thank ty thx please pls sorry apologies apologize apologise glad happy sad hear ' +
    'heard hearing know let look looking take closer help helping assist assistance support team reach reaching ' +
    'out contact dm dms message send details detail info information further follow following able sure definitely ' +
    'like love want wanted need needs feel experience issue issues problem problems concern concerns trouble ' +
    'frustration frustrating inconvenience caused cause understand understandable appreciate welcome great good ' +
    'bad day today well best kind regards cheers again anything else everything something nothing way right time ' +
    'ok okay yes yeah oh wow lol omg one two get go going make made back still ever never really much many thing things ' +
    'u ur r pls plz amp via note account number order email address name hope hoping sounds seems ' +
    'request requests expert experts specialist asap shortly soon continue instructions research investigate ' +
    'review reviewing locator record reference confirmation code username zip postcode passport tracking case ' +
    'concerned awesome amazing wonderful fantastic lovely nice cool fun enjoy enjoyed appreciated apologise ' +
    'saddened disappointed upset worry worried shared share passed pass forward forwarded feedback update updates ' +
    'provide provided reached receive received regarding concerning situation specifics additional fix sorted ' +
    'resolve resolved resolution assistance assisted glad pleased thrilled wish wishes customer customers guest'
  ).split(' '),
);

/** Signs of a specific answer: a step to try, where to find something, a fact with a number. */
const specific =
  /\b(try|tried|restart\w*|reset\w*|reinstall\w*|update (your|the|to)|clear\w*|toggle|settings?|tap|click|select|enable|disable|turn (it )?(on|off)|unplug\w*|sign (in|out)|log (in|out)|located|you can (find|use|change)|is (available|supported|located)|isn't|aren't|doesn't|won't be|should (be|arrive)|we don't|we do not|because|no longer|no way|there'?s no|there is no|already|unfortunately|only|make sure|wait (until|for)|upload\w*|head (to|over)|go to the|you('ll| will) (see|find|need)|suggest\w*|recommend\w*)\b|(?<![\p{L}])\d/iu;

const phoneNumber =
  /(?:\+?\b1[-. ])?\(?\b\d{3}\)?[-. ]\d{3}[-. ]\d{4}\b|\b1[-. ]?8\d\d[-. ][\dA-Z]{3}[-. ]?[\dA-Z]{4}\b/gu;

function contentStems(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of words(text)) {
    if (w.length < 3 || empty.has(w)) continue;
    out.add(stem(w));
  }
  return out;
}

/** Links offered as an answer (an article, a how-to), not as a way to contact the team. */
const answerLink =
  /\b(article|guide|steps?|help page|this (should|might|may|will) help|here'?s how|learn more|more info)\b/iu;
const asked = /\?|\b(how (do|can|to)|is there|can i|where (is|do|can)|when (is|will|can))\b/iu;

/** What in the customer's message the reply takes up (shared subject words), or [] when nothing. */
export function sharedSubject(reply: string, customerText: string): string[] {
  const end = signOff(reply);
  const body = prose(end ? reply.slice(0, reply.lastIndexOf(end)) : reply);
  const mine = contentStems(customerText.replace(/@\w+/gu, ' '));
  const shared: string[] = [];
  for (const s of contentStems(body)) if (mine.has(s)) shared.push(s);
  return shared;
}

/** True when the reply engages with the customer's message (see the module comment). */
export function engages(reply: string, customerText: string): boolean {
  if (sharedSubject(reply, customerText).length > 0) return true;
  const end = signOff(reply);
  const body = prose(end ? reply.slice(0, reply.lastIndexOf(end)) : reply)
    .replace(/\b\d\/\d\b/gu, ' ')
    .replace(phoneNumber, ' ');
  if (specific.test(body)) return true;
  if (/https?:\/\//u.test(reply) && answerLink.test(reply) && asked.test(customerText)) return true;
  return false;
}
