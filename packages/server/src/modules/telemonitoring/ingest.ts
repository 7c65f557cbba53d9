// Readings in: stored once per identifier (the database's unique key decides, whoever races),
// evaluated against the patient's plans in the same transaction, alerts kept, the team told.
import type { Reading } from '@parcours/domain';
import { recordAuditMany } from '../../platform/audit/audit.js';
import { tokenHash } from '../../platform/auth/secrets.js';
import type { ServiceDeps } from '../../platform/context.js';
import type { Db, Tx } from '../../platform/database/database.js';
import { problem } from '../../platform/http/problem.js';
import type { AlertChange } from './evaluation.js';
import { evaluatePatient, evaluationWindow } from './evaluation.js';
import { announceAlerts } from './live.js';
import { deviceByTokenHash, insertReadings, lockLiveEnrolments, setInterpretations, touchDevice } from './store.js';
import type { InterpretationCode, ReadingSource } from './tables.js';

export interface Stored {
  /** Identifiers new to the patient; the others were already there and changed nothing. */
  created: Set<string>;
  changes: AlertChange[];
  /** The interpretation of each new reading that is evidence of an alert (the others are N). */
  interpretations: Map<string, InterpretationCode>;
}

/**
 * Inside the caller's transaction: the patient's live enrolments locked (their readings are
 * evaluated one transaction after another), the readings inserted, the plans evaluated on what is
 * stored, the new readings marked with their interpretation, mails of urgent alerts queued.
 */
export async function storeReadings(
  tx: Tx,
  deps: Pick<ServiceDeps, 'jobs'>,
  patientId: string,
  readings: readonly Reading[],
  source: { kind: ReadingSource; deviceId: string | null },
  now: Date,
): Promise<Stored> {
  const enrolments = await lockLiveEnrolments(tx, patientId, now);
  if (enrolments.length === 0) throw problem.conflict('telemonitoring-not-enrolled');
  const { created, window } = await insertReadings(tx, patientId, readings, source, evaluationWindow(enrolments, now));
  if (created.size === 0) return { created, changes: [], interpretations: new Map() };
  const { changes, interpretations } = await evaluatePatient(tx, patientId, enrolments, now, window);
  const marked = new Map([...interpretations].filter(([identifier, code]) => created.has(identifier) && code !== 'N'));
  await setInterpretations(tx, patientId, marked);
  for (const { alert, change } of changes) {
    if (alert.level === 'urgent' && (change === 'raised' || change === 'climbed'))
      await deps.jobs.send('telemonitoring.notify', { alertId: alert.id, reason: 'urgent' }, { tx });
  }
  return { created, changes, interpretations: marked };
}

/** The credential a device sends as `Authorization: Bearer <token>`: live, and the patient it writes for. */
export async function deviceOf(db: Db, authorization: string | undefined) {
  const token = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(authorization ?? '')?.[1];
  const device = token ? await deviceByTokenHash(db, tokenHash(token)) : undefined;
  if (!device) throw problem.unauthorized('telemonitoring-device-token-invalid');
  return device;
}

/** When this node last noted each credential's use: a busy device costs no write per reading. */
const lastTouched = new Map<string, number>();
function dueForTouch(deviceId: string, now: Date): boolean {
  const last = lastTouched.get(deviceId);
  if (last !== undefined && now.getTime() - last < 60_000) return false;
  if (lastTouched.size > 100_000) lastTouched.clear();
  lastTouched.set(deviceId, now.getTime());
  return true;
}

/**
 * A device's readings: stored for its patient alone, audited as the device's (no person acted:
 * the entry names the credential), the team told once committed.
 */
export async function ingestFromDevice(
  deps: ServiceDeps,
  device: { id: string; patient_id: string },
  readings: readonly Reading[],
  address: string,
  now = new Date(),
): Promise<Stored> {
  if (readings.length === 0) return { created: new Set(), changes: [], interpretations: new Map() };
  const stored = await deps.db.transaction().execute(async (tx) => {
    const result = await storeReadings(tx, deps, device.patient_id, readings, { kind: 'device', deviceId: device.id }, now);
    if (dueForTouch(device.id, now)) await touchDevice(tx, device.id, now);
    await recordAuditMany(tx, [
      {
        actor: null,
        role: 'device',
        action: 'telemonitoring.ingest',
        resource: { type: 'Device', id: device.id },
        patientId: device.patient_id,
        address,
      },
    ]);
    return result;
  });
  announceAlerts(deps.events, stored.changes);
  return stored;
}
