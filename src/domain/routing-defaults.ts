/**
 * Ready routing defaults that follow good social-care practice, installed with one call: negative
 * posts go to the trained spokespeople (a public complaint is answered by someone who may speak for
 * the brand), hard questions to subject experts, purchase intent to sales while the buyer is warm,
 * feature requests to product. Rules name their team by name; the installer creates the teams.
 */
import type { RoutingAction, RoutingConditions } from './routing.js';

/** A team the defaults route to. */
export interface DefaultTeam {
  name: string;
  description: string;
  skills: string[];
}

/** A default rule; `team` names the DefaultTeam it assigns to (and tells). */
export interface DefaultRule {
  name: string;
  team: string;
  conditions: RoutingConditions;
  /** Actions besides assigning to (and notifying) the team. */
  extra: RoutingAction[];
  /** Tell the team's members as well as queueing the conversation for them. */
  notify: boolean;
}

/** The teams of the defaults. */
export const defaultTeams: DefaultTeam[] = [
  {
    name: 'Spokespeople',
    description: 'Trained to answer unhappy customers in public for the brand.',
    skills: ['public replies', 'de-escalation'],
  },
  {
    name: 'Subject experts',
    description: 'Answer questions that need product or technical knowledge.',
    skills: ['technical', 'billing'],
  },
  { name: 'Sales', description: 'Follow up on people who want to buy.', skills: ['sales'] },
  { name: 'Product', description: 'Collect and answer feature requests.', skills: ['product'] },
];

/** Words that make a question hard: it needs someone who knows the product or the money side. */
export const hardQuestionKeywords = [
  'error',
  'bug',
  'broken',
  'not working',
  "doesn't work",
  'does not work',
  'crash',
  'crashes',
  'integration',
  'api',
  'install',
  'setup',
  'configure',
  'warranty',
  'refund',
  'invoice',
  'billing',
  'charged',
  'compatible',
];

/** The default rules, in match order (first match wins). */
export const defaultRules: DefaultRule[] = [
  {
    name: 'Negative posts to spokespeople',
    team: 'Spokespeople',
    conditions: { sentiments: ['negative'] },
    extra: [{ type: 'add_label', label: 'negative' }],
    notify: true,
  },
  {
    name: 'Hard questions to subject experts',
    team: 'Subject experts',
    conditions: { intents: ['question'], keywords: hardQuestionKeywords },
    extra: [{ type: 'add_label', label: 'expert question' }],
    notify: false,
  },
  {
    name: 'Purchase intent to sales',
    team: 'Sales',
    conditions: { intents: ['purchase_intent'] },
    extra: [{ type: 'add_label', label: 'sales lead' }],
    notify: true,
  },
  {
    name: 'Feature requests to product',
    team: 'Product',
    conditions: { intents: ['feature_request'] },
    extra: [{ type: 'add_label', label: 'feature request' }],
    notify: false,
  },
];
