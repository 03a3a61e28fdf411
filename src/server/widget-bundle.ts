import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NotFoundError } from '../platform/errors.js';

/** Where `npm run build` puts the widget (widget/dist/widget.js, from src/ and from dist/ alike). */
export function widgetBundlePath(): string {
  return fileURLToPath(new URL('../../widget/dist/widget.js', import.meta.url));
}

/** The built widget script and its version (a content hash, for ETags and `?v=` URLs). */
export interface WidgetScript {
  body: Buffer;
  version: string;
}

/**
 * Reads the built widget once and keeps it; until it exists (not built yet) every request looks
 * again, so building while the server runs works.
 */
export function widgetBundle(file = widgetBundlePath()): () => WidgetScript {
  let cached: WidgetScript | null = null;
  return () => {
    if (cached) return cached;
    let body: Buffer;
    try {
      body = fs.readFileSync(file);
    } catch {
      throw new NotFoundError('widget.js (the widget is not built: run `npm run build`)');
    }
    cached = { body, version: createHash('sha256').update(body).digest('hex').slice(0, 16) };
    return cached;
  };
}
