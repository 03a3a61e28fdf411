/** The words of a person's profile: stages, interaction kinds and occasion kinds (shared by API and store). */

/** Where a person is with the business. */
export const lifecycleStages = ['prospect', 'customer', 'advocate', 'former'] as const;
export type LifecycleStage = (typeof lifecycleStages)[number];

/** Where a person is in their buying journey. */
export const journeyStages = [
  'interest',
  'research',
  'validation',
  'decision',
  'retention',
  'advocacy',
] as const;
export type JourneyStage = (typeof journeyStages)[number];

/** Things the team does with a person outside the channels, logged by hand. */
export const interactionKinds = ['call', 'store_visit', 'card_sent', 'gift_sent', 'meeting'] as const;
export type InteractionKind = (typeof interactionKinds)[number];

/** Dates that come back every year. */
export const occasionKinds = ['birthday', 'customer_since', 'custom'] as const;
export type OccasionKind = (typeof occasionKinds)[number];
