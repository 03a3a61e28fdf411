/**
 * The check before sending (issue 14): runs every check a workspace has switched on over a reply
 * and returns explainable findings, each with the words it matched, why it matters and a rewrite.
 * Pure and synchronous: the composer runs it on every keystroke, the server again on send.
 */
import { graphemeLength } from '../domain/text-length.js';
import { findConfidential } from './confidential.js';
import { engages } from './personal.js';
import { findShunt } from './shunt.js';
import { signOff } from './signature.js';
import { closestRecent } from './similarity.js';
import { decodeEntities, words } from './text.js';
import { findBlame, findTone } from './tone.js';
import {
  type CheckCode,
  type CheckInput,
  type CheckLevel,
  type CheckSettings,
  checkCodes,
  defaultLevels,
  type Finding,
  type RawFinding,
} from './types.js';

/** Estimated shingle overlap from which a reply counts as the same text sent to someone else. */
export const FORM_LETTER_SIMILARITY = 0.8;

/** The level a check runs at on a channel: the channel's setting, else the workspace's, else the default. */
export function levelOf(settings: CheckSettings, code: CheckCode, channel?: string | null): CheckLevel {
  return (
    (channel ? settings.channels[channel]?.[code] : undefined) ?? settings.levels[code] ?? defaultLevels[code]
  );
}

function formLetter(input: CheckInput): RawFinding | undefined {
  const t = input.template;
  if (t?.usedTodayWithOtherCustomer && !t.editedSinceInsert) {
    return {
      code: 'form_letter',
      match: input.text.slice(0, 60),
      why: 'This saved reply went to another customer today and has not been edited since you inserted it: it reads as a form letter.',
      suggestion:
        "Edit it for this customer: use their words, their product or order, and what you'll do next.",
    };
  }
  if (!input.recent) return undefined;
  const near = closestRecent(input.text, input.recent);
  if (!near || near.score < FORM_LETTER_SIMILARITY) return undefined;
  return {
    code: 'form_letter',
    match: near.text.slice(0, 80),
    why: `Nearly the same text (${Math.round(near.score * 100)}% alike) was recently sent to another customer; copy-paste replies feel like a brush-off.`,
    suggestion: "Rewrite it for this customer: name what they wrote about and what you'll do.",
  };
}

function notPersonal(input: CheckInput): RawFinding | undefined {
  const customer = input.customerText?.trim();
  if (!customer || engages(input.text, customer)) return undefined;
  return {
    code: 'not_personal',
    match: input.text.slice(0, 60),
    why: 'The reply does not take up anything the customer said: a first name or a generic apology is not engagement.',
    suggestion:
      'Name their actual problem or answer their question, e.g. "Sorry your order #… arrived damaged …".',
  };
}

function missingName(input: CheckInput): RawFinding | undefined {
  const name = input.customerName?.trim();
  if (!name) return undefined;
  const first = words(name)[0];
  if (!first || words(decodeEntities(input.text)).includes(first)) return undefined;
  return {
    code: 'missing_name',
    match: name,
    why: `The customer's confirmed name is ${name}, and the reply does not use it.`,
    suggestion: `Greet them by name: "Hi ${name.split(/\s+/u)[0]}, …".`,
  };
}

function unsigned(input: CheckInput, settings: CheckSettings): RawFinding | undefined {
  if (!settings.requireSignature || signOff(input.text) !== undefined) return undefined;
  return {
    code: 'unsigned',
    match: input.text.trim().slice(-30),
    why: 'Your team signs replies so customers talk to a person, not a logo; this one has no sign-off.',
    suggestion: 'End with your name or initials, e.g. "-Sam" or "^SK".',
  };
}

function channelLimit(input: CheckInput): RawFinding | undefined {
  const limit = input.maxLength;
  if (limit === null || limit === undefined) return undefined;
  const length = graphemeLength(input.text.trim());
  if (length <= limit) return undefined;
  return {
    code: 'channel_limit',
    match: [...new Intl.Segmenter().segment(input.text.trim())]
      .slice(limit)
      .map((s) => s.segment)
      .join('')
      .slice(0, 60),
    why: `The reply is ${length} characters; ${input.channel ?? 'this channel'} allows ${limit}.`,
    suggestion: `Cut ${length - limit} characters, or answer the main point first and follow up in a second reply.`,
  };
}

/** Runs the checks the settings leave on, in the order of `checkCodes`. */
export function checkReply(input: CheckInput, settings: CheckSettings): Finding[] {
  const run: Record<CheckCode, () => RawFinding | undefined> = {
    offline_shunt: () => findShunt(input.text),
    blame: () => findBlame(input.text),
    confidential: () =>
      findConfidential(
        input.text,
        settings.confidentialTerms,
        input.customerText ?? '',
        settings.publicContacts,
      ),
    form_letter: () => formLetter(input),
    not_personal: () => notPersonal(input),
    missing_name: () => missingName(input),
    unsigned: () => unsigned(input, settings),
    tone: () => findTone(input.text),
    channel_limit: () => channelLimit(input),
  };
  const findings: Finding[] = [];
  if (!input.text.trim()) return findings;
  for (const code of checkCodes) {
    const level = levelOf(settings, code, input.channel);
    if (level === 'off') continue;
    const found = run[code]();
    if (found) findings.push({ ...found, severity: level });
  }
  return findings;
}
