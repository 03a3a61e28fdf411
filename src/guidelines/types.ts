/**
 * The words of the check before sending (issue 14): the codes it can find, how severe an admin made
 * each one, and what it needs to know about a reply. Pure data: the browser imports it too.
 */

/** Every check, in the order findings are listed. */
export const checkCodes = [
  'offline_shunt',
  'blame',
  'confidential',
  'form_letter',
  'not_personal',
  'missing_name',
  'unsigned',
  'tone',
  'channel_limit',
] as const;
/** One check's code. */
export type CheckCode = (typeof checkCodes)[number];

/** What an admin makes of a check: not run, shown to the agent, or refusing the send. */
export const checkLevels = ['off', 'warn', 'block'] as const;
/** One check's level. */
export type CheckLevel = (typeof checkLevels)[number];

/** Reasons an agent may give for moving a customer to a private channel; recorded with the reply. */
export const shuntReasons = ['account_details', 'legal', 'privacy'] as const;
/** One allowed reason. */
export type ShuntReason = (typeof shuntReasons)[number];

/** One thing the check found: the words it matched, why it matters and what to write instead. */
export interface Finding {
  code: CheckCode;
  severity: 'warn' | 'block';
  match: string;
  why: string;
  suggestion: string;
}

/** A finding before the workspace's settings give it a severity. */
export type RawFinding = Omit<Finding, 'severity'>;

/** A saved reply inserted in the composer (filled in by the saved-replies feature). */
export interface TemplateUse {
  id: number | string;
  usedTodayWithOtherCustomer: boolean;
  editedSinceInsert: boolean;
}

/** What the check looks at. Only a confirmed customer name is ever passed: never a guessed one. */
export interface CheckInput {
  text: string;
  customerText?: string | null;
  customerName?: string | null;
  channel?: string | null;
  /** The channel's length limit in characters (graphemes); null or absent: none. */
  maxLength?: number | null;
  /** Replies recently sent to other customers, prepared once with `recentIndex`. */
  recent?: RecentIndex | null;
  template?: TemplateUse | null;
}

/** Levels by check; a check left out takes the next level up (channel → workspace → default). */
export type CheckLevels = Partial<Record<CheckCode, CheckLevel>>;

/** The workspace's settings of the check. */
export interface CheckSettings {
  levels: CheckLevels;
  channels: Record<string, CheckLevels>;
  confidentialTerms: string[];
  /** The team's own public addresses and numbers, which a reply may give out. */
  publicContacts: string[];
  requireSignature: boolean;
}

/** Out of the box: everything warns except what must never go out (a card number, an over-long reply). */
export const defaultLevels: Record<CheckCode, CheckLevel> = {
  offline_shunt: 'warn',
  blame: 'warn',
  confidential: 'block',
  form_letter: 'warn',
  not_personal: 'warn',
  missing_name: 'warn',
  unsigned: 'warn',
  tone: 'warn',
  channel_limit: 'block',
};

/** Settings of a workspace nobody has configured yet. */
export const defaultCheckSettings: CheckSettings = {
  levels: {},
  channels: {},
  confidentialTerms: [],
  publicContacts: [],
  requireSignature: false,
};

/** MinHash signatures of recent replies, built by `recentIndex` (similarity.ts). */
export interface RecentIndex {
  signatures: Uint32Array[];
  texts: string[];
}
