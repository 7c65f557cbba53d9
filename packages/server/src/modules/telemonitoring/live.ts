import type { EventBus } from '../../platform/events/index.js';
import { defineTopic, publishLive } from '../../platform/realtime/index.js';
import type { AlertChange } from './evaluation.js';

/**
 * The telemonitoring team of an organisation, live: its practitioners follow it from their
 * dashboard. Events carry ids and the level only; the pages read the rest through the routes,
 * under the care-relationship check and the audit.
 */
export const telemonitoringTopic = defineTopic({
  name: 'telemonitoring',
  params: ['organisationId'],
  authorize: (actor, { organisationId }) =>
    actor.isProfessional && actor.memberships.some((m) => m.organisationId === organisationId && m.role !== 'admin'),
});

export const LIVE_EVENTS = ['alert.raised', 'alert.changed'] as const;

/** Tells the connected team, on every node, that alerts changed. */
export function announceAlerts(bus: EventBus, changes: readonly AlertChange[]): void {
  for (const { alert, change } of changes) {
    publishLive(
      bus,
      telemonitoringTopic.topic({ organisationId: alert.organisation_id }),
      change === 'raised' ? 'alert.raised' : 'alert.changed',
      {
        alertId: alert.id,
        patientId: alert.patient_id,
        level: alert.level,
        change,
      },
    );
  }
}

/** A person acted on an alert (acknowledged, snoozed, resolved): the other screens of the team follow. */
export function announceAction(
  bus: EventBus,
  alert: { id: string; organisation_id: string; patient_id: string; level: string },
  action: string,
): void {
  publishLive(bus, telemonitoringTopic.topic({ organisationId: alert.organisation_id }), 'alert.changed', {
    alertId: alert.id,
    patientId: alert.patient_id,
    level: alert.level,
    change: action,
  });
}
