import { request } from '../api/client.js';

/** One settings or secrets field of a channel type (GET /api/v1/channel-types). */
export interface ChannelField {
  name: string;
  kind: 'string' | 'number' | 'boolean' | 'array' | 'other';
  secret: boolean;
  required: boolean;
  options: string[] | null;
  description: string | null;
}

/** A channel type and what it can do. */
export interface ChannelType {
  type: string;
  description: string;
  capabilities: {
    publicReply: boolean;
    privateMessage: boolean;
    maxLength: number | null;
    attachments: boolean;
    engagements?: ('like' | 'repost')[];
  };
  acceptsAccounts: boolean;
  fields: ChannelField[];
  /** What the server stores for a settings field left out (generated values and secrets absent). */
  defaults?: Record<string, unknown>;
}

/** A connected account, as GET /api/v1/channels lists it (never with secrets). */
export interface ChannelAccount {
  id: number;
  channel: string;
  name: string;
  settings: Record<string, unknown>;
  status: 'active' | 'paused' | 'broken';
  statusMessage: string | null;
  hasSecrets: boolean;
  createdAt: number;
  updatedAt: number;
}

const v1 = '/api/v1';

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

/** Typed calls for the channel accounts routes. */
export const channelsApi = {
  types: () => request<{ items: ChannelType[] }>('GET', `${v1}/channel-types`),
  list: () => request<{ items: ChannelAccount[] }>('GET', `${v1}/channels`),
  add: (input: {
    type: string;
    name: string;
    settings: Record<string, unknown>;
    secrets: Record<string, unknown>;
  }) => request<{ account: ChannelAccount }>('POST', `${v1}/channels`, input),
  setStatus: (id: number, status: 'active' | 'paused') =>
    request<{ account: ChannelAccount }>('PATCH', `${v1}/channels/${id}`, { status }),
  update: (id: number, input: { settings?: Record<string, unknown>; secrets?: Record<string, unknown> }) =>
    request<{ account: ChannelAccount }>('PATCH', `${v1}/channels/${id}`, input),
  remove: (id: number) => request<null>('DELETE', `${v1}/channels/${id}`),
  engage: (messageId: number, action: 'like' | 'repost') =>
    request<{ engagement: { status: string } }>('POST', `${v1}/messages/${messageId}/engage`, { action }),
};
