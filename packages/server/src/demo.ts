import type { Logger } from 'pino';
import type { Db } from './platform/database/database.js';
import { seedModulesDemo } from './platform/module.js';
import { MODULES } from './modules/index.js';
import { isDemoSeeded } from './modules/organisations/service.js';

/**
 * Seeds the demo data once: each module adds its part, in the modules' order, in one transaction, so
 * a half-seeded database never exists. Returns whether it seeded (false: the demo was already there).
 */
export async function seedDemo(db: Db, logger?: Logger): Promise<boolean> {
  if (await isDemoSeeded(db)) return false;
  await seedModulesDemo(db, MODULES);
  logger?.info('demo data seeded');
  return true;
}
