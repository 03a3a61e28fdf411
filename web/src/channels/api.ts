import type { z } from 'zod';
import type { EngagementAction } from '../../../src/domain/conversation-words.js';
import {
  type channelAccountSchema,
  type channelFieldSchema,
  channelRoutes,
  type channelTypeSchema,
} from '../../../src/server/routes/channels.schema.js';
import { messageRoutes } from '../../../src/server/routes/messages.schema.js';
import { call } from '../api/client.js';

/** One settings or secrets field of a channel type (GET /api/v1/channel-types). */
export type ChannelField = z.output<typeof channelFieldSchema>;
/** A channel type and what it can do. */
export type ChannelType = z.output<typeof channelTypeSchema>;
/** A connected account, as GET /api/v1/channels lists it (never with secrets). */
export type ChannelAccount = z.output<typeof channelAccountSchema>;

let typesOnce: Promise<ChannelType[]> | null = null;

/** The channel types, fetched once per page load (they only change with a new server version). */
export function channelTypesOnce(): Promise<ChannelType[]> {
  typesOnce ??= channelsApi.types().then(
    (r) => r.items,
    () => {
      typesOnce = null;
      return [];
    },
  );
  return typesOnce;
}

/** Typed calls for the channel accounts routes, made from the server's contracts. */
export const channelsApi = {
  types: () => call(channelRoutes.types),
  list: () => call(channelRoutes.list),
  add: (input: {
    type: string;
    name: string;
    settings: Record<string, unknown>;
    secrets: Record<string, unknown>;
  }) => call(channelRoutes.add, { body: input }),
  setStatus: (id: number, status: 'active' | 'paused') =>
    call(channelRoutes.update, { params: { id }, body: { status } }),
  update: (id: number, input: { settings?: Record<string, unknown>; secrets?: Record<string, unknown> }) =>
    call(channelRoutes.update, { params: { id }, body: input }),
  remove: (id: number) => call(channelRoutes.remove, { params: { id } }),
  engage: (messageId: number, action: EngagementAction) =>
    call(messageRoutes.engage, { params: { id: messageId }, body: { action } }),
};
