/**
 * The chat widget's languages: which one a visitor gets, that every language file says everything
 * English says, and that the business's own words are never translated away.
 */
import { describe, expect, test } from 'vitest';
import { WIDGET_DEFAULT_WORDS, WIDGET_LANGUAGES } from '../src/channels/chat/protocol.js';
import { chooseLanguage, wordsFor } from '../widget/src/i18n.js';
import { de } from '../widget/src/locales/de.js';
import { en } from '../widget/src/locales/en.js';
import { es } from '../widget/src/locales/es.js';
import { fr } from '../widget/src/locales/fr.js';

const leaves = (o: object, prefix = ''): Array<[string, string]> =>
  Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : leaves(v, `${prefix}${k}.`),
  );

describe('widget languages', () => {
  test('the page, then the account, then the browser, then English', () => {
    expect(chooseLanguage('es', 'fr', ['de-DE'])).toBe('es');
    expect(chooseLanguage(null, 'fr', ['de-DE'])).toBe('fr');
    expect(chooseLanguage(null, 'auto', ['ja-JP', 'de-AT', 'fr'])).toBe('de');
    expect(chooseLanguage('', 'auto', ['ES_mx'])).toBe('es');
    expect(chooseLanguage('klingon', 'auto', ['ja', 'zh-Hant'])).toBe('en');
    expect(chooseLanguage(undefined, undefined, [])).toBe('en');
  });

  test('every language has every word, filled in, with the same placeholders', () => {
    const reference = leaves(en);
    for (const [name, words] of Object.entries({ de, es, fr })) {
      const theirs = new Map(leaves(words));
      expect([...theirs.keys()].sort(), name).toEqual(reference.map(([k]) => k).sort());
      for (const [key, text] of reference) {
        const translated = theirs.get(key) ?? '';
        expect(translated.trim(), `${name}.${key}`).not.toBe('');
        expect(translated.match(/\{\{\w+\}\}/g) ?? [], `${name}.${key}`).toEqual(
          text.match(/\{\{\w+\}\}/g) ?? [],
        );
      }
    }
    expect(Object.keys({ en, de, es, fr }).sort()).toEqual([...WIDGET_LANGUAGES].sort());
  });

  test('words in the chosen language, with plurals and placeholders', () => {
    const german = wordsFor('de');
    expect(german.t('openChat')).toBe('Chat öffnen');
    expect(german.t('unread', { count: 1 })).toBe('1 neue Nachricht');
    expect(german.t('unread', { count: 3 })).toBe('3 neue Nachrichten');
    expect(german.t('thanksEmail', { email: 'a@b.example' })).toContain('a@b.example');
    expect(wordsFor('fr').t('notSent', { reason: 'x' })).toBe('Non envoyé : x');
  });

  test("server errors: translated by code; English keeps the server's precise words", () => {
    expect(wordsFor('es').error('rate_limited', 'You are sending messages too quickly.')).toMatch(
      /demasiado rápido/,
    );
    expect(wordsFor('de').error('some_new_code', 'a new English reason')).toBe(de.error.internal);
    expect(wordsFor('en').error('validation_failed', 'text is too long')).toBe('text is too long');
  });

  test("the business's own title and greeting stay as written; untouched defaults are translated", () => {
    const look = { ...WIDGET_DEFAULT_WORDS, accentColor: '#2563eb', language: 'auto' as const };
    expect(wordsFor('fr').look(look)).toEqual({
      brandName: fr.defaultBrandName,
      greeting: fr.defaultGreeting,
    });
    expect(wordsFor('en').look(look)).toEqual({ ...WIDGET_DEFAULT_WORDS });
    const own = { ...look, brandName: 'Bäckerei Kraus', greeting: 'Moin! Was darf es sein?' };
    expect(wordsFor('es').look(own)).toEqual({
      brandName: 'Bäckerei Kraus',
      greeting: 'Moin! Was darf es sein?',
    });
  });
});
