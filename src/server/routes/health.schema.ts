/** Contract of the health check. */
import { z } from 'zod';
import { defineRoute } from '../../contract/api-contract.js';

/** The health route's contract. */
export const healthRoutes = {
  health: defineRoute({
    operationId: 'getHealth',
    method: 'GET',
    path: '/api/health',
    auth: { public: true },
    tag: 'Health',
    summary: 'Liveness plus a database round trip',
    response: z.object({ status: z.literal('ok'), engine: z.enum(['sqlite', 'postgres']) }),
  }),
};
