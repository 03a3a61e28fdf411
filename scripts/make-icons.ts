/**
 * Draws the installable app's PNG icons from web/public/favicon.svg with the system Chromium
 * (no image library, nothing downloaded): 192 and 512 px "any" icons, a 512 px maskable one whose
 * mark sits inside the central safe zone on a full-bleed background, and a 180 px Apple touch icon.
 * Run `npx tsx scripts/make-icons.ts` after changing the favicon; the PNGs are committed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const web = fileURLToPath(new URL('../web/public/', import.meta.url));
const svg = fs.readFileSync(path.join(web, 'favicon.svg'), 'utf8');
const mark = svg.replace(/<title>.*?<\/title>/, '').replace('<svg ', '<svg width="100%" height="100%" ');

/** Name, size, and how much of the square the mark fills (maskable: the 80% safe zone, less a margin). */
const icons = [
  { name: 'icon-192.png', size: 192, fill: 1, bleed: false },
  { name: 'icon-512.png', size: 512, fill: 1, bleed: false },
  { name: 'icon-maskable-512.png', size: 512, fill: 0.7, bleed: true },
  { name: 'apple-touch-icon.png', size: 180, fill: 0.86, bleed: true },
] as const;

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless'] });
try {
  fs.mkdirSync(path.join(web, 'icons'), { recursive: true });
  for (const icon of icons) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
    const inner = Math.round(icon.size * icon.fill);
    // the maskable one: the mark's own blue fills the whole square, the bubble stays in the safe zone
    await page.setContent(
      `<html><body style="margin:0;width:${icon.size}px;height:${icon.size}px;display:grid;place-items:center;background:${icon.bleed ? '#2f6fed' : 'transparent'}">
        <div style="width:${inner}px;height:${inner}px">${mark}</div></body></html>`,
    );
    await page.screenshot({ path: path.join(web, 'icons', icon.name), omitBackground: !icon.bleed });
    await page.close();
  }
} finally {
  await browser.close();
}
