import type { ServiceDeps } from '../../platform/context.js';
import { issueEmailToken } from './email-tokens.js';
import { composeMail } from './mails.js';
import { findAccount } from './store.js';
import { takeQuota } from './throttle.js';

declare module '../../platform/jobs/job-types.js' {
  interface JobTypes {
    /** A link to verify the address of a new account. */
    'accounts.verify-email-mail': { accountId: string };
    /** Someone tried to sign up with an address that has an account: its owner is told. */
    'accounts.already-registered-mail': { accountId: string };
    /** A reset link, asked for an address that has an account. */
    'accounts.password-reset-mail': { accountId: string };
    /** An organisation invites the account's holder (queued with the invitation). */
    'accounts.invitation-mail': { accountId: string; organisation: string };
  }
}

type Account = NonNullable<Awaited<ReturnType<typeof findAccount>>>;

/** Mails to one person in an hour, whoever asks: enough for a lost mail, too few to flood a mailbox. */
const MAILS_PER_RECIPIENT_PER_HOUR = 5;

/**
 * The account mails leave from jobs: the request answers in the same time whether or not the
 * address has an account (the mail, or its absence, happens later), and a failed send is retried.
 * Payloads carry an account id only; the token is issued when the mail is sent.
 */
export function defineAccountMailJobs(deps: ServiceDeps): void {
  const mail = async (accountId: string, send: (account: Account) => Promise<void>) => {
    const account = await findAccount(deps.db, accountId);
    if (!account) return; // asked for an address without an account: nothing to send
    if (!(await takeQuota(deps.db, `mail-recipient:${account.email}`, MAILS_PER_RECIPIENT_PER_HOUR, 3_600_000))) return;
    await send(account);
  };
  deps.jobs.define('accounts.verify-email-mail', (job) =>
    mail(job.data.accountId, async (account) => {
      const token = await issueEmailToken(deps.db, account.id, 'verify-email');
      await deps.mailer.send(
        composeMail('verify-email', account.locale, account.email, { link: `${deps.config.publicUrl}/verifier-email?token=${token}` }),
      );
    }),
  );
  deps.jobs.define('accounts.already-registered-mail', (job) =>
    mail(job.data.accountId, (account) =>
      deps.mailer.send(
        composeMail('already-registered', account.locale, account.email, { link: `${deps.config.publicUrl}/mot-de-passe-oublie` }),
      ),
    ),
  );
  deps.jobs.define('accounts.password-reset-mail', (job) =>
    mail(job.data.accountId, async (account) => {
      // A new link voids the older ones: only the last mail works.
      const token = await issueEmailToken(deps.db, account.id, 'reset-password', { voidOlder: true });
      await deps.mailer.send(
        composeMail('reset-password', account.locale, account.email, {
          link: `${deps.config.publicUrl}/nouveau-mot-de-passe?token=${token}`,
        }),
      );
    }),
  );
  deps.jobs.define('accounts.invitation-mail', (job) =>
    mail(job.data.accountId, async (account) => {
      const link = account.hasPassword
        ? `${deps.config.publicUrl}/invitations`
        : // No password yet: a link to choose one, which accepts (registration.ts acceptInvitation).
          `${deps.config.publicUrl}/invitation?token=${await issueEmailToken(deps.db, account.id, 'invitation')}`;
      await deps.mailer.send(
        composeMail(account.hasPassword ? 'invitation-existing' : 'invitation', account.locale, account.email, {
          link,
          organisation: job.data.organisation,
        }),
      );
    }),
  );
}
