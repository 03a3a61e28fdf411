import type { Intent, UrgencyCue } from './types.js';

/**
 * Cues for German, Spanish and French messages, written by the Rapport team (our own work, shipped
 * under Rapport's license). The English lexicon never scores these languages ("die" is not a word of
 * grief in German); instead a small valence list, problem phrases, thanks and praise, urgency and
 * intent phrases per language feed the same interpretable features the default model weighs.
 */

/** What the cues of one language found in a lower-case text. */
export interface ForeignCues {
  pos: number;
  neg: number;
  complaintCues: string[];
  positiveCues: string[];
  urgency: UrgencyCue[];
  intent: Intent | null;
  hits: { word: string; score: number }[];
}

interface LanguageCues {
  /** Word valences on the English lexicon's scale (-4..4). */
  words: Record<string, number>;
  negators: RegExp;
  problem: RegExp;
  thanks: RegExp;
  praise: RegExp;
  urgency: [UrgencyCue, RegExp][];
  intents: [Intent, RegExp][];
}

const DE: LanguageCues = {
  words: {
    super: 2.5,
    toll: 2.5,
    lecker: 2.6,
    klasse: 2.4,
    prima: 2.2,
    gut: 1.8,
    sehr: 0,
    schön: 2,
    perfekt: 2.8,
    freundlich: 2,
    hilfreich: 2,
    schnell: 1.2,
    liebe: 2.4,
    lieben: 2.4,
    begeistert: 2.8,
    zufrieden: 2,
    danke: 1.5,
    wunderbar: 2.8,
    ausgezeichnet: 3,
    spitze: 2.6,
    genial: 2.6,
    empfehlen: 1.6,
    schlecht: -2.4,
    schrecklich: -3,
    furchtbar: -3,
    katastrophe: -3,
    katastrophal: -3,
    enttäuscht: -2.4,
    enttäuschend: -2.4,
    ärgerlich: -2.2,
    verärgert: -2.4,
    unverschämt: -3,
    frechheit: -3,
    unzufrieden: -2.2,
    kaputt: -2,
    defekt: -2,
    falsch: -1.6,
    fehlt: -1.4,
    fehler: -1.4,
    verspätet: -1.6,
    verspätung: -1.6,
    storniert: -1.4,
    kalt: -0.8,
    eklig: -2.8,
    widerlich: -3,
    unfreundlich: -2.4,
    nie: -0.5,
    leider: -1,
    ärger: -2,
    mies: -2.6,
    miserabel: -3,
    peinlich: -2.2,
    betrug: -3,
    abzocke: -3,
  },
  negators: /\b(?:nicht|kein|keine|keinen|nie|niemals)\b/,
  problem:
    /\b(?:funktioniert (?:nicht|immer noch nicht)|geht nicht|immer noch nicht|noch immer nicht|warte seit|warten seit|seit \d+ (?:tagen|wochen|stunden)|nicht angekommen|nie angekommen|keine antwort|kaputt|defekt|falsch geliefert|doppelt (?:abgebucht|belastet)|kann mich nicht anmelden|fehlt)\b/,
  thanks: /\b(?:danke|dankeschön|vielen dank|besten dank)\b/,
  praise: /\b(?:super|toll|lecker|klasse|prima|perfekt|wunderbar|ausgezeichnet|spitze|genial)\b/,
  urgency: [
    [
      'safety',
      /\b(?:allergi\w*|allergisch|vergiftung|verletzt\w*|verletzung|glas|plastik|metall|schimmel\w*|brand|rauch|gefährlich|notfall|gestrandet)\b/,
    ],
    [
      'money_lost',
      /\b(?:doppelt (?:abgebucht|belastet|berechnet)|(?:abgebucht|berechnet) obwohl|rückerstattung|erstattung|geld zurück|betrug)\b/,
    ],
    [
      'locked_out',
      /\b(?:kann mich nicht (?:anmelden|einloggen)|konto (?:gesperrt|gehackt)|gehackt|passwort)\b/,
    ],
    ['escalating_anger', /(?:!!!|\b(?:anwalt|verbraucherzentrale|klage|scheiße|scheisse|verdammt)\b)/],
  ],
  intents: [
    ['churn_risk', /\b(?:kündige|kündigen|kündigung|nie wieder|wechsle zu|wechseln zu)\b/],
    ['feature_request', /\b(?:wäre (?:schön|toll|super|gut)|bitte (?:fügt|bringt)|wünsche mir)\b/],
    ['purchase_intent', /\b(?:möchte (?:kaufen|bestellen|buchen)|was kostet|wie viel kostet|preis für)\b/],
  ],
};

