import { describe, expect, it } from 'vitest';
import { chooseLanguage } from '../web/src/i18n/index.js';
import { resources, WEB_LANGUAGES } from '../web/src/i18n/resources.js';

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('web app languages', () => {
  const english = resources.en as Record<string, Record<string, string>>;

  for (const language of WEB_LANGUAGES.filter((l) => l !== 'en')) {
    const other = (resources as Record<string, Record<string, Record<string, string>>>)[language] ?? {};
    it(`${language} has every namespace and every key English has, with the same placeholders`, () => {
      expect(Object.keys(other).sort()).toEqual(Object.keys(english).sort());
      for (const [ns, words] of Object.entries(english)) {
        const translated = other[ns] ?? {};
        expect(Object.keys(translated).sort(), `${language}/${ns}`).toEqual(Object.keys(words).sort());
        for (const [key, text] of Object.entries(words)) {
          const theirs = translated[key] ?? '';
          expect(theirs.trim(), `${language}/${ns}:${key} is empty`).not.toBe('');
          expect(placeholders(theirs), `${language}/${ns}:${key}`).toEqual(placeholders(text));
        }
      }
    });
  }

  it('follows the setting, then the browser, then English', () => {
    expect(chooseLanguage('de', ['en-US'])).toBe('de');
    expect(chooseLanguage('auto', ['fr-FR', 'de-AT', 'en'])).toBe('de');
    expect(chooseLanguage('auto', ['fr-FR'])).toBe('en');
    expect(chooseLanguage('en', ['de-DE'])).toBe('en');
  });
});
