import type { FastifyInstance } from 'fastify';
import type { Services } from '../../commands/services.js';
import { AppError, NotFoundError } from '../../platform/errors.js';
import { getAttachment } from '../../store/channel-accounts-repo.js';
import { route } from '../route.js';
import { attachmentRoutes } from './attachments.schema.js';

/** Types a browser could run or render as a page; they are always served as opaque bytes. */
const ACTIVE_TYPES =
  /^(text\/(html|xml|javascript|ecmascript|xsl)|application\/(xhtml\+xml|xml|javascript|ecmascript|x-javascript|pdf\+xml)|image\/svg\+xml|multipart\/)/i;

/** The Content-Type to serve a stored file with: never one the browser would render as a page. */
export function downloadContentType(stored: string): string {
  const type = stored.split(';')[0]!.trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9.+-]*\/[a-z0-9][a-z0-9.+-]*$/.test(type) || ACTIVE_TYPES.test(type))
    return 'application/octet-stream';
  return type;
}

/** `attachment; filename="…"; filename*=UTF-8''…`: an ASCII fallback plus the exact name (RFC 6266). */
export function contentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%;]/g, '_') || 'attachment';
  const exact = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${exact}`;
}

/**
 * GET /api/v1/attachments/:id: downloads a file that came with a message (any signed-in role). It
 * is always a download (Content-Disposition: attachment), never rendered: active types are served
 * as application/octet-stream, with nosniff and a sandboxing CSP, so a customer's file cannot run
 * in Rapport's origin.
 */
export function registerAttachmentRoutes(app: FastifyInstance, services: Services) {
  route(app, attachmentRoutes.download, async ({ params: { id }, reply }) => {
    const row = await getAttachment(services.db.kysely, id);
    if (!row) throw new NotFoundError(`attachment ${id}`);
    if (!row.data) {
      throw new AppError(
        'not_found',
        `the file '${row.filename}' was not kept${row.omitted_reason ? ` (${row.omitted_reason})` : ''}`,
      );
    }
    return reply
      .header('content-type', downloadContentType(row.content_type))
      .header('content-disposition', contentDisposition(row.filename))
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(row.data));
  });
}
