import type { Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import * as m001 from './001-initial.js';
import * as m002 from './002-channels.js';
import * as m003 from './003-bulk-search-index.js';
import * as m004 from './004-event-stream.js';
import * as m005 from './005-job-groups.js';
import * as m006 from './006-sign-in-throttle.js';
import * as m007 from './007-user-preferences.js';
import * as m008 from './008-people.js';
import * as m009 from './009-sla-policies.js';
import * as m010 from './010-routing.js';
import * as m011 from './011-alerts.js';
import * as m012 from './012-people-scores.js';
import * as m013 from './013-playbooks.js';
import * as m014 from './014-reply-checks.js';
import * as m021 from './021-shared-state.js';

/** One schema change; it runs inside the migration transaction. */
export interface EngineMigration {
  up(db: Kysely<unknown>, engine: Engine): Promise<void>;
}

/** Every migration, in order, listed by hand (no globbing): name → module. */
export const migrations: [string, EngineMigration][] = [
  ['001-initial', m001],
  ['002-channels', m002],
  ['003-bulk-search-index', m003],
  ['004-event-stream', m004],
  ['005-job-groups', m005],
  ['006-sign-in-throttle', m006],
  ['007-user-preferences', m007],
  ['008-people', m008],
  ['009-sla-policies', m009],
  ['010-routing', m010],
  ['011-alerts', m011],
  ['012-people-scores', m012],
  ['013-playbooks', m013],
  ['014-reply-checks', m014],
  ['021-shared-state', m021],
];
