import { alerts as deAlerts } from './de/alerts.js';
import { auth as deAuth } from './de/auth.js';
import { channels as deChannels } from './de/channels.js';
import { common as deCommon } from './de/common.js';
import { components as deComponents } from './de/components.js';
import { conversation as deConversation } from './de/conversation.js';
import { guidelines as deGuidelines } from './de/guidelines.js';
import { inbox as deInbox } from './de/inbox.js';
import { lib as deLib } from './de/lib.js';
import { nav as deNav } from './de/nav.js';
import { people as dePeople } from './de/people.js';
import { replies as deReplies } from './de/replies.js';
import { routing as deRouting } from './de/routing.js';
import { settings as deSettings } from './de/settings.js';
import { today as deToday } from './de/today.js';
import { alerts as enAlerts } from './en/alerts.js';
import { auth as enAuth } from './en/auth.js';
import { channels as enChannels } from './en/channels.js';
import { common as enCommon } from './en/common.js';
import { components as enComponents } from './en/components.js';
import { conversation as enConversation } from './en/conversation.js';
import { guidelines as enGuidelines } from './en/guidelines.js';
import { inbox as enInbox } from './en/inbox.js';
import { lib as enLib } from './en/lib.js';
import { nav as enNav } from './en/nav.js';
import { people as enPeople } from './en/people.js';
import { replies as enReplies } from './en/replies.js';
import { routing as enRouting } from './en/routing.js';
import { settings as enSettings } from './en/settings.js';
import { today as enToday } from './en/today.js';

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
    auth: enAuth,
    channels: enChannels,
    common: enCommon,
    components: enComponents,
    conversation: enConversation,
    inbox: enInbox,
    lib: enLib,
    guidelines: enGuidelines,
    nav: enNav,
    settings: enSettings,
    routing: enRouting,
    alerts: enAlerts,
    people: enPeople,
    today: enToday,
    replies: enReplies,
  },
  de: {
    auth: deAuth,
    channels: deChannels,
    common: deCommon,
    components: deComponents,
    conversation: deConversation,
    inbox: deInbox,
    lib: deLib,
    guidelines: deGuidelines,
    nav: deNav,
    settings: deSettings,
    routing: deRouting,
    alerts: deAlerts,
    people: dePeople,
    today: deToday,
    replies: deReplies,
  },
} as const;

/** The namespaces, taken from English (the reference every other language must match). */
export type Namespace = keyof (typeof resources)['en'];
