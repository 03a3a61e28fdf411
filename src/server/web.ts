import type { FastifyInstance } from 'fastify';
import type { Services } from '../commands/services.js';

/** Serves the built web app at / (completed by the web app work). */
export async function registerWeb(_app: FastifyInstance, _services: Services) {}
