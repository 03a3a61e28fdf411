import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The Bluesky integration suite: run with the root's vitest (`npm run test:bluesky`). One local
 * network (@atproto/dev-env) is started by global-setup.ts and shared by every file.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', '.tmp/**'],
    globalSetup: ['./global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 1,
  },
});
