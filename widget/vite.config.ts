import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Builds the website chat widget from widget/src into one self-contained script,
 * widget/dist/widget.js, served by the Rapport server at /widget.js for other sites to embed.
 */
export default defineConfig({
  root,
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2020',
    minify: true,
    lib: {
      entry: 'src/main.ts',
      formats: ['iife'],
      name: 'RapportChat',
      fileName: () => 'widget.js',
    },
  },
});
