/**
 * The triage calls the conversation view makes: correct a message's triage, and the complaint types
 * a message may be given (the default's and the team's own), fetched once and again after a new one.
 */
import type { z } from 'zod';
import { triageRoutes } from '../../../src/server/routes/triage.schema.js';
import { call } from '../api/client.js';

/** A correction as the API takes it (at least one field). */
export type TriageChange = NonNullable<z.input<(typeof triageRoutes)['correct']['body']>>;

/** Sends one correction; the answer is the message's new labels and triage. */
export function correctTriage(messageId: number, change: TriageChange) {
  return call(triageRoutes.correct, { params: { id: messageId }, body: change });
}

let typesOnce: Promise<string[]> | null = null;

/** The complaint types the model knows, fetched once per page load (forget() after adding one). */
export function complaintTypesOnce(): Promise<string[]> {
  typesOnce ??= call(triageRoutes.model).then(
    (r) => r.model.complaintTypes,
    () => {
      typesOnce = null;
      return [];
    },
  );
  return typesOnce;
}

/** Fetches the complaint types again next time (the team added one). */
export function forgetComplaintTypes(): void {
  typesOnce = null;
}
