// The scheduled checks (a durable recurring job): alerts no reading raises — missing data against
// the cadence, windows that closed — and escalation of alerts nobody acknowledged in time.
import { isEscalationDue } from '@parcours/domain';
import { recordAuditMany } from '../../platform/audit/audit.js';
import type { ServiceDeps } from '../../platform/context.js';
import { evaluatePatient, type AlertChange } from './evaluation.js';
import { announceAction, announceAlerts } from './live.js';
import { alertsToEscalate, lockLiveEnrolments, markEscalated, patientsMonitored } from './store.js';
import { openAlertOf } from './views.js';

const PAGE = 200;

/** Evaluates every monitored patient at `now`, one short transaction each. Answers the alerts changed. */
export async function evaluateEveryone(deps: ServiceDeps, now = new Date()): Promise<AlertChange[]> {
  const all: AlertChange[] = [];
  let after: string | null = null;
  for (;;) {
    const patients = await patientsMonitored(deps.db, after, PAGE, now);
    for (const patientId of patients) {
      const changes = await deps.db.transaction().execute(async (tx) => {
        const enrolments = await lockLiveEnrolments(tx, patientId, now);
        if (enrolments.length === 0) return [];
        const { changes } = await evaluatePatient(tx, patientId, enrolments, now);
        for (const { alert, change } of changes) {
          if (alert.level === 'urgent' && (change === 'raised' || change === 'climbed'))
            await deps.jobs.send('telemonitoring.notify', { alertId: alert.id, reason: 'urgent' }, { tx });
        }
        // Parcours itself read the readings and changed the alerts: the trail says so.
        if (changes.length)
          await recordAuditMany(tx, [{ actor: null, action: 'telemonitoring.evaluate', resource: { type: 'Flag' }, patientId }]);
        return changes;
      });
      announceAlerts(deps.events, changes);
      all.push(...changes);
    }
    if (patients.length < PAGE) return all;
    after = patients.at(-1)!;
  }
}

/** Marks as escalated the alerts past their delay, unacknowledged and not snoozed; mails the operator and prescriber. */
export async function escalateOverdue(deps: ServiceDeps, now = new Date()): Promise<string[]> {
  const escalated: string[] = [];
  for (const row of await alertsToEscalate(deps.db, ['warning', 'urgent'], 1_000)) {
    const due = isEscalationDue(openAlertOf(row), { levelSince: row.level_since, ...(row.snooze ? { snooze: row.snooze } : {}) }, now);
    if (!due) continue;
    await deps.db.transaction().execute(async (tx) => {
      await markEscalated(tx, row.id, now);
      await deps.jobs.send('telemonitoring.notify', { alertId: row.id, reason: 'escalated' }, { tx });
    });
    announceAction(deps.events, row, 'escalated');
    escalated.push(row.id);
  }
  return escalated;
}
