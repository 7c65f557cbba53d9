// The e-mail that tells a professional a document awaits them in their Parcours inbox. It says only
// that something arrived (no health data in mail), and it goes by a durable job queued with the
// message: a mail server down for a while delays the notice, it does not lose it. At least once: a
// node stopping between the mail and the job's completion sends it again, which says nothing new.
import type { Tx } from '../../platform/database/database.js';
import type { Job } from '../../platform/jobs/index.js';
import { accountContacts } from '../accounts/service.js';
import type { RecordsDeps } from './reports.js';
import { messageById } from './store.js';

declare module '../../platform/jobs/job-types.js' {
  interface JobTypes {
    /** Mails the recipient of an inbox message that it arrived. */
    'records.notice': { messageId: string };
  }
}

const MAIL = {
  fr: {
    subject: 'Parcours : un document vous attend',
    body: 'Un confrère vous a adressé un document dans votre messagerie sécurisée Parcours. Connectez-vous pour le lire :',
  },
  en: {
    subject: 'Parcours: a document awaits you',
    body: 'A colleague sent you a document in your Parcours secure inbox. Sign in to read it:',
  },
};

/** Queues the notice in the transaction that puts the message in the inbox: both, or neither. */
export function queueNotice(deps: RecordsDeps, tx: Tx, messageId: string): Promise<unknown> {
  return deps.jobs.send('records.notice', { messageId }, { tx });
}

/** The job: the mail, in the recipient's language; a failure is retried with back-off. */
export async function mailNotice(deps: RecordsDeps, job: Job<'records.notice', { messageId: string }>): Promise<void> {
  const message = await messageById(deps.db, job.data.messageId);
  if (!message) return;
  const contact = (await accountContacts(deps.db, [message.recipient_account_id])).get(message.recipient_account_id);
  if (!contact) return;
  const text = MAIL[contact.locale];
  const link = new URL(`/messagerie/${message.id}`, deps.config.publicUrl).toString();
  await deps.mailer.send({ to: contact.email, subject: text.subject, text: `${text.body}\n${link}\n` });
}
