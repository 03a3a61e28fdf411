import type { SecretBox } from '../platform/secrets.js';
import type { ChannelAccountRow } from '../store/schema.js';
import type { ChannelAccount } from './types.js';

/** An account as people see it: settings, status, never secrets. */
export interface ChannelAccountView {
  id: number;
  channel: string;
  name: string;
  settings: Record<string, unknown>;
  status: ChannelAccountRow['status'];
  statusMessage: string | null;
  hasSecrets: boolean;
  createdAt: number;
  updatedAt: number;
}

/** The listing form of an account row. */
export function presentChannelAccount(row: ChannelAccountRow): ChannelAccountView {
  return {
    id: row.id,
    channel: row.channel,
    name: row.name,
    settings: JSON.parse(row.settings_json) as Record<string, unknown>,
    status: row.status,
    statusMessage: row.status_message,
    hasSecrets: row.secrets_enc !== null,
    createdAt: row.created_at,
    updatedAt: row.updated_at ?? row.created_at,
  };
}

/** An account row with its secrets opened, as connectors receive it. */
export function decodeChannelAccount(
  services: { secrets: SecretBox },
  row: ChannelAccountRow,
): ChannelAccount {
  return {
    ...presentChannelAccount(row),
    secrets: row.secrets_enc ? (services.secrets.open(row.secrets_enc) as Record<string, unknown>) : {},
  };
}
