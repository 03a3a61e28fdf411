/**
 * Saved replies that stay personal (issue 14): filling a template's variables from what is known
 * (never guessed), and the second-use rule that refuses a form letter. Pure functions, shared by the
 * server (which enforces the rule on send) and the web app (which warns while the agent types).
 */

/** What a template's variables are filled from; an absent value leaves the variable visible. */
export interface TemplateFacts {
  /** The name the customer confirmed they want to be called; null when not confirmed. */
  confirmedName: string | null;
  /** The agent's display name on the conversation's channel. */
  agentName: string | null;
  /** The contact's custom fields (order_id among them, when the team records it). */
  custom: Record<string, string>;
  company?: string | null;
}

/** A template after filling: the text, and the variables left for the agent to fill in. */
export interface RenderedTemplate {
  text: string;
  unfilled: string[];
}

const VARIABLE = /\{([a-z][a-z0-9_]{0,39})\}/gi;

/** The `{variable}` names a text contains, in order, each once. */
export function variablesIn(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(VARIABLE)) names.add(m[1]!.toLowerCase());
  return [...names];
}

/** The value of one variable, or null when it is not known for sure. */
function variableValue(name: string, facts: TemplateFacts): string | null {
  const present = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);
  switch (name) {
    case 'first_name': {
      const confirmed = present(facts.confirmedName);
      return confirmed ? (confirmed.split(/\s+/u)[0] ?? null) : null;
    }
    case 'agent_name':
      return present(facts.agentName);
    case 'company':
      return present(facts.company) ?? present(facts.custom.company);
    default:
      return present(facts.custom[name]);
  }
}

/**
 * Fills a template: `{first_name}` only from a confirmed name, `{agent_name}` from the agent's
 * display name, `{order_id}` and any other name from the contact's custom fields. Whatever is not
 * known stays as `{name}` in the text, for the agent to fix.
 */
export function renderTemplate(body: string, facts: TemplateFacts): RenderedTemplate {
  const unfilled = new Set<string>();
  const text = body.replace(VARIABLE, (whole, raw: string) => {
    const name = raw.toLowerCase();
    const value = variableValue(name, facts);
    if (value === null) {
      unfilled.add(name);
      return whole;
    }
    return value;
  });
  return { text, unfilled: [...unfilled] };
}

/** The words of a text, lowercased, for comparing drafts (punctuation and spacing do not count). */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** How many words were added or removed between two texts (a word-level diff, by LCS). */
export function wordsChanged(before: string, after: string): number {
  const a = wordsOf(before);
  const b = wordsOf(after);
  let prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      row[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, row[j - 1]!);
    }
    prev = row;
  }
  const common = prev[b.length]!;
  return a.length - common + (b.length - common);
}

/** At least this many words changed make an inserted template the agent's own reply. */
export const MIN_EDITED_WORDS = 3;

/** What the second-use rule looks at for one reply that used a saved reply. */
export interface SecondUseInput {
  /** The template's text as it was inserted (variables filled). */
  insertedText: string;
  /** The reply as it is about to be sent. */
  sentText: string;
  /** Text that does not count as editing (the agent's signature). */
  ignore?: string[];
  /** Who this reply goes to (a contact, or the conversation when there is no contact). */
  customerKey: string;
  /** Who got this template unedited first today, if anyone. */
  firstUneditedToday: string | null;
}

/** The rule's verdict, with the reason in words. */
export interface SecondUseVerdict {
  /** The reply is the template as inserted (fewer than MIN_EDITED_WORDS words changed). */
  unedited: boolean;
  /** Sending it would make it a form letter: refuse. */
  refused: boolean;
  wordsChanged: number;
  reason: string | null;
}

/**
 * The second-use rule: a saved reply sent unedited to one customer is fine; sent unedited to a
 * second customer the same day it is a form letter, and refused until the agent personalises it.
 */
export function secondUseVerdict(input: SecondUseInput): SecondUseVerdict {
  let sent = input.sentText;
  for (const part of input.ignore ?? []) {
    if (part.trim()) sent = sent.split(part.trim()).join(' ');
  }
  const changed = wordsChanged(input.insertedText, sent);
  const unedited = changed < MIN_EDITED_WORDS;
  const refused =
    unedited && input.firstUneditedToday !== null && input.firstUneditedToday !== input.customerKey;
  return {
    unedited,
    refused,
    wordsChanged: changed,
    reason: refused
      ? 'this saved reply already went unedited to another customer today: personalise it (change at least 3 words) before sending'
      : null,
  };
}

/** The calendar day (UTC) a time falls on: the second-use rule counts per day. */
export function dayOf(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}
