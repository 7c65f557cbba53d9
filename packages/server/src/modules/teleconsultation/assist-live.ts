import type { EventBus } from '../../platform/events/index.js';
import { defineTopic, publishLive } from '../../platform/realtime/index.js';
import { patientVisitsTopic } from './live.js';

/**
 * What happens on the patient's side of an assisted visit, live for its practitioner: an assistant
 * joined, a measurement was shared. Only the appointment's practitioner follows it (the topic names
 * them, and the events go only to the true pair); the events carry identifiers, and the page reads
 * the values through the audited route.
 */
export const visitAssistanceTopic = defineTopic({
  name: 'visit-assistance',
  params: ['appointmentId', 'practitionerId'],
  authorize: (actor, { practitionerId }) => actor.accountId === practitionerId,
});

export interface AssistanceParties {
  appointmentId: string;
  patientId: string;
  practitionerAccountId: string;
}

export function announceAssistant(bus: EventBus, parties: AssistanceParties, assistantId: string): void {
  const data = { appointmentId: parties.appointmentId, assistantId };
  publishLive(bus, topicOf(parties), 'assistant.changed', data);
  // The patient's pages name the assistant's video from the list they read again.
  publishLive(bus, patientVisitsTopic.topic({ patientId: parties.patientId }), 'visit.assistants', data);
}

export function announceMeasurement(bus: EventBus, parties: AssistanceParties, measurementId: string, kind: string): void {
  publishLive(bus, topicOf(parties), 'measurement.shared', { appointmentId: parties.appointmentId, measurementId, kind });
}

const topicOf = (parties: AssistanceParties) =>
  visitAssistanceTopic.topic({ appointmentId: parties.appointmentId, practitionerId: parties.practitionerAccountId });
