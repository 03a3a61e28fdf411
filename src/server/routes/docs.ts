import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { NotFoundError } from '../../platform/errors.js';
import { openApiDocument } from '../openapi.js';
import { apiContracts } from '../route.js';
import { contentSecurityPolicy } from '../web.js';

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Rapport API reference</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
<link rel="icon" type="image/png" href="/api/docs/assets/favicon-32x32.png">
</head>
<body>
<div id="reference"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>
`;

const init = `window.ui = SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#reference',
  deepLinking: true,
  withCredentials: true,
  persistAuthorization: false,
  defaultModelsExpandDepth: 0,
  docExpansion: 'list',
});
`;

/** Swagger UI's files we serve, with their types (nothing else of the package is reachable). */
const assets: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

function assetDir(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve('swagger-ui-dist/package.json'));
}

/**
 * GET /api/openapi.json (the OpenAPI 3.1 document of every contract route, built once on first
 * request, after all routes are registered) and GET /api/docs (a reference page: Swagger UI served
 * from its npm package, so it works offline, under the web app's strict CSP). Both are public: they
 * describe only the public shapes of the API, never data (docs/API.md).
 */
export function registerDocsRoutes(app: FastifyInstance) {
  let document: string | null = null;
  const cache = new Map<string, Buffer>();
  const html = (reply: FastifyReply) =>
    reply
      .header('content-security-policy', contentSecurityPolicy)
      .header('x-frame-options', 'DENY')
      .header('cache-control', 'no-cache');

  app.get('/api/openapi.json', { config: { public: true } }, async (_request, reply) => {
    document ??= JSON.stringify(openApiDocument(apiContracts(app)));
    return reply.type('application/json; charset=utf-8').header('cache-control', 'no-cache').send(document);
  });

  app.get('/api/docs', { config: { public: true } }, async (_request, reply) =>
    html(reply).type('text/html; charset=utf-8').send(page),
  );

  app.get('/api/docs/init.js', { config: { public: true } }, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(init),
  );

  app.get<{ Params: { file: string } }>(
    '/api/docs/assets/:file',
    { config: { public: true } },
    async (request, reply) => {
      const { file } = request.params;
      const type = Object.hasOwn(assets, file) ? assets[file] : undefined;
      if (!type) throw new NotFoundError(`file ${file}`);
      let bytes = cache.get(file);
      if (!bytes) {
        bytes = await fs.readFile(path.join(assetDir(), file));
        cache.set(file, bytes);
      }
      return reply.type(type).header('cache-control', 'public, max-age=3600').send(bytes);
    },
  );
}
