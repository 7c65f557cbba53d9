import { sql } from 'kysely';
import type { Db } from '../../platform/database/database.js';
import { accountsDb } from './store.js';

/** Failures allowed before any wait; then the wait doubles with each failure, up to 15 minutes. */
const FREE_FAILURES = 3;
const FIRST_DELAY_MS = 2_000;
const MAX_DELAY_MS = 15 * 60_000;

export function throttleDelayMs(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(FIRST_DELAY_MS * 2 ** (failures - FREE_FAILURES), MAX_DELAY_MS);
}

/** Keys throttled for one log-in attempt: the account's e-mail and the client's address. */
export function throttleKeys(email: string, address: string): string[] {
  return [`account:${email}`, `address:${address}`];
}

/** Milliseconds to wait before another attempt is accepted on any of the keys (0: go ahead). */
export async function retryAfterMs(db: Db, keys: string[], now = new Date()): Promise<number> {
  const rows = await accountsDb(db).selectFrom('login_throttle').select('locked_until').where('key', 'in', keys).execute();
  return Math.max(0, ...rows.map((r) => (r.locked_until ? r.locked_until.getTime() - now.getTime() : 0)));
}

export async function recordFailure(db: Db, keys: string[], now = new Date()): Promise<void> {
  for (const key of keys) {
    const row = await accountsDb(db)
      .insertInto('login_throttle')
      .values({ key, failures: 1, updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ failures: sql`login_throttle.failures + 1`, updated_at: now }))
      .returning('failures')
      .executeTakeFirstOrThrow();
    const delay = throttleDelayMs(row.failures);
    if (delay > 0)
      await accountsDb(db)
        .updateTable('login_throttle')
        .set({ locked_until: new Date(now.getTime() + delay) })
        .where('key', '=', key)
        .execute();
  }
}

export async function clearFailures(db: Db, keys: string[]): Promise<void> {
  await accountsDb(db).deleteFrom('login_throttle').where('key', 'in', keys).execute();
}
