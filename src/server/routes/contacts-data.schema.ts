/** Contracts of a person's data: export and erasure (privacy), CSV import and CSV export of contacts. */
import { z } from 'zod';
import { defineRoute } from '../../contract/api-contract.js';
import { epochMs, idParams } from './common.schema.js';

const rows = z.array(z.record(z.string(), z.unknown()));
const tag = 'People';

/** The contacts data routes' contracts, by operation. */
export const contactDataRoutes = {
  exportPerson: defineRoute({
    operationId: 'exportContact',
    method: 'GET',
    path: '/api/v1/contacts/:id/export',
    auth: { role: 'agent' },
    tag,
    summary: 'Everything stored about a person, as JSON (a subject access request; audited)',
    description:
      'The person and the contacts merged into them: profile, identities, scores, notes, interactions, occasions, stage history, merges, Today actions, conversations with every message, the team notes on them and the attachments (described, not included).',
    params: idParams,
    response: z.object({
      exportedAt: epochMs,
      contactId: z.number().int(),
      contacts: rows,
      identities: rows,
      notes: rows,
      interactions: rows,
      occasions: rows,
      stageChanges: rows,
      scores: rows,
      merges: rows,
      todayActions: rows,
      conversations: rows,
      messages: rows,
      conversationNotes: rows,
      attachments: rows,
    }),
  }),
  erase: defineRoute({
    operationId: 'eraseContact',
    method: 'POST',
    path: '/api/v1/contacts/:id/erase',
    auth: { role: 'admin' },
    tag,
    summary: 'Erase a person: the words of their messages, identities and profile go; anonymous counts stay',
    description:
      'Also the contacts merged into them, the team notes on their conversations, attachments, and the search index. Recorded as a contact.erased audit event with counts only.',
    params: idParams,
    response: z.object({
      erased: z.object({
        contacts: z.array(z.number().int()),
        conversations: z.number().int(),
        messages: z.number().int(),
        identities: z.number().int(),
      }),
    }),
  }),
  importCsv: defineRoute({
    operationId: 'importContacts',
    method: 'POST',
    path: '/api/v1/contacts/import',
    auth: { role: 'agent' },
    tag,
    summary: 'Import contacts from CSV (name, emails, handles, birthday, customer_since, notes)',
    description:
      'A header row names the columns. emails and handles hold several values separated by ";" (handles as channel:handle); dates are YYYY-MM-DD, a birthday may be MM-DD. Known people (by address or handle) are filled in, never overwritten; running the same file again changes nothing.',
    body: z.object({ csv: z.string().min(1).max(20_000_000) }).strict(),
    response: z.object({
      rows: z.number().int(),
      created: z.number().int(),
      updated: z.number().int(),
      unchanged: z.number().int(),
      rejected: z.number().int(),
      rejections: z.array(z.object({ row: z.number().int(), reason: z.string() })),
    }),
  }),
  exportCsv: defineRoute({
    operationId: 'exportContactsCsv',
    method: 'GET',
    path: '/api/v1/contacts/export.csv',
    auth: { role: 'agent' },
    tag,
    summary: 'Every contact as CSV (the import columns plus id, lifecycle and last contact)',
    kind: 'file',
  }),
};
