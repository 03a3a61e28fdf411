import fs from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { ensureWidgetBuilt, widgetBundleFile } from '../support/widget.js';

describe('widget.js', () => {
  let t: TestApp;
  beforeAll(async () => {
    ensureWidgetBuilt();
    t = await createTestApp('sqlite');
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('is under 48 kB gzipped (i18next and four languages included), one self-contained script without HTML sinks', () => {
    const source = fs.readFileSync(widgetBundleFile);
    const gzipped = gzipSync(source, { level: 9 }).length;
    console.log(`[chat widget] widget.js: ${source.length} bytes, ${gzipped} bytes gzipped`);
    expect(gzipped).toBeLessThan(48 * 1024);
    const text = source.toString('utf8');
    expect(text).not.toMatch(/\bimport\s*\(|^import |\brequire\(/m);
    for (const sink of ['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'document.write', 'eval(']) {
      expect(text).not.toContain(sink);
    }
  });

  it('is served to any site: JavaScript, CORS and CORP open, cached with its version', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/widget.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('public, max-age=3600, must-revalidate');
    const version = String(res.headers['x-rapport-widget-version']);
    expect(res.headers.etag).toBe(`"${version}"`);
    expect(res.body).toBe(fs.readFileSync(widgetBundleFile, 'utf8'));

    const again = await t.app.inject({
      method: 'GET',
      url: '/widget.js',
      headers: { 'if-none-match': `"${version}"` },
    });
    expect(again.statusCode).toBe(304);
    const pinned = await t.app.inject({ method: 'GET', url: `/widget.js?v=${version}` });
    expect(pinned.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const stale = await t.app.inject({ method: 'GET', url: '/widget.js?v=old' });
    expect(stale.headers['cache-control']).toBe('public, max-age=3600, must-revalidate');
  });

  it("leaves the app's own headers alone: only widget.js is open to other origins", async () => {
    const app = await t.app.inject({ method: 'GET', url: '/' });
    expect(app.headers['access-control-allow-origin']).toBeUndefined();
    expect(app.headers['cross-origin-resource-policy']).toBeUndefined();
    expect(String(app.headers['content-security-policy'])).toContain("default-src 'self'");
    const api = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(api.headers['access-control-allow-origin']).toBeUndefined();
  });
});
