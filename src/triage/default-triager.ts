import type { Sentiment, TriageInput, TriageResult, Triager } from './types.js';

// Minimal cue lists; the triage issue replaces this with the shipped model.
const NEGATIVE = /\b(not|no|never|worst|terrible|awful|angry|delay(ed)?|cancel+ed|lost|broken|refund|rude|hate)\b/i;
const POSITIVE = /\b(thanks?|thank you|great|love|awesome|amazing|excellent|perfect)\b/i;

/** A small rule-based triager used until a trained model is available. */
export const defaultTriager: Triager = {
  triage(input: TriageInput): TriageResult {
    const neg = NEGATIVE.test(input.text);
    const pos = POSITIVE.test(input.text);
    const sentiment: Sentiment = neg ? 'negative' : pos ? 'positive' : 'neutral';
    const priority = sentiment === 'negative' ? 70 : sentiment === 'neutral' ? 40 : 20;
    return {
      sentiment,
      sentimentScore: sentiment === 'negative' ? -0.6 : sentiment === 'positive' ? 0.6 : 0,
      intent: sentiment === 'negative' ? 'complaint' : input.text.includes('?') ? 'question' : 'other',
      urgency: [],
      complaintType: null,
      priority,
      explanation: [],
      model: 'default@0',
    };
  },
};
