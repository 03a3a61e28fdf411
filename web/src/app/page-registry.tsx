import type { ComponentType } from 'react';
import { AlertsPage } from '../alerts/AlertsPage.js';
import { OnCallPage } from '../alerts/OnCallPage.js';
import type { User } from '../api/types.js';
import { SettingsPage } from '../workspace-settings/SettingsPage.js';
import '../alerts/alerts.css';
import { PeopleRoute } from '../people/PeoplePage.js';
import { ApprovalsPage } from '../replies/ApprovalsPage.js';
import { TodayPage } from '../today/TodayPage.js';

/** What every page besides the inbox is given. */
export interface PageProps {
  me: User;
  /** Path segments after the page's name (`/people/7` → `['7']`). */
  params: string[];
}

/** A page besides the inbox: its component, and the navigation entry that leads to it (if any). */
export interface PageEntry {
  component: ComponentType<PageProps>;
  /** The i18n key of its name in the navigation (`nav` namespace, or `ns:key`); no key, no navigation entry. */
  navKey?: string;
  /** Shown to admins only. */
  adminOnly?: boolean;
}

/**
 * Every page besides the inbox, by the first segment of its path, listed by hand (no globbing):
 * a new screen is one component plus one line here (and its words in `web/src/i18n`).
 */
export const pages: Record<string, PageEntry> = {
  today: { component: TodayPage, navKey: 'today:navTitle' },
  people: { component: PeopleRoute, navKey: 'people:navTitle' },
  'on-call': { component: OnCallPage, navKey: 'onCall' },
  alerts: { component: AlertsPage, navKey: 'alerts' },
  approvals: { component: ApprovalsPage, navKey: 'replies:navApprovals' },
  settings: { component: SettingsPage, navKey: 'routing:navSettings' },
};
