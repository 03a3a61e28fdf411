/** Contract of the attachment download. */
import { defineRoute } from '../../contract/api-contract.js';
import { idParams } from './common.schema.js';

/** The attachment routes' contracts, by operation. */
export const attachmentRoutes = {
  download: defineRoute({
    operationId: 'downloadAttachment',
    method: 'GET',
    path: '/api/v1/attachments/:id',
    auth: { role: 'viewer' },
    tag: 'Conversations',
    summary: 'Download a file that came with a message (always as a download)',
    description:
      'Served with content-disposition: attachment; types a browser could render as a page come as ' +
      'application/octet-stream with a sandboxing CSP. 404 with the reason when the file was not kept.',
    params: idParams,
    kind: 'file',
  }),
};
