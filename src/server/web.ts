import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../commands/services.js';

/**
 * The Content-Security-Policy sent with every HTML page: only our own scripts, styles and API,
 * no framing, no <base> tricks. Message text is rendered as text nodes, so this is defence in depth.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** The folder holding the built web app: RAPPORT_WEB_DIR, or web/dist next to the package. */
export function webDir(services: Services): string {
  const configured = services.config.RAPPORT_WEB_DIR;
  if (configured) return path.resolve(configured);
  return fileURLToPath(new URL('../../web/dist', import.meta.url));
}

function htmlHeaders(reply: FastifyReply) {
  reply.header('content-security-policy', contentSecurityPolicy);
  reply.header('cache-control', 'no-cache');
  reply.header('x-frame-options', 'DENY');
}

/**
 * The service worker's headers: always revalidated (a new version reaches browsers on the next
 * load), allowed to control the whole app, and under the same CSP as the pages (a worker's CSP
 * comes from its own response).
 */
function serviceWorkerHeaders(reply: FastifyReply) {
  reply.header('content-security-policy', contentSecurityPolicy);
  reply.header('cache-control', 'no-cache');
  reply.header('service-worker-allowed', '/');
}

const notBuiltPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Rapport</title></head>
<body><h1>Rapport</h1><p>The web app has not been built yet. Run <code>npm run build</code>, then restart
<code>rapport start</code>. The API is available under <code>/api</code>.</p></body></html>
`;

/**
 * Serves the built web app at /: hashed assets with a long cache, index.html (no-cache, strict CSP)
 * for every other non-API GET so client-side routes survive a reload. Without a build it serves a
 * short page saying how to build instead of failing.
 */
export async function registerWeb(app: FastifyInstance, services: Services) {
  const root = webDir(services);
  const indexFile = path.join(root, 'index.html');
  const built = fs.existsSync(indexFile);

  if (built) {
    await app.register(fastifyStatic, {
      root,
      prefix: '/',
      wildcard: false,
      index: false,
      dotfiles: 'ignore',
      cacheControl: false,
      setHeaders: (reply, filePath) => {
        if (filePath.endsWith('.html')) htmlHeaders(reply);
        else if (path.basename(filePath) === 'sw.js' && path.dirname(filePath) === root) {
          serviceWorkerHeaders(reply);
        } else if (filePath.includes(`${path.sep}assets${path.sep}`)) {
          reply.header('cache-control', 'public, max-age=31536000, immutable');
        } else reply.header('cache-control', 'public, max-age=3600');
      },
    });
  } else {
    services.logger.warn({ root }, 'web app not built: run `npm run build`');
  }

  const serveApp = async (request: { url: string }, reply: FastifyReply) => {
    const pathname = request.url.split('?')[0] ?? '';
    // API paths and missing files (anything with an extension) are real 404s, not the app
    if (pathname === '/api' || pathname.startsWith('/api/') || /\.[a-z0-9]+$/i.test(pathname)) {
      return reply.callNotFound();
    }
    htmlHeaders(reply);
    if (!built) return reply.type('text/html; charset=utf-8').send(notBuiltPage);
    return reply.sendFile('index.html', root, { cacheControl: false });
  };
  app.get('/', serveApp);
  app.get('/*', serveApp);
}
