import type { ComponentType } from 'react';
import type { User } from '../api/types.js';
import { ApprovalsPage } from '../replies/ApprovalsPage.js';

/** What every page besides the inbox is given. */
export interface PageProps {
  me: User;
  /** Path segments after the page's name (`/people/7` → `['7']`). */
  params: string[];
}

/** A page besides the inbox: its component, and the navigation entry that leads to it (if any). */
export interface PageEntry {
  component: ComponentType<PageProps>;
  /** The i18n key (namespace `nav`) of its name in the navigation; no key, no navigation entry. */
  navKey?: string;
  /** Shown to admins only. */
  adminOnly?: boolean;
}

/**
 * Every page besides the inbox, by the first segment of its path, listed by hand (no globbing):
 * a new screen is one component plus one line here (and its words in `web/src/i18n`).
 */
export const pages: Record<string, PageEntry> = {
  approvals: { component: ApprovalsPage, navKey: 'replies:navApprovals' },
};
