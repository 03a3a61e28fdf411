import { chooseLanguage, type LanguageChoice, setLanguage } from '../i18n/index.js';

/** Where the choice is remembered for the next load's first screen (before the server answers). */
const languageStorageKey = 'rapport.language';

const browserLanguages = (): readonly string[] =>
  typeof navigator === 'undefined'
    ? []
    : navigator.languages?.length
      ? navigator.languages
      : [navigator.language];

/**
 * Shows the app in a person's language setting (or the browser's, for 'auto') and remembers the
 * choice on this device, so the loading and sign-in screens of the next visit speak it too.
 */
export function applyLanguage(choice: LanguageChoice): void {
  try {
    localStorage.setItem(languageStorageKey, choice);
  } catch {
    // private mode: the language still applies for this visit
  }
  setLanguage(chooseLanguage(choice, browserLanguages()));
}

/** The language for the first screen: the choice remembered on this device, else the browser's. */
export function applyRememberedLanguage(): void {
  let remembered: string | null = null;
  try {
    remembered = localStorage.getItem(languageStorageKey);
  } catch {
    remembered = null;
  }
  const choice: LanguageChoice = remembered === 'en' || remembered === 'de' ? remembered : 'auto';
  setLanguage(chooseLanguage(choice, browserLanguages()));
}
