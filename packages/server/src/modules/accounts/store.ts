import { sql } from 'kysely';
import { scoped, type Db } from '../../platform/database/database.js';
import type { AccountsTables } from './tables.js';

/** The database seen from this module: its own tables only. */
export const accountsDb = (db: Db) => scoped<AccountsTables>(db);

export interface NewAccount {
  email: string;
  givenName: string;
  familyName: string;
  locale: 'fr' | 'en';
  passwordHash: string | null;
}

/** Inserts an account, unverified and without a second factor; undefined when the address is taken. */
export async function insertAccount(db: Db, account: NewAccount): Promise<string | undefined> {
  const row = await accountsDb(db)
    .insertInto('accounts')
    .values({
      email: account.email,
      given_name: account.givenName,
      family_name: account.familyName,
      locale: account.locale,
      password_hash: account.passwordHash,
      email_verified_at: null,
      totp_secret: null,
      totp_enrolled_at: null,
      disabled_at: null,
    })
    .onConflict((oc) => oc.column('email').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export function accountByEmail(db: Db, email: string) {
  return accountsDb(db)
    .selectFrom('accounts')
    .select(['id', 'email', 'locale', 'password_hash', 'email_verified_at', 'totp_enrolled_at', 'is_demo', 'disabled_at'])
    .where('email', '=', email)
    .executeTakeFirst();
}

/** The account with this id, if any. */
export function findAccount(db: Db, accountId: string) {
  return accountsDb(db)
    .selectFrom('accounts')
    .select(['id', 'email', 'locale', sql<boolean>`password_hash is not null`.as('hasPassword')])
    .where('id', '=', accountId)
    .executeTakeFirst();
}

export function accountById(db: Db, accountId: string) {
  return accountsDb(db)
    .selectFrom('accounts')
    .select(['id', 'email', 'given_name', 'family_name', 'locale', 'password_hash', 'totp_secret', 'totp_enrolled_at'])
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow();
}

export async function isPractitioner(db: Db, accountId: string): Promise<boolean> {
  const row = await accountsDb(db).selectFrom('practitioners').select('account_id').where('account_id', '=', accountId).executeTakeFirst();
  return Boolean(row);
}

export async function updateAccount(
  db: Db,
  accountId: string,
  set: Partial<{ locale: 'fr' | 'en'; given_name: string; family_name: string; password_hash: string; email_verified_at: Date }>,
): Promise<void> {
  if (Object.keys(set).length > 0) await accountsDb(db).updateTable('accounts').set(set).where('id', '=', accountId).execute();
}
