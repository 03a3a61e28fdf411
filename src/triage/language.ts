import { franc } from 'franc-min';
import { ISO1, UNDETERMINED } from './language-codes.js';
import type { Token } from './text.js';

/**
 * The language of a message, so that the English lexicon scores only English and other languages
 * are scored by their own cues or left unscored. Most messages decide on a word scan: the common
 * function words of English, German, Spanish, French and a few other languages (our own lists).
 * Only a text whose words are foreign, mixed or in another script goes to franc-min (MIT), a
 * trigram language identifier; its answer is checked against the word scan, because trigrams on a
 * tweet-sized text often confuse neighbours (Spanish and Portuguese, French and Italian).
 */

/** Languages triage scores (English, and the ones src/triage/foreign.ts has cues for). */
export const SCORED_LANGUAGES = ['en', 'de', 'es', 'fr'] as const;

export { UNDETERMINED } from './language-codes.js';

const EN =
  "the and is are was were my your you i i'm im it it's its this that with for have has had not but what when how why where can can't cant don't dont doesn't didn't won't isn't just we they of to be been do does did will would should could there thanks thank please get got still after from out up if or all any again our their them he she his her who which because about than then now only also very too yet ever never every some am hi hey help work working order account know want need see like time back new one here go ok okay yes yeah sure lol great good love";
const DE =
  'der die das und ist nicht ich mit sie wir ein eine einen auf für bei mein meine meinen bitte danke noch schon auch aber wie war waren sehr kein keine dass wenn oder habe hat haben wird wurde seit mir mich uns euch ihr ihre nach vom zum zur den dem des sind immer nur jetzt heute leider warum kann nichts bestellung';
const ES =
  'el los las que es por para con mi mis muy pero gracias hola está estoy una del al lo su sus porque cuando como cómo qué tengo tiene hay nada pedido todo también hoy desde sin eso este fue ser ayuda';
const FR =
  "le les et est je pas pour une des du mon mes avec vous nous très merci bonjour ce c'est elle sur dans qui mais j'ai ai suis votre vos notre au aux rien toujours depuis encore commande été était n'est ne";
// Other languages' function words, and ones shared by several (never English words).
const OTHER =
  'de la en il não nao uma com você voce obrigado obrigada muito meu minha isso pra também já tem che non per sono grazie della mio mia questo ho perché anche molto ancora het een niet ik van dat maar ook bedankt mijn jullie wel nog geen zijn heb voor saya tidak yang dan ini itu ada bisa tolong sudah belum ang ng sa mga po hindi bir ve bu çok için ama nie jest się że czy och är jag inte att på og ikke jeg';

const MARK = new Map<string, number>();
const EN_I = 0;
const DE_I = 1;
const ES_I = 2;
const FR_I = 3;
const OTHER_I = 4;
for (const [list, i] of [
  [OTHER, OTHER_I],
  [FR, FR_I],
  [ES, ES_I],
  [DE, DE_I],
  [EN, EN_I],
] as const) {
  for (const w of list.split(' ')) MARK.set(w, i);
}

const counts = new Int32Array(5);

/**
 * The language of a text from its tokens (tokenize's output) and lower-case form: an ISO 639-1
 * code where one exists ("en", "de", "pt"…), else franc's ISO 639-3 code, or "und".
 */
export function detectLanguage(tokens: readonly Token[], lower: string): string {
  counts.fill(0);
  let words = 0;
  for (let j = 0; j < tokens.length; j += 1) {
    const w = tokens[j]!.word;
    const c = w.charCodeAt(0);
    if (c < 97 && c !== 39) continue; // punctuation, digits ("0"), "URL"
    if (c >= 0xd800 && c <= 0xdfff) continue; // emoji
    words += 1;
    const m = MARK.get(w);
    if (m !== undefined) counts[m]! += 1;
  }
  let accented = 0;
  let script = 0;
  for (let i = 0; i < lower.length; i += 1) {
    const c = lower.charCodeAt(i);
    if (c < 0xc0) continue;
    if (c < 0x250) accented += c === 0xd7 || c === 0xf7 ? 0 : 1;
    else if ((c >= 0x370 && c < 0x2000) || (c >= 0x3040 && c < 0xd800) || (c >= 0xf900 && c < 0xfb00))
      script += 1;
  }
  if (script >= 2) return francOf(lower.replace(/@\w+|https?:\/\/\S+/g, ' ')) ?? UNDETERMINED;
  if (words === 0) return UNDETERMINED;
  const en = counts[EN_I]!;
  const other = counts[OTHER_I]!;
  const foreign = counts[DE_I]! + counts[ES_I]! + counts[FR_I]! + other;
  // Plain ASCII without one foreign function word, or clearly English words: English, no franc.
  if (foreign === 0 && accented === 0) return 'en';
  if (en >= 2 && en >= 2 * foreign) return 'en';
  const best =
    counts[DE_I]! >= counts[ES_I]! && counts[DE_I]! >= counts[FR_I]!
      ? DE_I
      : counts[ES_I]! >= counts[FR_I]!
        ? ES_I
        : FR_I;
  const bestCode = best === DE_I ? 'de' : best === ES_I ? 'es' : 'fr';
  const code = francCode(tokens);
  if ((code === 'de' || code === 'es' || code === 'fr') && (scoreOf(code) >= 1 || accented >= 1)) {
    // Between the scored languages, the words overrule franc when they clearly disagree.
    return counts[best]! >= 2 && counts[best]! > 2 * scoreOf(code) ? bestCode : code;
  }
  if (code === 'en') return en * 2 >= foreign || counts[best]! < 2 ? 'en' : bestCode;
  if (counts[best]! >= 1 && counts[best]! >= other) return bestCode;
  if (code !== null && words >= 3 && (other >= 1 || accented >= 1) && en < foreign) return code;
  return en >= foreign ? 'en' : UNDETERMINED;
}

function scoreOf(code: string): number {
  return code === 'de' ? counts[DE_I]! : code === 'es' ? counts[ES_I]! : counts[FR_I]!;
}

/** franc-min's answer for the words of the text (null when it cannot tell). */
function francCode(tokens: readonly Token[]): string | null {
  let text = '';
  for (const t of tokens) {
    const c = t.word.charCodeAt(0);
    if (t.word === 'URL' || c < 39) continue;
    text += text ? ` ${t.word}` : t.word;
  }
  return francOf(text);
}

// The languages franc may answer: widely written ones (fewer look-alike guesses on short texts).
const ONLY = Object.keys(ISO1);

function francOf(text: string): string | null {
  const code3 = franc(text, { minLength: 8, only: ONLY });
  return code3 === 'und' ? null : (ISO1[code3] ?? code3);
}

/** True when triage scores texts of this language (English and undetermined use the English model). */
export function isScored(language: string): boolean {
  return (
    language === 'en' ||
    language === UNDETERMINED ||
    language === 'de' ||
    language === 'es' ||
    language === 'fr'
  );
}
