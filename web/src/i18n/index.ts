import { createInstance, type TFunction } from 'i18next';
import { useSyncExternalStore } from 'react';
import { type Namespace, resources, WEB_LANGUAGES, type WebLanguage } from './resources.js';

export { WEB_LANGUAGES, type WebLanguage } from './resources.js';

/** A person's language setting: a language of the app, or the browser's. */
export type LanguageChoice = WebLanguage | 'auto';

const i18n = createInstance();
void i18n.init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  defaultNS: 'common',
  initAsync: false,
  interpolation: { escapeValue: false }, // React escapes every string it renders as text
});

const supported = (tag: string): WebLanguage | null => {
  const base = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return (WEB_LANGUAGES as readonly string[]).includes(base) ? (base as WebLanguage) : null;
};

/** The language to show: the person's setting, else the first browser language the app speaks, else English. */
export function chooseLanguage(choice: LanguageChoice, browserLanguages: readonly string[]): WebLanguage {
  if (choice !== 'auto') return choice;
  for (const tag of browserLanguages) {
    const match = supported(tag);
    if (match) return match;
  }
  return 'en';
}

const listeners = new Set<() => void>();

/** Switches every mounted screen to a language (and sets `<html lang>` for screen readers). */
export function setLanguage(language: WebLanguage): void {
  if (i18n.language === language) return;
  void i18n.changeLanguage(language);
  if (typeof document !== 'undefined') document.documentElement.lang = language;
  for (const listener of listeners) listener();
}

/** The language shown now. */
export function currentLanguage(): WebLanguage {
  return (supported(i18n.language) ?? 'en') as WebLanguage;
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** Words for code outside React (toasts, notifications): fixed to the language shown now. */
export function wordsOf(ns: Namespace): TFunction {
  return i18n.getFixedT(currentLanguage(), ns);
}

/**
 * A screen's words in the language shown now; the screen re-renders when the language changes.
 * Keys are `t('key')` within the namespace, `t('common:save')` across.
 */
export function useT(ns: Namespace = 'common'): TFunction {
  const language = useSyncExternalStore(subscribe, currentLanguage, currentLanguage);
  return i18n.getFixedT(language, ns);
}
