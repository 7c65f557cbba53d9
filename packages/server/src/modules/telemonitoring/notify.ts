// Mails to the care team about alerts: a link and the level, never a value, a name or a programme
// (a mail box is no place for health data). Sent by a durable job, once per alert and reason.
import type { Job } from '../../platform/jobs/index.js';
import type { Mail } from '../../platform/mail/mailer.js';
import type { ServiceDeps } from '../../platform/context.js';
import { accountContacts } from '../accounts/service.js';
import { alertById, enrolmentById, markNotified } from './store.js';

export type NotifyReason = 'urgent' | 'escalated';

declare module '../../platform/jobs/job-types.js' {
  interface JobTypes {
    /** Mails the operator (and, escalated, the prescriber) that an alert waits for them. */
    'telemonitoring.notify': { alertId: string; reason: NotifyReason };
    /** Evaluates every monitored patient (missing data, windows that closed) and escalates unacknowledged alerts. */
    'telemonitoring.check': Record<string, never>;
  }
}

const TEXT: Record<'fr' | 'en', Record<NotifyReason, { subject: string; body: string }>> = {
  fr: {
    urgent: {
      subject: 'Parcours : une alerte urgente de télésurveillance',
      body: 'Une alerte urgente de télésurveillance attend votre attention. Connectez-vous pour la consulter :',
    },
    escalated: {
      subject: 'Parcours : une alerte de télésurveillance non prise en compte',
      body: 'Une alerte de télésurveillance n’a pas été prise en compte dans le délai prévu. Connectez-vous pour la consulter :',
    },
  },
  en: {
    urgent: {
      subject: 'Parcours: an urgent telemonitoring alert',
      body: 'An urgent telemonitoring alert needs your attention. Sign in to see it:',
    },
    escalated: {
      subject: 'Parcours: a telemonitoring alert left unacknowledged',
      body: 'A telemonitoring alert was not acknowledged in time. Sign in to see it:',
    },
  },
};

const SIGN_OFF = { fr: 'Ce message ne contient aucune donnée de santé.', en: 'This message contains no health data.' };

export function alertMail(reason: NotifyReason, to: string, language: 'fr' | 'en', link: string): Mail {
  const text = TEXT[language][reason];
  return { to, subject: text.subject, text: `${text.body}\n${link}\n\n${SIGN_OFF[language]}\n` };
}

/**
 * The job: mails the alert's operator (and its prescriber when escalated), unless it was already
 * done for this alert at this level (a retried run mails at least once, a completed one never again).
 */
export async function sendAlertMail(deps: ServiceDeps, job: Job<'telemonitoring.notify', { alertId: string; reason: NotifyReason }>) {
  const alert = await alertById(deps.db, job.data.alertId);
  if (!alert || alert.status === 'resolved' || (job.data.reason === 'urgent' && alert.notified_at)) return job.transaction(async () => {});
  const enrolment = await enrolmentById(deps.db, alert.enrolment_id);
  if (!enrolment) return job.transaction(async () => {});
  const recipients = [enrolment.operator_account_id, ...(job.data.reason === 'escalated' ? [enrolment.prescriber_account_id] : [])];
  const contacts = await accountContacts(deps.db, [...new Set(recipients)]);
  const link = new URL(`/telesurveillance/patients/${alert.patient_id}`, deps.config.publicUrl).toString();
  for (const contact of contacts.values()) await deps.mailer.send(alertMail(job.data.reason, contact.email, contact.locale, link));
  await job.transaction((tx) => markNotified(tx, alert.id, new Date()));
}
