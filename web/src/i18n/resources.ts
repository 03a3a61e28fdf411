import { common as deCommon } from './de/common.js';
import { guidelines as deGuidelines } from './de/guidelines.js';
import { nav as deNav } from './de/nav.js';
import { common as enCommon } from './en/common.js';
import { guidelines as enGuidelines } from './en/guidelines.js';
import { nav as enNav } from './en/nav.js';

/** The languages the web app speaks completely (English is the fallback for any gap). */
export const WEB_LANGUAGES = ['en', 'de'] as const;
/** One of the web app's languages. */
export type WebLanguage = (typeof WEB_LANGUAGES)[number];

/**
 * Every namespace in every language, listed by hand (no globbing). A screen area owns one namespace
 * file per language (`en/<area>.ts`, `de/<area>.ts`) and adds one line to each block below.
 */
export const resources = {
  en: {
    common: enCommon,
    guidelines: enGuidelines,
    nav: enNav,
  },
  de: {
    common: deCommon,
    guidelines: deGuidelines,
    nav: deNav,
  },
} as const;

/** The namespaces, taken from English (the reference every other language must match). */
export type Namespace = keyof (typeof resources)['en'];
