import { sql } from 'kysely';
import type { Db } from '../../platform/database/database.js';
import { accountsDb } from './store.js';

/**
 * Failures allowed on a key before any wait; then the wait doubles with each failure, up to 15
 * minutes. An account is throttled per address, so that whoever guesses slows down their own
 * guesses and never locks the owner out; an address guessing across accounts meets a higher bar.
 */
const FREE_FAILURES = { 'account-address': 3, address: 20, totp: 3 } as const;
const FIRST_DELAY_MS = 2_000;
const MAX_DELAY_MS = 15 * 60_000;
/** A key whose last failure is older than this starts afresh. */
const FAILURE_WINDOW_MS = 30 * 60_000;

type KeyKind = keyof typeof FREE_FAILURES;

export function throttleDelayMs(failures: number, kind: KeyKind = 'account-address'): number {
  const free = FREE_FAILURES[kind];
  if (failures < free) return 0;
  return Math.min(FIRST_DELAY_MS * 2 ** (failures - free), MAX_DELAY_MS);
}

/** Keys throttled for one log-in attempt: this account from this address, and this address. */
export function throttleKeys(email: string, address: string): string[] {
  return [`account-address:${email}|${address}`, `address:${address}`];
}

/** The key of the second step of a log-in: the password is known already, so per account. */
export function secondFactorKey(accountId: string): string {
  return `totp:${accountId}`;
}

function kindOf(key: string): KeyKind {
  return key.slice(0, key.indexOf(':')) as KeyKind;
}

/** Milliseconds to wait before another attempt is accepted on any of the keys (0: go ahead). */
export async function retryAfterMs(db: Db, keys: string[], now = new Date()): Promise<number> {
  const rows = await accountsDb(db).selectFrom('login_throttle').select('locked_until').where('key', 'in', keys).execute();
  return Math.max(0, ...rows.map((r) => (r.locked_until ? r.locked_until.getTime() - now.getTime() : 0)));
}

export async function recordFailure(db: Db, keys: string[], now = new Date()): Promise<void> {
  for (const key of keys) {
    // A failure keeps its key's count going: the window runs from the last one.
    const failures = await count(db, key, { windowMs: FAILURE_WINDOW_MS, from: 'last', now });
    const delay = throttleDelayMs(failures, kindOf(key));
    await accountsDb(db)
      .updateTable('login_throttle')
      .set({ locked_until: delay > 0 ? new Date(now.getTime() + delay) : null })
      .where('key', '=', key)
      .execute();
  }
}

/**
 * Counts one use of a quota (mails to a recipient, requests from an address) in a fixed window;
 * false once the limit is passed within it.
 */
export async function takeQuota(db: Db, key: string, limit: number, windowMs: number, now = new Date()): Promise<boolean> {
  return (await count(db, key, { windowMs, from: 'first', now })) <= limit;
}

/**
 * Adds one to a key's count and returns it; a count whose window has passed starts again at 1. The
 * window runs from the key's first use (a quota) or from its last (failures, which must stop).
 */
async function count(db: Db, key: string, window: { windowMs: number; from: 'first' | 'last'; now: Date }): Promise<number> {
  const { now } = window;
  const windowStart = new Date(now.getTime() - window.windowMs);
  const row = await accountsDb(db)
    .insertInto('login_throttle')
    .values({ key, failures: 1, updated_at: now })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: sql<number>`case when login_throttle.updated_at < ${windowStart} then 1 else login_throttle.failures + 1 end`,
        updated_at:
          window.from === 'last'
            ? now
            : sql<Date>`case when login_throttle.updated_at < ${windowStart} then ${now} else login_throttle.updated_at end`,
      }),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  return row.failures;
}

export async function clearFailures(db: Db, keys: string[]): Promise<void> {
  await accountsDb(db).deleteFrom('login_throttle').where('key', 'in', keys).execute();
}
