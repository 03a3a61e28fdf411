/**
 * Runs once before the suites: says out loud which optional suites run, so a skipped PostgreSQL
 * or browser suite is never silent.
 */
import fs from 'node:fs';
import { pgTestUrl } from './support/engines.js';

export default function setup() {
  if (!pgTestUrl()) {
    console.warn(
      '\n[rapport tests] NOTICE: PostgreSQL suites are SKIPPED (set RAPPORT_TEST_DATABASE_URL=postgres://… to run them; .ci/run does).\n',
    );
  } else {
    console.log(`\n[rapport tests] PostgreSQL suites run against ${pgTestUrl()}\n`);
  }
  if (!fs.existsSync('/usr/sbin/dovecot')) {
    console.warn(
      '\n[rapport tests] NOTICE: IMAP suites are SKIPPED (no /usr/sbin/dovecot; .ci/run installs dovecot-imapd).\n',
    );
  }
  console.log(
    '[rapport tests] the Bluesky suite (a real local network) runs separately: npm ci --prefix tests/bluesky && npm run test:bluesky (.ci/run does)\n',
  );
  if (!fs.existsSync('/usr/bin/chromium')) {
    console.warn(
      '\n[rapport tests] NOTICE: browser suites are SKIPPED (no /usr/bin/chromium; .ci/run installs it).\n',
    );
  }
}
