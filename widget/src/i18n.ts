import { createInstance, type TFunction } from 'i18next';
import {
  WIDGET_DEFAULT_WORDS,
  WIDGET_LANGUAGES,
  type WidgetAppearance,
  type WidgetLanguage,
} from '../../src/channels/chat/protocol.js';
import { de } from './locales/de.js';
import { en } from './locales/en.js';
import { es } from './locales/es.js';
import { fr } from './locales/fr.js';

const resources = {
  en: { translation: en },
  de: { translation: de },
  es: { translation: es },
  fr: { translation: fr },
};

const supported = (tag: string | null | undefined): WidgetLanguage | null => {
  const base = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return (WIDGET_LANGUAGES as readonly string[]).includes(base) ? (base as WidgetLanguage) : null;
};

/**
 * The widget's language: the page's own choice (`data-lang` on the script tag) first, then the
 * account's setting, then the first of the visitor's browser languages the widget speaks, then English.
 */
export function chooseLanguage(
  pageChoice: string | null | undefined,
  accountChoice: WidgetAppearance['language'] | undefined,
  browserLanguages: readonly string[],
): WidgetLanguage {
  const fromPage = supported(pageChoice);
  if (fromPage) return fromPage;
  if (accountChoice && accountChoice !== 'auto') return accountChoice;
  for (const tag of browserLanguages) {
    const match = supported(tag);
    if (match) return match;
  }
  return 'en';
}

/** The widget's words in one language, through i18next (English fills any gap). */
export interface Words {
  readonly language: WidgetLanguage;
  readonly t: TFunction;
  /** An error the server sent, in the visitor's language when its code is known. */
  error(code: string, serverMessage: string): string;
  /** The account's title and greeting, with the untouched English defaults translated. */
  look(look: WidgetAppearance): { brandName: string; greeting: string };
}

const i18n = createInstance();
void i18n.init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  initAsync: false,
  interpolation: { escapeValue: false }, // every string goes into textContent, never HTML
});

/** The words for a language (cheap: every language is bundled). */
export function wordsFor(language: WidgetLanguage): Words {
  const t = i18n.getFixedT(language);
  return {
    language,
    t,
    error(code, serverMessage) {
      if (language === 'en') return serverMessage; // the server's own words are the most precise
      const key = `error.${code}`;
      return i18n.exists(key, { lng: language }) ? t(key) : t('error.internal');
    },
    look(look) {
      return {
        brandName: look.brandName === WIDGET_DEFAULT_WORDS.brandName ? t('defaultBrandName') : look.brandName,
        greeting: look.greeting === WIDGET_DEFAULT_WORDS.greeting ? t('defaultGreeting') : look.greeting,
      };
    },
  };
}
