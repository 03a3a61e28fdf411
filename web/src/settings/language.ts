import { chooseLanguage, type LanguageChoice, setLanguage, wordsOf } from '../i18n/index.js';

/** Where the choice is remembered for the next load's first screen (before the server answers). */
const languageStorageKey = 'rapport.language';

/** Shows a language and names the tab in it (an unread count in the title stays until it changes). */
function show(choice: LanguageChoice): void {
  setLanguage(chooseLanguage(choice, browserLanguages()));
  if (typeof document !== 'undefined' && !document.title.startsWith('(')) {
    document.title = wordsOf('common')('pageTitle');
  }
}

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
  show(choice);
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
  show(choice);
}
