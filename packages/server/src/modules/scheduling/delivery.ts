import type { Actor } from '../../platform/auth/actor.js';
import { audited } from '../../platform/audit/audit.js';
import type { Language } from '../../platform/http/language.js';
import { problem } from '../../platform/http/problem.js';
import { appointmentRole } from './access.js';
import { accountContacts, accountNames } from '../accounts/service.js';
import { organisationNames } from '../organisations/service.js';
import { patientSummaries } from '../patients/service.js';
import type { SchedulingDeps } from './appointments.js';
import { joinUrl } from './appointments.js';
import { appointmentCalendar, appointmentMail, appointmentSms, type AppointmentFacts } from './messages.js';
import { appointmentById, claimDueMessages, markMessage, reminderMobile, saveReminderMobile } from './store.js';

declare module '../../platform/jobs/job-types.js' {
  interface JobTypes {
    /** Sends the messages owed about appointments that are due (confirmations, changes, reminders). */
    'scheduling.send-messages': Record<string, never>;
  }
}

const BATCH = 50;

/**
 * Sends every message due by `now`: each is claimed before it is sent, so that none goes twice,
 * whichever node runs this and however often (at most once: a crash between the claim and the
 * sending loses that one message rather than sending it twice). A reminder for an appointment no
 * longer live, or since moved, is skipped. Returns how many were sent.
 */
export async function sendDueMessages(deps: SchedulingDeps, now = new Date()): Promise<number> {
  let sent = 0;
  for (;;) {
    const claimed = await claimDueMessages(deps.db, now, BATCH);
    for (const message of claimed) {
      try {
        const outcome = await sendOne(deps, message);
        await markMessage(deps.db, message.id, outcome);
        if (outcome === 'sent') sent++;
      } catch (error) {
        deps.logger.warn(
          { err: { message: (error as Error).message }, messageId: message.id, kind: message.kind },
          'appointment message not sent',
        );
        await markMessage(deps.db, message.id, 'failed').catch(() => {});
      }
    }
    if (claimed.length < BATCH) return sent;
  }
}

async function sendOne(deps: SchedulingDeps, message: Awaited<ReturnType<typeof claimDueMessages>>[number]): Promise<'sent' | 'skipped'> {
  const appointment = await appointmentById(deps.db, message.appointment_id);
  if (!appointment) return 'skipped';
  const reminder = message.kind === 'reminder-24h' || message.kind === 'reminder-1h';
  if (
    reminder &&
    (!['booked', 'checked-in'].includes(appointment.status) || appointment.starts_at.getTime() !== message.starts_at.getTime())
  )
    return 'skipped';
  const manager = (await patientSummaries(deps.db, [appointment.patient_id])).get(appointment.patient_id)?.managerAccountId;
  if (!manager) return 'skipped';
  const [contacts, names, organisations, mobile] = await Promise.all([
    accountContacts(deps.db, [manager]),
    accountNames(deps.db, [appointment.practitioner_account_id]),
    organisationNames(deps.db, [appointment.organisation_id]),
    reminder ? reminderMobile(deps.db, manager) : Promise.resolve(null),
  ]);
  const contact = contacts.get(manager);
  if (!contact) return 'skipped';
  // A cancellation speaks of the time that was cancelled; the others, of the current one.
  const facts = factsOf(deps, appointment, names, organisations, message.kind === 'cancellation' ? message.starts_at : undefined);
  await deps.mailer.send(appointmentMail(message.kind, facts, contact.email, contact.locale));
  if (reminder && mobile)
    await deps.sms.send(appointmentSms(message.kind as 'reminder-24h' | 'reminder-1h', facts, mobile, contact.locale));
  return 'sent';
}

type Row = NonNullable<Awaited<ReturnType<typeof appointmentById>>>;

function factsOf(
  deps: SchedulingDeps,
  appointment: Row,
  names: Map<string, string>,
  organisations: Map<string, string>,
  startsAt?: Date,
): AppointmentFacts {
  return {
    id: appointment.id,
    practitionerName: names.get(appointment.practitioner_account_id) ?? '',
    organisationName: organisations.get(appointment.organisation_id) ?? '',
    modality: appointment.modality,
    startsAt: startsAt ?? appointment.starts_at,
    endsAt: startsAt
      ? new Date(startsAt.getTime() + (appointment.ends_at.getTime() - appointment.starts_at.getTime()))
      : appointment.ends_at,
    timeZone: appointment.time_zone,
    version: appointment.version,
    link: joinUrl(deps.config.publicUrl, appointment.id),
  };
}

/** "Add to my calendar": the appointment as an .ics file, cancelled if it was. Audited like a read. */
export async function calendarFile(deps: SchedulingDeps, actor: Actor, appointmentId: string, language: Language): Promise<string> {
  const appointment = await appointmentById(deps.db, appointmentId);
  if (!appointment) throw problem.notFound();
  return audited(
    deps,
    {
      actor,
      kind: 'read',
      action: 'appointment.read',
      resource: { type: 'Appointment', id: appointment.id },
      patientId: appointment.patient_id,
      authorize: () => appointmentRole(actor, appointment),
    },
    async (tx) => {
      const [names, organisations] = await Promise.all([
        accountNames(tx, [appointment.practitioner_account_id]),
        organisationNames(tx, [appointment.organisation_id]),
      ]);
      const live = ['booked', 'checked-in', 'in-progress', 'completed'].includes(appointment.status);
      return appointmentCalendar(factsOf(deps, appointment, names, organisations), language, !live);
    },
  );
}

/** The mobile number the account gives for text reminders (not health data, but theirs only). */
export async function readReminderContact(deps: SchedulingDeps, actor: Actor): Promise<{ mobile: string | null }> {
  return { mobile: await reminderMobile(deps.db, actor.accountId) };
}

export async function setReminderContact(deps: SchedulingDeps, actor: Actor, mobile: string | null): Promise<{ mobile: string | null }> {
  await saveReminderMobile(deps.db, actor.accountId, mobile);
  return { mobile };
}
