import type { EventBus } from '../../platform/events/index.js';
import { defineTopic, publishLive } from '../../platform/realtime/index.js';
import type { AppointmentStatus } from './tables.js';

/** What the bus says of an appointment's change: identifiers and times, never the record's content. */
export interface AppointmentEvent {
  appointmentId: string;
  patientId: string;
  practitionerAccountId: string;
  organisationId: string;
  startsAt: string;
  status: AppointmentStatus;
}

declare module '../../platform/events/subjects.js' {
  interface EventSubjects {
    'appointment.booked': AppointmentEvent;
    'appointment.rescheduled': AppointmentEvent & { previousStartsAt: string };
    'appointment.cancelled': AppointmentEvent;
    'appointment.status-changed': AppointmentEvent;
  }
}

export const APPOINTMENT_SUBJECTS = [
  'appointment.booked',
  'appointment.rescheduled',
  'appointment.cancelled',
  'appointment.status-changed',
];

/** A practitioner's agenda, live: only they follow it (their pages refetch what changed). */
export const agendaTopic = defineTopic({
  name: 'agenda',
  params: ['practitionerId'],
  authorize: (actor, { practitionerId }) => actor.accountId === practitionerId,
});

type Subject = 'appointment.booked' | 'appointment.rescheduled' | 'appointment.cancelled' | 'appointment.status-changed';

/** Tells the bus, and the practitioner's open agenda on any node, that an appointment changed. */
export function announce(bus: EventBus, subject: Subject, event: AppointmentEvent, previousStartsAt?: string): void {
  if (subject === 'appointment.rescheduled') bus.publish(subject, { ...event, previousStartsAt: previousStartsAt ?? event.startsAt });
  else bus.publish(subject, event);
  publishLive(bus, agendaTopic.topic({ practitionerId: event.practitionerAccountId }), subject, {
    appointmentId: event.appointmentId,
    startsAt: event.startsAt,
    status: event.status,
  });
}
