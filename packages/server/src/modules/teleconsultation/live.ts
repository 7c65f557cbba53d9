import { managesPatient } from '../../platform/auth/policy.js';
import type { EventBus } from '../../platform/events/index.js';
import { defineTopic, publishLive } from '../../platform/realtime/index.js';
import { MAX_SIGNAL_BYTES, parseSignal } from './signals.js';
import type { VisitState } from './tables.js';

/** What the bus and the pages hear of a visit: identifiers and its state, never the record. */
export interface VisitEvent {
  appointmentId: string;
  patientId: string;
  practitionerAccountId: string;
  state: VisitState;
}

declare module '../../platform/events/subjects.js' {
  interface EventSubjects {
    'teleconsultation.visit-changed': VisitEvent;
  }
}

export const VISIT_SUBJECTS = ['teleconsultation.visit-changed'];

/** A patient's visits, live: the waiting-room page follows the practitioner's admit, postpone or cancel. */
export const patientVisitsTopic = defineTopic({
  name: 'patient-visits',
  params: ['patientId'],
  authorize: (actor, { patientId }) => managesPatient(actor, patientId),
});

/** A practitioner's waiting room, live: who checked in, and what changed. Only they follow it. */
export const waitingRoomTopic = defineTopic({
  name: 'waiting-room',
  params: ['practitionerId'],
  authorize: (actor, { practitionerId }) => actor.accountId === practitionerId,
});

/**
 * A call's room: its peers relay WebRTC signaling to one another. Joined with a room token only
 * (issued to an admitted participant, bound to the appointment, the account and a few minutes),
 * never with a session alone. A mesh: four peers at most (patient, practitioner, an assisting
 * professional, a relative or an interpreter).
 */
export const roomTopic = defineTopic({
  name: 'room',
  params: ['appointmentId'],
  authorize: () => false,
  relay: { maxPeers: 4, maxMessageBytes: MAX_SIGNAL_BYTES, parse: parseSignal },
});

/** Tells the bus, the patient's page and the practitioner's waiting room (on any node) that a visit changed. */
export function announceVisit(bus: EventBus, event: VisitEvent): void {
  bus.publish('teleconsultation.visit-changed', event);
  const data = { appointmentId: event.appointmentId, state: event.state };
  publishLive(bus, patientVisitsTopic.topic({ patientId: event.patientId }), 'visit.changed', data);
  publishLive(bus, waitingRoomTopic.topic({ practitionerId: event.practitionerAccountId }), 'visit.changed', data);
}
