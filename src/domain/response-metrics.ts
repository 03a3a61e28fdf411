/** One conversation's response facts. */
export interface ResponseFacts {
  first_inbound_at: number;
  first_response_at: number | null;
  first_response_due_at: number | null;
}

/** The response-time report for a window of conversations. */
export interface ResponseTimeReport {
  conversations: number;
  answered: number;
  firstResponseSeconds: { p50: number | null; p90: number | null };
  /** Share of all conversations in the window answered by their due time (unanswered count as missed). */
  metDueShare: number | null;
}

/**
 * Percentile with linear interpolation between closest ranks (the common "type 7" definition used by
 * spreadsheets and numpy), so figures can be re-derived from raw timestamps by anyone.
 */
export function percentile(sortedAscending: number[], p: number): number | null {
  const n = sortedAscending.length;
  if (n === 0) return null;
  const rank = (p / 100) * (n - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sortedAscending[lo]!;
  const b = sortedAscending[hi]!;
  return a + (b - a) * (rank - lo);
}

/** Builds the report from the conversations whose first inbound message falls in the window. */
export function responseTimeReport(rows: ResponseFacts[]): ResponseTimeReport {
  const seconds: number[] = [];
  let met = 0;
  for (const r of rows) {
    if (r.first_response_at === null) continue;
    seconds.push((r.first_response_at - r.first_inbound_at) / 1000);
    if (r.first_response_due_at !== null && r.first_response_at <= r.first_response_due_at) met += 1;
  }
  seconds.sort((a, b) => a - b);
  return {
    conversations: rows.length,
    answered: seconds.length,
    firstResponseSeconds: { p50: percentile(seconds, 50), p90: percentile(seconds, 90) },
    metDueShare: rows.length === 0 ? null : met / rows.length,
  };
}
