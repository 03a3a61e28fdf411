import type { Db } from '../store/database.js';
import { defaultTriager } from './default-triager.js';
import type { Triager } from './types.js';

/** The triage model in use for this workspace, swappable when a trained model is loaded. */
export interface TriageService {
  current(): Triager;
}

/** Loads the workspace's active model from the database, or the shipped default. */
export async function createTriageService(_db: Db): Promise<TriageService> {
  return { current: () => defaultTriager };
}
