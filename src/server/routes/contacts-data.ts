import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { eventActor } from '../../commands/actor.js';
import { exportContactsCsv, importContactsCsv } from '../../commands/contact-csv.js';
import { erasePerson, exportPerson } from '../../commands/contact-privacy.js';
import type { Services } from '../../commands/services.js';
import { route } from '../route.js';
import { contactDataRoutes } from './contacts-data.schema.js';

/** A person's data (export, erasure) and contacts in and out as CSV. */
export function registerContactDataRoutes(app: FastifyInstance, services: Services) {
  route(app, contactDataRoutes.exportPerson, async ({ params, actor }) => {
    const data = await exportPerson(services, actor, params.id);
    // bigint columns and Buffers come back as JSON-safe values
    return JSON.parse(
      JSON.stringify(data, (_k, v) => (typeof v === 'bigint' ? Number(v) : v)),
    ) as typeof data;
  });

  route(app, contactDataRoutes.erase, async ({ params, actor }) => ({
    erased: await erasePerson(services, actor, params.id),
  }));

  route(app, contactDataRoutes.importCsv, async ({ body, actor }) =>
    importContactsCsv(services, eventActor(actor), body.csv),
  );

  route(app, contactDataRoutes.exportCsv, async ({ reply }) =>
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="contacts.csv"')
      .header('cache-control', 'private, no-store')
      .send(Readable.from(exportContactsCsv(services))),
  );
}
