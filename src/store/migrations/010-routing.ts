import type { Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { idColumn } from './helpers.js';

/**
 * Routing (issue 13): teams with members and skills, each person's presence and capacity, ordered
 * routing rules, and on conversations the team queue they wait in and whether a reply needs
 * approval. A team keeps its round-robin pointer (the member it gave the last conversation), so
 * assignment stays fair across restarts and processes.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('teams')
    .addColumn('id', 'integer', idColumn(engine))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('skills_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('last_assigned_user_id', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('team_members')
    .addColumn('team_id', 'integer', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('skills_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addPrimaryKeyConstraint('team_members_pk', ['team_id', 'user_id'])
    .execute();
  await db.schema.createIndex('team_members_user').on('team_members').column('user_id').execute();

  await db.schema
    .createTable('user_presence')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('routing_rules')
    .addColumn('id', 'integer', idColumn(engine))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('continue_after', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('conditions_json', 'text', (c) => c.notNull())
    .addColumn('actions_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('conversations').addColumn('team_id', 'integer').execute();
  await db.schema
    .alterTable('conversations')
    .addColumn('approval_required', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('conversations_assignee_status')
    .on('conversations')
    .columns(['assignee_id', 'status'])
    .execute();
}
