// The accounts module's surface for other modules: accounts, professionals' profiles and one-time
// links are reached only through these functions, never through the tables.
import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/database/database.js';
import type { ServiceDeps } from '../../platform/context.js';
import { problem } from '../../platform/http/problem.js';
import { accountByEmail, accountsDb, insertAccount } from './store.js';
import { prepared } from '../../platform/database/prepared.js';

export { Email, Locale } from './schemas.js';
export { accountChanged } from './session-cache.js';

export interface PractitionerProfile {
  /** The rules contract's vocabulary: doctor, midwife, nurse… */
  profession: string;
  specialty: string | null;
  sector: 1 | 2 | null;
  optam: boolean;
}

/** The professional facts the rules need of a practitioner (profession, specialty, convention sector). */
export async function practitionerProfile(db: Db, accountId: string): Promise<PractitionerProfile | undefined> {
  const row = await accountsDb(db)
    .selectFrom('practitioners')
    .select(['profession', 'specialty', 'sector', 'optam'])
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return (
    row && {
      profession: row.profession,
      specialty: row.specialty,
      sector: row.sector === 1 || row.sector === 2 ? row.sector : null,
      optam: row.optam,
    }
  );
}

/** Display names ("Claire Martin") by account id. */
export async function accountNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await accountsDb(db)
    .selectFrom('accounts')
    .modifyFront(prepared)
    .select(['id', 'given_name', 'family_name'])
    .where(sql<boolean>`id = any(${ids}::uuid[])`)
    .execute();
  return new Map(rows.map((a) => [a.id, `${a.given_name} ${a.family_name}`]));
}

/** What an organisation's member list shows of each account. */
export async function describeAccounts(db: Db, ids: string[]) {
  if (ids.length === 0) return new Map();
  const rows = await accountsDb(db)
    .selectFrom('accounts')
    .leftJoin('practitioners', 'practitioners.account_id', 'accounts.id')
    .select([
      'accounts.id',
      'accounts.email',
      'accounts.given_name',
      'accounts.family_name',
      'accounts.password_hash',
      'practitioners.profession',
      'practitioners.specialty',
      'practitioners.rpps',
    ])
    .where('accounts.id', 'in', ids)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        accountId: r.id,
        email: r.email,
        givenName: r.given_name,
        familyName: r.family_name,
        profession: r.profession,
        specialty: r.specialty,
        rpps: r.rpps,
        invitationPending: !r.password_hash,
      },
    ]),
  );
}

export interface InvitedProfessional {
  email: string;
  givenName: string;
  familyName: string;
  locale: 'fr' | 'en';
  profession?: string | undefined;
  specialty?: string | undefined;
  rpps?: string | undefined;
  sector?: 1 | 2 | undefined;
  optam?: boolean | undefined;
}

/**
 * The account an invitation is for, inside the inviting transaction: the existing one, untouched
 * (its owner accepts or not), or a new one without a password, with the profile typed (its link to
 * choose the password comes with the invitation mail).
 */
export async function ensureInvitedAccount(tx: Db, input: InvitedProfessional): Promise<{ accountId: string }> {
  const existing = await accountByEmail(tx, input.email);
  const own = accountsDb(tx);
  if (input.rpps) {
    const holder = await own.selectFrom('practitioners').select('account_id').where('rpps', '=', input.rpps).executeTakeFirst();
    if (holder && holder.account_id !== existing?.id) throw problem.conflict('rpps-taken');
  }
  const accountId =
    existing?.id ??
    (await insertAccount(tx, {
      email: input.email,
      givenName: input.givenName,
      familyName: input.familyName,
      locale: input.locale,
      passwordHash: null,
    }))!;
  if (!existing && input.profession) await ensurePractitionerProfile(tx, accountId, { ...input, profession: input.profession });
  return { accountId };
}

/** Gives an account the professional profile an invitation typed, when it has none (with the person's acceptance). */
export async function ensurePractitionerProfile(
  tx: Db,
  accountId: string,
  profile: {
    profession: string;
    specialty?: string | undefined;
    rpps?: string | undefined;
    sector?: 1 | 2 | undefined;
    optam?: boolean | undefined;
  },
): Promise<void> {
  await accountsDb(tx)
    .insertInto('practitioners')
    .values({
      account_id: accountId,
      profession: profile.profession,
      specialty: profile.specialty ?? null,
      rpps: profile.rpps ?? null,
      sector: profile.sector ?? null,
      optam: profile.optam ?? false,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/**
 * Queues the invitation mail in the inviting transaction: both, or neither. A mail server down
 * delays it: the job retries from 5 s, doubling, five times (mail-jobs.ts). An account without a
 * password gets its link when the mail goes.
 */
export function queueInvitationMail(deps: ServiceDeps, tx: Tx, invitation: { accountId: string; organisation: string }): Promise<unknown> {
  return deps.jobs.send('accounts.invitation-mail', invitation, { tx });
}

/** Where and how to write to accounts: e-mail, language and display name, by account id. */
export async function accountContacts(db: Db, ids: string[]): Promise<Map<string, { email: string; locale: 'fr' | 'en'; name: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await accountsDb(db)
    .selectFrom('accounts')
    .select(['id', 'email', 'locale', 'given_name', 'family_name'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((a) => [a.id, { email: a.email, locale: a.locale, name: `${a.given_name} ${a.family_name}` }]));
}

/** The professional facts of several practitioners at once (a search result lists many), by account id. */
export async function practitionerProfiles(db: Db, ids: string[]): Promise<Map<string, PractitionerProfile>> {
  if (ids.length === 0) return new Map();
  const rows = await accountsDb(db)
    .selectFrom('practitioners')
    .modifyFront(prepared)
    .select(['account_id', 'profession', 'specialty', 'sector', 'optam'])
    .where(sql<boolean>`account_id = any(${ids}::uuid[])`)
    .execute();
  return new Map(
    rows.map((row) => [
      row.account_id,
      {
        profession: row.profession,
        specialty: row.specialty,
        sector: row.sector === 1 || row.sector === 2 ? row.sector : null,
        optam: row.optam,
      },
    ]),
  );
}
