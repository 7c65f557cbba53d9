import type { Logger } from 'pino';
import type { Db } from './platform/database/database.js';
import { DEMO_ORGANISATION, seedIdentityDemo } from './modules/identity/demo.js';

/**
 * Seeds the demo data once: each module adds its part in one transaction, so a half-seeded
 * database never exists. Returns whether it seeded (false: the demo was already there).
 */
export async function seedDemo(db: Db, logger?: Logger): Promise<boolean> {
  const existing = await db.selectFrom('organisations').select('id').where('name', '=', DEMO_ORGANISATION).executeTakeFirst();
  if (existing) return false;
  await db.transaction().execute(async (tx) => seedIdentityDemo(tx));
  logger?.info('demo data seeded');
  return true;
}