const ES: LanguageCues = {
  words: {
    excelente: 3,
    genial: 2.6,
    bueno: 1.8,
    buena: 1.8,
    buenísimo: 2.8,
    rico: 2.4,
    delicioso: 2.8,
    deliciosa: 2.8,
    perfecto: 2.8,
    encanta: 2.8,
    encantó: 2.8,
    gracias: 1.5,
    amable: 2,
    rápido: 1.2,
    maravilla: 3,
    maravilloso: 3,
    increíble: 2.6,
    feliz: 2.4,
    contento: 2,
    contenta: 2,
    mejor: 1.6,
    recomiendo: 1.8,
    malo: -2.4,
    mala: -2.4,
    pésimo: -3.2,
    pésima: -3.2,
    horrible: -3,
    terrible: -3,
    fatal: -2.8,
    decepcionado: -2.4,
    decepcionada: -2.4,
    decepción: -2.4,
    molesto: -2.2,
    molesta: -2.2,
    enojado: -2.6,
    vergüenza: -2.6,
    roto: -2,
    rota: -2,
    dañado: -2,
    falla: -1.6,
    fallo: -1.6,
    error: -1.4,
    tarde: -1,
    retraso: -1.6,
    frío: -0.8,
    fría: -0.8,
    cancelado: -1.4,
    cancelada: -1.4,
    estafa: -3,
    robo: -3,
    asco: -3,
    nunca: -0.5,
    queja: -1.8,
    problema: -1.2,
    lamentable: -2.6,
    inaceptable: -2.8,
  },
  negators: /\b(?:no|nunca|jamás|ni|sin)\b/,
  problem:
    /\b(?:no funciona|sigue sin|todavía no|aún no|no ha llegado|no llegó|nunca llegó|llevo \d+ (?:días|semanas|horas)|sin respuesta|ninguna respuesta|no me (?:dejan?|deja) (?:entrar|acceder)|cobrado dos veces|cobro doble|no puedo)\b/,
  thanks: /\b(?:gracias|muchas gracias|mil gracias|se agradece)\b/,
  praise: /\b(?:excelente|genial|delicios[oa]|perfect[oa]|me encant[aó]|maravill\w*|increíble)\b/,
  urgency: [
    [
      'safety',
      /\b(?:alergi\w*|alérgic\w*|intoxicación|intoxicad\w*|herid[oa]|lesión|vidrio|plástico|metal|moho|incendio|humo|peligro\w*|emergencia|varad[oa]s?|atrapad[oa]s?)\b/,
    ],
    [
      'money_lost',
      /\b(?:cobrado dos veces|cobro doble|doble cobro|me cobraron|reembolso|devolución de(?:l)? dinero|fraude|estafa)\b/,
    ],
    [
      'locked_out',
      /\b(?:no puedo (?:entrar|acceder|iniciar sesión)|cuenta (?:bloqueada|hackeada)|hackea\w*|contraseña)\b/,
    ],
    ['escalating_anger', /(?:!!!|\b(?:abogado|denuncia|demanda|profeco|mierda|carajo|joder)\b)/],
  ],
  intents: [
    [
      'churn_risk',
      /\b(?:cancelar mi (?:cuenta|suscripción|plan)|darme de baja|nunca más|me cambio a|cambiarme a)\b/,
    ],
    [
      'feature_request',
      /\b(?:sería (?:genial|bueno|bueno|increíble)|por favor (?:agreguen|añadan|pongan)|ojalá)\b/,
    ],
    [
      'purchase_intent',
      /\b(?:quiero (?:comprar|contratar|pedir)|cuánto cuesta|precio de|cómo (?:compro|contrato))\b/,
    ],
  ],
};

