import { alertRoutes } from '../../../src/server/routes/alerts.schema.js';
import { onCallRoutes } from '../../../src/server/routes/on-call.schema.js';
import { call } from '../api/client.js';

/** Settings as the alerts page edits them. */
export type AlertSettingsInput = Parameters<typeof alertsApi.saveSettings>[0];

/** Typed calls for the alert and on-call pages and the header's "Enable alerts" button. */
export const alertsApi = {
  vapidKey: () => call(alertRoutes.vapidKey),
  subscribe: (body: {
    endpoint: string;
    expirationTime?: number | null;
    keys: { p256dh: string; auth: string };
  }) => call(alertRoutes.subscribe, { body }),
  unsubscribe: (endpoint: string) => call(alertRoutes.unsubscribe, { body: { endpoint } }),
  devices: () => call(alertRoutes.devices),
  settings: () => call(alertRoutes.getSettings),
  saveSettings: (body: Parameters<typeof call<typeof alertRoutes.putSettings>>[1]['body']) =>
    call(alertRoutes.putSettings, { body }),
  audit: (mine: boolean) => call(alertRoutes.list, { query: { mine: mine ? 'true' : 'false', limit: 50 } }),
  ack: (id: number) => call(alertRoutes.ack, { params: { id } }),
  onCall: () => call(onCallRoutes.overview),
  addRotation: (body: Parameters<typeof call<typeof onCallRoutes.createRotation>>[1]['body']) =>
    call(onCallRoutes.createRotation, { body }),
  deleteRotation: (id: number) => call(onCallRoutes.deleteRotation, { params: { id } }),
  addOverride: (body: { userId: number; startsAt: number; endsAt: number; note: string | null }) =>
    call(onCallRoutes.createOverride, { body }),
  deleteOverride: (id: number) => call(onCallRoutes.deleteOverride, { params: { id } }),
};
