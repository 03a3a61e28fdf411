/**
 * `offline_shunt`: the reply sends the customer to DM, phone, chat, email, a contact form, a store or
 * another team instead of helping in public. Not a shunt: a self-service link that answers the
 * question (a link alone never counts, only a link offered as a way to contact someone), a DM asked
 * for only to send a gift, "DM us with any other questions" after public help, asking for details
 * without naming a channel, and the team's own hand-offs ("we'll pass this to our dev team").
 */
import { decodeEntities, sentences, stripLeadingHandles, urlPattern } from './text.js';
import type { RawFinding } from './types.js';

/** A sentence's subject is the team itself ("I'll call the store"), so it sends nobody anywhere. */
const weDoIt =
  /\b(i|we|i'll|we'll|i've|we've|i'm|we're|i will|we will|let me|let us|our team will)\s+(\w+\s+){0,2}$/iu;

/** A way off the public thread; each names the kind of place in the finding. */
const routes: { kind: string; pattern: RegExp; directive?: boolean }[] = [
  {
    kind: 'your inbox',
    pattern: /\bcheck (your|the) (mailbox|inbox|e-?mails?|dms?|dm's|direct messages|private messages)\b/iu,
  },
  {
    kind: 'a private message',
    pattern:
      /\b(message us|drop us a (line|note|message)|write to us|send us a private|hit us up|slide into (our|the) dms?|take this (offline|private|to (dm|private)))\b/iu,
    directive: true,
  },
  {
    kind: 'DM',
    pattern:
      /\b(dm|dms|dm's|dm'd|d\.m\.?|direct(?:ly)? message\w*|private(?:ly)? message\w*|pm us|inbox us)\b/iu,
  },
  {
    kind: 'phone',
    pattern:
      /(?:\+?\b1[-. ])?\(?\b\d{3}\)?[-. ]\d{3}[-. ]\d{4}\b|\b1[-. ]?8\d\d[-. ][\dA-Z]{3}[-. ]?[\dA-Z]{4}\b/u,
  },
  {
    kind: 'phone',
    pattern:
      /\b(call|phone|ring)\s+(us|them|our|the|your|back|at|and|\d)\b|\bgive\s+(us|them|the \w+)\s+a\s+(call|ring)\b|\b(by|via|over the) (tele)?phone\b|\bphone (line|number|support|team)\b|\b(best|good|convenient) (time|number) to (reach|call|contact) you\b/iu,
    directive: true,
  },
  {
    kind: 'chat',
    pattern:
      /\b(live ?chat|chat with (us|an? \w+|our \w+)|chat (support|team)|in-app (support|chat|help|messag\w*)|online chat|messenger|whatsapp)\b/iu,
    directive: true,
  },
  {
    kind: 'email',
    pattern:
      /\b(e-?mail (us|them|our|\w+ at)|send (us |them )?an e-?mail|(by|via|through|over) e-?mail)\b|\b[\w.+-]+@[\w-]+\.[a-z]{2,}\b/iu,
    directive: true,
  },
  {
    kind: 'contact form',
    pattern:
      /\b(contact form|web ?form|fill (out|in) (the|this|our|a) form|(open|submit|raise|log|create) a (support )?(ticket|case|request|complaint)|support ticket|(follow|use|click|visit) (this|the) link (for|to) (your (request|case|query|complaint)|submit|send|contact|reach|message))\b/iu,
    directive: true,
  },
  {
    kind: 'store',
    pattern:
      /\b(visit|go (back )?to|stop by|pop (in|into|by)|head (to|into|over to)|return (it |them )?to|speak (to|with)|talk (to|with)|ask|call|contact)\s+(your|the|a|our|any)\s+(local\s+|nearest\s+|nearby\s+|closest\s+)?(store|shop|branch|restaurant|location|dealer\w*|retailer|pharmacy|service cent(er|re)|store manager|manager)\b/iu,
    directive: true,
  },
  {
    kind: 'another team',
    pattern:
      /\b(speak|talk|get in touch|reach out|contact|consult|check|touch base|see)\s+(to|with)?\s*((any|one) of )?(our|the|your|their|an?)?\s*([\w-]+\s+){0,3}(team|department|dept|desk|carrier|provider|bank|partner|manufacturer|customer (service|care)|specialists|experts|agents?|staff|representatives?|support)\b|\b(contact|reach|call) (out to )?us (at|on|via|through|by)\b/iu,
    directive: true,
  },
  {
    kind: 'another account',
    pattern:
      /\b(contact|reach out to|tweet|message|follow|report \w+( \w+){0,4} to|send \w+( \w+){0,3} to|ask)\s+(\w+\s+){0,4}@\w+|@\w+,?\s+(kindly|please|pls)\s+(assist|help|look|check|support)/iu,
    directive: true,
  },
  {
    kind: 'a contact link',
    pattern:
      /\b(tell us more|share (your|the|some) (details|info\w*)|send us (a|your) (note|message|details)|(reach|contact|get in touch with|write to|message) (out to )?(us|me)|continue (our|the|this) conversation|details here|log in and)\b[^.!?]*LINK|LINK[^.!?]*\b(contact|reach|get in touch|send us|continue)\b/iu,
  },
  {
    kind: 'another place',
    pattern:
      /\b(continue|follow up|carry on|pick (this|it) up|chat|talk)\b[^.!?]{0,30}\b(there|privately|offline|in private|off twitter)\b|\bwe('ll| will) (be )?following up\b[^.!?]*\bthrough\b/iu,
  },
];

/** "We will not be able to communicate via email": a channel refused, not offered. */
const negated = /\b(not|never|unable|cannot|can't|won't)\b(\s+[\w']+){0,4}\s*$/iu;
const gift =
  /\b(gift|treat|goodies?|swag|surprise|a little something|something special|send you (a|some|something)|freebie|on us)\b/iu;
const optional =
  /\b(any (other |further |more |additional )?questions|other questions|further questions|if you (still )?(need|have|require) (any(thing)?|more|further)|anything else|in the future|should you need)\b/iu;

/** How many words a text has (used to tell "public help, then DM us with any questions" from a bare redirect). */
function wordCount(text: string): number {
  return text.split(/\s+/u).filter((w) => /\p{L}/u.test(w)).length;
}

/** Finds the first way off the public thread the reply points to. */
export function findShunt(text: string): RawFinding | undefined {
  const body = stripLeadingHandles(decodeEntities(text)).replace(urlPattern, ' LINK ');
  const parts = sentences(body);
  for (const sentence of parts) {
    for (const route of routes) {
      const m = route.pattern.exec(sentence);
      if (!m) continue;
      const before = sentence.slice(0, m.index);
      if (route.directive && weDoIt.test(before)) continue;
      if (negated.test(before)) continue;
      if (route.kind === 'DM' && gift.test(sentence)) continue;
      if (optional.test(sentence)) {
        const rest = parts.filter((p) => p !== sentence).join(' ');
        if (wordCount(rest) >= 6) continue;
      }
      return {
        code: 'offline_shunt',
        match: m[0].replace(/LINK/gu, '').trim() || m[0],
        why: `It sends the customer to ${route.kind === 'DM' ? 'a DM' : route.kind} instead of helping where they asked. Shunting people offline with a form letter is the reply customers resent most.`,
        suggestion:
          'Answer the question here first; if you truly need private details (account, legal, privacy), say why, and choose that reason when sending.',
      };
    }
  }
  return undefined;
}