const FR: LanguageCues = {
  words: {
    super: 2.4,
    génial: 2.8,
    excellent: 3,
    excellente: 3,
    délicieux: 2.8,
    délicieuse: 2.8,
    parfait: 2.8,
    parfaite: 2.8,
    merci: 1.5,
    bravo: 2.4,
    top: 2,
    adore: 2.8,
    aime: 2,
    sympa: 2,
    rapide: 1.2,
    ravi: 2.6,
    ravie: 2.6,
    content: 2,
    contente: 2,
    magnifique: 3,
    formidable: 2.8,
    meilleur: 1.8,
    recommande: 1.8,
    bon: 1.6,
    bonne: 1.6,
    mauvais: -2.4,
    mauvaise: -2.4,
    nul: -2.6,
    nulle: -2.6,
    horrible: -3,
    terrible: -3,
    déçu: -2.4,
    déçue: -2.4,
    décevant: -2.4,
    inadmissible: -3,
    inacceptable: -2.8,
    scandaleux: -3,
    honte: -2.6,
    cassé: -2,
    cassée: -2,
    abîmé: -2,
    retard: -1.6,
    froid: -0.8,
    froide: -0.8,
    annulé: -1.4,
    arnaque: -3,
    escroquerie: -3,
    dégoûtant: -3,
    énervé: -2.4,
    problème: -1.2,
    erreur: -1.4,
    jamais: -0.5,
    lamentable: -2.8,
    pire: -2.6,
  },
  negators: /\b(?:ne|n'|pas|jamais|aucun|aucune|sans)\b/,
  problem:
    /\b(?:ne (?:marche|fonctionne) (?:pas|plus)|(?:marche|fonctionne) pas|toujours pas|toujours rien|pas (?:encore )?reçu|jamais reçu|pas arrivé|aucune réponse|pas de réponse|j'attends depuis|depuis \d+ (?:jours|semaines|heures)|débité deux fois|prélevé deux fois|impossible de)\b/,
  thanks: /\b(?:merci|merci beaucoup|mille mercis)\b/,
  praise: /\b(?:génial|excellent\w*|délicieu\w*|parfait\w*|j'adore|bravo|magnifique|formidable)\b/,
  urgency: [
    [
      'safety',
      /\b(?:allergi\w*|intoxication|intoxiqué\w*|blessé\w*|blessure|verre|plastique|métal|moisi\w*|incendie|fumée|danger\w*|urgence|bloqué\w* à)\b/,
    ],
    [
      'money_lost',
      /\b(?:débité deux fois|prélevé deux fois|double prélèvement|remboursement|rembourse\w*|fraude|arnaque)\b/,
    ],
    [
      'locked_out',
      /\b(?:impossible de (?:me connecter|se connecter)|compte (?:bloqué|piraté)|piraté|mot de passe)\b/,
    ],
    ['escalating_anger', /(?:!!!|\b(?:avocat|plainte|merde|putain)\b)/],
  ],
  intents: [
    ['churn_risk', /\b(?:résilier|résiliation|me désabonner|plus jamais|je pars chez|je passe chez)\b/],
    [
      'feature_request',
      /\b(?:ce serait (?:bien|génial|top)|pourriez-vous ajouter|merci d'ajouter|j'aimerais que)\b/,
    ],
    [
      'purchase_intent',
      /\b(?:je veux (?:acheter|commander)|combien coûte|quel est le prix|comment (?:acheter|commander))\b/,
    ],
  ],
};

// JavaScript's \b only knows ASCII letters ("\bärger" never matches): rebuild each rule with a
// boundary that counts every letter.
const UB = String.raw`(?:(?<![\p{L}\d_])(?=[\p{L}\d_])|(?<=[\p{L}\d_])(?![\p{L}\d_]))`;
const uni = (re: RegExp) => new RegExp(re.source.replaceAll(String.raw`\b`, UB), 'u');
for (const c of [DE, ES, FR]) {
  c.negators = uni(c.negators);
  c.problem = uni(c.problem);
  c.thanks = uni(c.thanks);
  c.praise = uni(c.praise);
  c.urgency = c.urgency.map(([u, re]) => [u, uni(re)]);
  c.intents = c.intents.map(([i, re]) => [i, uni(re)]);
}

const CUES: Record<string, LanguageCues> = { de: DE, es: ES, fr: FR };
const VALENCE = new Map(Object.entries(CUES).map(([k, c]) => [k, new Map(Object.entries(c.words))]));

/** True for the languages this module has cues for. */
export function hasForeignCues(language: string): boolean {
  return language === 'de' || language === 'es' || language === 'fr';
}

/** Applies one language's cues to lower-case text and its words. */
export function foreignCues(language: string, lower: string, words: readonly string[]): ForeignCues {
  const c = CUES[language]!;
  const valence = VALENCE.get(language)!;
  let pos = 0;
  let neg = 0;
  let negate = 0;
  const hits: { word: string; score: number }[] = [];
  for (const w of words) {
    const v = valence.get(w);
    if (c.negators.test(w)) negate = 3;
    else if (negate > 0) negate -= 1;
    if (!v) continue;
    const score = negate > 0 && !c.negators.test(w) ? -v * 0.74 : v;
    if (score > 0) pos += score;
    else neg -= score;
    hits.push({ word: w, score });
  }
  const complaintCues = c.problem.test(lower) ? ['problem'] : [];
  const positiveCues: string[] = [];
  if (c.thanks.test(lower)) positiveCues.push('thanks');
  if (c.praise.test(lower)) positiveCues.push('praise');
  const urgency = c.urgency.filter(([, re]) => re.test(lower)).map(([u]) => u);
  const intent = c.intents.find(([, re]) => re.test(lower))?.[0] ?? null;
  hits.sort((a, b) => Math.abs(b.score) - Math.abs(a.score));
  return { pos, neg, complaintCues, positiveCues, urgency, intent, hits: hits.slice(0, 3) };
}
