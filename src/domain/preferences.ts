import { z } from 'zod';

/**
 * A person's own settings for the web app. Each has a default, so a stored '{}' (never changed)
 * reads as the defaults, and a setting added later needs no migration.
 */
export const preferencesSchema = z.object({
  /** Single-key shortcuts (j, k, r, n, /, ?); off for people who type into the page by accident. */
  keyboardShortcuts: z.boolean().default(true),
  /** Colours: follow the device ('system'), or always light or dark. */
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  /** A short sound when an urgent alert arrives; off unless the person turns it on. */
  urgentSound: z.boolean().default(false),
  /** The first-run checklist, put away by this person (it also goes once every step is done). */
  checklistDismissed: z.boolean().default(false),
  /** The web app's language: the browser's ('auto'), or always English or German. */
  language: z.enum(['auto', 'en', 'de']).default('auto'),
});

/** A person's settings with defaults applied. */
export type Preferences = z.infer<typeof preferencesSchema>;

/** What a person may change in one request; absent fields stay as they are. */
export const preferencesPatchSchema = z
  .object({
    keyboardShortcuts: z.boolean().optional(),
    theme: z.enum(['system', 'light', 'dark']).optional(),
    urgentSound: z.boolean().optional(),
    checklistDismissed: z.boolean().optional(),
    language: z.enum(['auto', 'en', 'de']).optional(),
  })
  .strict();

/** The stored JSON read as settings; anything unreadable falls back to the defaults. */
export function preferencesOf(json: string | null | undefined): Preferences {
  let raw: unknown = {};
  try {
    raw = JSON.parse(json || '{}');
  } catch {
    raw = {};
  }
  const parsed = preferencesSchema.safeParse(raw);
  return parsed.success ? parsed.data : preferencesSchema.parse({});
}
