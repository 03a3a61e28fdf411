/**
 * Starts one real local Bluesky network (PLC, PDS, AppView, Ozone from @atproto/dev-env) for the
 * whole suite, on PostgreSQL with a fresh schema per run and with TMPDIR pointing at a scratch folder
 * under tests/bluesky/.tmp; tears all of it down afterwards (schemas dropped, folder removed).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TestNetwork } from '@atproto/dev-env';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import type {} from './support/network-config.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const postgresUrl = process.env.BLUESKY_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

/** A schema name of lower-case letters and underscores only, as dev-env's migrations need. */
function freshSchemaName(): string {
  const letters = [...randomBytes(10)].map((b) => String.fromCharCode(97 + (b % 26))).join('');
  return `rapport_bsky_${letters}`;
}

async function dropSchemas(schema: string) {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    for (const name of [schema, `appview_${schema}`, `ozone_${schema}`]) {
      await client.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
    }
  } finally {
    await client.end();
  }
}

export default async function setup(project: TestProject) {
  const started = Date.now();
  const scratchRoot = path.join(here, '.tmp');
  fs.mkdirSync(scratchRoot, { recursive: true });
  const scratch = fs.mkdtempSync(path.join(scratchRoot, 'run-'));
  const previousTmpdir = process.env.TMPDIR;
  process.env.TMPDIR = scratch; // the PDS keeps its SQLite files and blobs under os.tmpdir()
  // dev-env 0.3.x asserts REDIS_HOST is set but this version never connects to it
  process.env.REDIS_HOST ||= '127.0.0.1:6379';
  const schema = freshSchemaName();

  let network: TestNetwork | undefined;
  try {
    network = await TestNetwork.create({ dbPostgresUrl: postgresUrl, dbPostgresSchema: schema });
  } catch (error) {
    await dropSchemas(schema).catch(() => {});
    fs.rmSync(scratch, { recursive: true, force: true });
    throw error;
  }
  console.log(
    `\n[bluesky tests] local network up in ${((Date.now() - started) / 1000).toFixed(1)} s ` +
      `(PDS ${network.pds.url}, AppView ${network.bsky.url}, schema ${schema}, TMPDIR ${scratch})\n`,
  );
  project.provide('bluesky', { pdsUrl: network.pds.url, appviewUrl: network.bsky.url, schema });

  return async () => {
    try {
      await network?.close();
    } finally {
      await dropSchemas(schema);
      fs.rmSync(scratch, { recursive: true, force: true });
      if (previousTmpdir === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previousTmpdir;
    }
  };
}
