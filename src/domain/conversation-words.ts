/**
 * The closed word lists of conversations and messages, written once: the store's column types, the
 * API schemas and the web app derive from them.
 */

/** Where a conversation stands; snoozed ones come back at `snoozed_until`. */
export const conversationStatuses = ['open', 'pending', 'snoozed', 'resolved'] as const;
export type ConversationStatus = (typeof conversationStatuses)[number];

/** Who wrote a message: the customer (inbound) or the brand (outbound). */
export const directions = ['inbound', 'outbound'] as const;
export type Direction = (typeof directions)[number];

/** How far an outbound message got; inbound ones are always `received`. */
export const deliveryStatuses = ['received', 'queued', 'sending', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/** Quick reactions the brand can make to a customer's post, on channels that support them. */
export const engagementActions = ['like', 'repost'] as const;
export type EngagementAction = (typeof engagementActions)[number];
