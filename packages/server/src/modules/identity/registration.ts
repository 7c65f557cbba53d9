import { hashPassword } from '../../platform/auth/passwords.js';
import { problem } from '../../platform/http/problem.js';
import type { IdentityDeps } from './deps.js';
import { consumeEmailToken, issueEmailToken } from './email-tokens.js';
import { composeMail } from './mails.js';
import type { Registration } from './schemas.js';

/**
 * A patient signs up: an unverified account and their own patient record (identity `provisoire`
 * until checked). The answer is the same whether the address was free or not, so that sign-up
 * cannot tell who has an account; the owner of a taken address gets a mail saying so.
 */
export async function register(deps: IdentityDeps, input: Registration): Promise<void> {
  const email = input.email.toLowerCase();
  const existing = await deps.db.selectFrom('accounts').select(['id', 'locale']).where('email', '=', email).executeTakeFirst();
  if (existing) {
    await deps.mailer.send(
      composeMail('already-registered', existing.locale, email, { link: `${deps.config.publicUrl}/mot-de-passe-oublie` }),
    );
    return;
  }
  const passwordHash = await hashPassword(input.password);
  const token = await deps.db.transaction().execute(async (tx) => {
    const account = await tx
      .insertInto('accounts')
      .values({
        email,
        given_name: input.givenName,
        family_name: input.familyName,
        locale: input.locale,
        password_hash: passwordHash,
        email_verified_at: null,
        totp_secret: null,
        totp_enrolled_at: null,
        disabled_at: null,
      })
      .onConflict((oc) => oc.column('email').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!account) return null; // registered concurrently: same answer
    await tx
      .insertInto('patients')
      .values({
        account_id: account.id,
        is_self: true,
        birth_name: input.identity.birthName.toUpperCase(),
        first_names: input.identity.firstNames,
        used_name: input.identity.usedName ?? null,
        sex: input.identity.sex,
        birth_date: input.identity.birthDate,
        birth_place_insee: input.identity.birthPlaceInsee ?? null,
        nir: input.identity.nir ?? null,
      })
      .execute();
    return issueEmailToken(tx, account.id, 'verify-email');
  });
  if (token)
    await deps.mailer.send(
      composeMail('verify-email', input.locale, email, { link: `${deps.config.publicUrl}/verifier-email?token=${token}` }),
    );
}

export async function verifyEmail(deps: IdentityDeps, token: string): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    const accountId = await consumeEmailToken(tx, token, 'verify-email');
    await tx
      .updateTable('accounts')
      .set({ email_verified_at: new Date() })
      .where('id', '=', accountId)
      .where('email_verified_at', 'is', null)
      .execute();
  });
}

/** Sets the password of an invited professional (which also proves their address). */
export async function acceptInvitation(deps: IdentityDeps, token: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await deps.db.transaction().execute(async (tx) => {
    const accountId = await consumeEmailToken(tx, token, 'invitation');
    await tx
      .updateTable('accounts')
      .set({ password_hash: passwordHash, email_verified_at: new Date() })
      .where('id', '=', accountId)
      .execute();
  });
}

export function assertNotProduction(deps: IdentityDeps): void {
  if (deps.config.env === 'production') throw problem.forbidden('demo-refused');
}
