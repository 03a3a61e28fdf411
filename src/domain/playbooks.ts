import { z } from 'zod';

/**
 * Playbooks (issue 14): the team's written plan for one kind of complaint, shown beside the composer
 * when a conversation of that complaint type is open, and the defaults a workspace can install,
 * written from good practice: acknowledge in public, never blame, fix in public where possible,
 * and move to a private channel only for a reason the customer would accept.
 */

/** What a playbook says; every field is the team's own words. */
export const playbookPlanSchema = z.object({
  acknowledge: z.string().trim().max(2000).default('').describe('what to acknowledge, in public'),
  ask: z.string().trim().max(2000).default('').describe('what to ask the customer'),
  neverSay: z
    .array(z.string().trim().min(1).max(300))
    .max(30)
    .default([])
    .describe('phrases and moves the team never uses here'),
  involve: z.string().trim().max(1000).default('').describe('who to involve, and when'),
  privateChannel: z
    .string()
    .trim()
    .max(1000)
    .default('')
    .describe('when moving to a private channel is legitimate (account details, privacy, legal)'),
});

/** A playbook's plan. */
export type PlaybookPlan = z.infer<typeof playbookPlanSchema>;

/** A default saved reply (installed with the default playbooks). */
export interface DefaultSavedReply {
  shortcut: string;
  title: string;
  body: string;
}

/** A default playbook: its complaint type, a name, the plan and the shortcuts of its templates. */
export interface DefaultPlaybook {
  complaintType: string;
  name: string;
  plan: PlaybookPlan;
  shortcuts: string[];
}

const noBlame = [
  'You must have…',
  'Did you even…',
  'User error',
  'As we already told you',
  'Follow us so we can DM you (with no answer in public)',
];

/** Saved replies the default playbooks point to. */
export const defaultSavedReplies: DefaultSavedReply[] = [
  {
    shortcut: 'late',
    title: 'Parcel is late: we are on it',
    body: 'Hi {first_name}, I am sorry your order {order_id} has not arrived yet. I am checking with the carrier now and will post an update here within the hour. {agent_name}',
  },
  {
    shortcut: 'charge',
    title: 'Unexpected charge',
    body: 'Hi {first_name}, a charge you did not expect is worrying, sorry. I am looking at it now; so I do not ask for card details in public, could you tell me the date and amount of the charge? {agent_name}',
  },
  {
    shortcut: 'outage',
    title: 'Service problem: acknowledged',
    body: 'Hi {first_name}, you are right, something is broken on our side and it is not you. Our engineers are on it; I will reply here as soon as it is fixed. {agent_name}',
  },
  {
    shortcut: 'login',
    title: 'Locked out',
    body: 'Hi {first_name}, sorry you are locked out. The quickest fix is the reset link on the sign-in page; if that does not work, tell me what you see and I will get you back in. {agent_name}',
  },
  {
    shortcut: 'sorry',
    title: 'We got this wrong',
    body: 'Hi {first_name}, we got this wrong and I am sorry. Here is what I am doing about it: … {agent_name}',
  },
];

/** The default playbooks, one per default complaint type. */
export const defaultPlaybooks: DefaultPlaybook[] = [
  {
    complaintType: 'delivery_delay',
    name: 'Late or missing delivery',
    plan: {
      acknowledge: 'Say in public that the order is late and that this is on us, with the order if known.',
      ask: 'Ask only what you need to find the parcel (order number), never the address in public.',
      neverSay: [...noBlame, 'It says delivered, so it was delivered'],
      involve: 'The logistics team when the carrier shows no scan for 48 hours.',
      privateChannel: 'Only to confirm a delivery address or other personal details.',
    },
    shortcuts: ['late', 'sorry'],
  },
  {
    complaintType: 'billing',
    name: 'Billing and unexpected charges',
    plan: {
      acknowledge: 'Acknowledge the worry of an unexpected charge; say you are looking at it now.',
      ask: 'The date and amount of the charge; never card numbers or bank details in public.',
      neverSay: [...noBlame, 'Read the terms'],
      involve: 'Billing for refunds over the agent limit.',
      privateChannel: 'For account or payment details: say why, then answer the rest in public.',
    },
    shortcuts: ['charge'],
  },
  {
    complaintType: 'outage_technical',
    name: 'Outage or technical fault',
    plan: {
      acknowledge: 'Confirm the problem is ours (when it is) and that people are fixing it.',
      ask: 'What they see and since when, only if it is not a known outage.',
      neverSay: [...noBlame, 'Works for me', 'Clear your cache (as the only answer)'],
      involve: 'The on-call engineer for anything not on the status page.',
      privateChannel: 'Rarely: only for logs or account details.',
    },
    shortcuts: ['outage'],
  },
  {
    complaintType: 'account_access',
    name: 'Locked out of the account',
    plan: {
      acknowledge: 'Being locked out is stressful: say you will get them back in.',
      ask: 'What they see when they try; never passwords or codes.',
      neverSay: [...noBlame, 'Send us your password'],
      involve: 'Security when the account may be compromised.',
      privateChannel: 'To verify identity: legitimate, and say so.',
    },
    shortcuts: ['login'],
  },
  {
    complaintType: 'product_quality',
    name: 'Product fault',
    plan: {
      acknowledge: 'Thank them for telling you and say the product should not do that.',
      ask: 'A photo or what happened, to fix it or replace it.',
      neverSay: [...noBlame, 'You used it wrong'],
      involve: 'Quality when the same fault comes up three times in a week.',
      privateChannel: 'For a replacement address only.',
    },
    shortcuts: ['sorry'],
  },
  {
    complaintType: 'customer_service',
    name: 'Bad service experience',
    plan: {
      acknowledge: 'Own it in public: apologise for the experience without excuses.',
      ask: 'What would put it right for them.',
      neverSay: [...noBlame, 'Did you call the store?', 'That is not our department'],
      involve: 'The team lead of the store or team concerned.',
      privateChannel: 'Only for personal details needed to make amends.',
    },
    shortcuts: ['sorry'],
  },
  {
    complaintType: 'cancellation',
    name: 'Wants to cancel',
    plan: {
      acknowledge: 'Respect the decision; thank them for their time with you.',
      ask: 'What went wrong, once, without pressure.',
      neverSay: [...noBlame, 'Are you sure? (more than once)'],
      involve: 'Retention only if they ask about alternatives.',
      privateChannel: 'For account details needed to cancel.',
    },
    shortcuts: [],
  },
];
