// Readings in: stored once per identifier (the database's unique key decides, whoever races),
// evaluated against the patient's plans in the same transaction, alerts kept, the team told.
// Many sendings — the single readings of a group commit, or one request's batch — go through the
// same statements at once: a round trip costs the same for one reading as for a thousand.
import type { Reading } from '@parcours/domain';
import { recordAuditMany } from '../../platform/audit/audit.js';
import { tokenHash } from '../../platform/auth/secrets.js';
import type { ServiceDeps } from '../../platform/context.js';
import { coalescedReader } from '../../platform/database/coalesce.js';
import type { Db, Tx } from '../../platform/database/database.js';
import { problem, type Problem } from '../../platform/http/problem.js';
import type { AlertChange } from './evaluation.js';
import { evaluatePatient, evaluationWindow } from './evaluation.js';
import { announceAlerts } from './live.js';
import {
  devicesByTokenHashes,
  insertReadingsOf,
  liveAlertsOf,
  lockLiveEnrolmentsOf,
  setInterpretationsOf,
  touchDevices,
  type EnrolmentRow,
} from './store.js';
import type { InterpretationCode, ReadingSource } from './tables.js';

export interface Stored {
  /** Identifiers new to the patient; the others were already there and changed nothing. */
  created: Set<string>;
  changes: AlertChange[];
  /** The interpretation of each new reading that is evidence of an alert (the others are N). */
  interpretations: Map<string, InterpretationCode>;
}

/** One sending: a request's readings, all about one patient, from one source. */
export interface Sending {
  patientId: string;
  readings: readonly Reading[];
  source: { kind: ReadingSource; deviceId: string | null };
}

const nothingStored = (): Stored => ({ created: new Set(), changes: [], interpretations: new Map() });

/** Inside the caller's transaction: one patient's readings, as storeSendings does; refused if the patient is not enrolled. */
export async function storeReadings(
  tx: Tx,
  deps: Pick<ServiceDeps, 'jobs'>,
  patientId: string,
  readings: readonly Reading[],
  source: { kind: ReadingSource; deviceId: string | null },
  now: Date,
): Promise<Stored> {
  const [stored] = (await storeSendings(tx, deps, [{ patientId, readings, source }], now)).results;
  if (stored instanceof Error) throw stored;
  return stored!;
}

/**
 * Inside the caller's transaction: the live enrolments of every patient locked (a patient's readings
 * are evaluated one transaction after another), the readings inserted, each plan evaluated on what is
 * stored, the new readings marked with their interpretation, mails of urgent alerts queued. Answers
 * each sending's outcome in order — a sending for a patient not enrolled is refused alone — and every
 * alert changed, once. Of sendings that bring the same identifier, the first is the one that created it.
 */
async function storeSendings(
  tx: Tx,
  deps: Pick<ServiceDeps, 'jobs'>,
  sendings: readonly Sending[],
  now: Date,
): Promise<{ results: (Stored | Problem)[]; changes: AlertChange[] }> {
  const enrolments = new Map<string, EnrolmentRow[]>();
  for (const enrolment of await lockLiveEnrolmentsOf(tx, [...new Set(sendings.map((s) => s.patientId))], now))
    enrolments.set(enrolment.patient_id, [...(enrolments.get(enrolment.patient_id) ?? []), enrolment]);
  const accepted = sendings.filter((s) => enrolments.has(s.patientId));
  const { created, windows } = await insertReadingsOf(
    tx,
    accepted.flatMap((s) =>
      s.readings.map((reading) => ({ patientId: s.patientId, reading, source: s.source.kind, deviceId: s.source.deviceId })),
    ),
    [...enrolments].map(([patientId, mine]) => ({ patientId, ...evaluationWindow(mine, now) })),
  );
  // Only a patient with a new reading is evaluated: a retry changes nothing.
  const evaluated = [...created.keys()];
  const live = await liveAlertsOf(
    tx,
    evaluated.flatMap((patientId) => enrolments.get(patientId)!.map((e) => e.id)),
  );
  const outcomes = new Map<string, { changes: AlertChange[]; interpretations: Map<string, InterpretationCode> }>();
  for (const patientId of evaluated) {
    const mine = enrolments.get(patientId)!;
    const ids = new Set(mine.map((e) => e.id));
    const { changes, interpretations } = await evaluatePatient(tx, patientId, mine, now, {
      readings: windows.get(patientId) ?? [],
      live: live.filter((alert) => ids.has(alert.enrolment_id)),
    });
    const fresh = created.get(patientId)!;
    const marked = new Map([...interpretations].filter(([identifier, code]) => fresh.has(identifier) && code !== 'N'));
    outcomes.set(patientId, { changes, interpretations: marked });
  }
  await setInterpretationsOf(
    tx,
    [...outcomes].flatMap(([patientId, { interpretations }]) =>
      [...interpretations].map(([identifier, code]) => ({ patientId, identifier, code })),
    ),
  );
  const changes = [...outcomes.values()].flatMap((o) => o.changes);
  for (const { alert, change } of changes) {
    if (alert.level === 'urgent' && (change === 'raised' || change === 'climbed'))
      await deps.jobs.send('telemonitoring.notify', { alertId: alert.id, reason: 'urgent' }, { tx });
  }
  // Claimed once: a second sending of the same identifier in this batch is a retry.
  const unclaimed = new Map([...created].map(([patientId, identifiers]) => [patientId, new Set(identifiers)]));
  const results = sendings.map((sending): Stored | Problem => {
    if (!enrolments.has(sending.patientId)) return problem.conflict('telemonitoring-not-enrolled');
    const outcome = outcomes.get(sending.patientId);
    if (!outcome) return nothingStored();
    const mine = unclaimed.get(sending.patientId)!;
    const claimed = new Set(sending.readings.map((r) => r.identifier).filter((identifier) => mine.delete(identifier)));
    return { created: claimed, changes: outcome.changes, interpretations: outcome.interpretations };
  });
  return { results, changes };
}

/** Live credentials by their token's hash; the lookups of concurrent requests go to the database together. */
const deviceByTokenHash = coalescedReader(devicesByTokenHashes, (device) => device.token_hash);

/** The credential a device sends as `Authorization: Bearer <token>`: live, and the patient it writes for. */
export async function deviceOf(db: Db, authorization: string | undefined) {
  const token = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(authorization ?? '')?.[1];
  const device = token ? await deviceByTokenHash(db, tokenHash(token)) : undefined;
  if (!device) throw problem.unauthorized('telemonitoring-device-token-invalid');
  return { id: device.id, patient_id: device.patient_id, enrolment_id: device.enrolment_id };
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

/** A device's request: its readings, and where it came from. */
export interface DeviceSending {
  device: { id: string; patient_id: string };
  readings: readonly Reading[];
  address: string;
}

/**
 * Inside the caller's transaction: devices' sendings stored, each for its device's patient alone,
 * and audited as the device's (no person acted: the entry names the credential). The caller tells
 * the team of the changes once committed.
 */
export async function storeDeviceSendings(
  tx: Tx,
  deps: Pick<ServiceDeps, 'jobs'>,
  sendings: readonly DeviceSending[],
  now: Date,
): Promise<{ results: (Stored | Problem)[]; changes: AlertChange[] }> {
  const stored = await storeSendings(
    tx,
    deps,
    sendings.map(({ device, readings }) => ({ patientId: device.patient_id, readings, source: { kind: 'device', deviceId: device.id } })),
    now,
  );
  const kept = sendings.filter((_, index) => !(stored.results[index] instanceof Error));
  await touchDevices(
    tx,
    [...new Set(kept.map((s) => s.device.id))].filter((id) => dueForTouch(id, now)),
    now,
  );
  await recordAuditMany(
    tx,
    kept.map(({ device, address }) => ({
      actor: null,
      role: 'device',
      action: 'telemonitoring.ingest',
      resource: { type: 'Device', id: device.id },
      patientId: device.patient_id,
      address,
    })),
  );
  return stored;
}

/** A device's readings in a transaction of their own (a batch is one already), the team told once committed. */
export async function ingestFromDevice(
  deps: ServiceDeps,
  device: { id: string; patient_id: string },
  readings: readonly Reading[],
  address: string,
  now = new Date(),
): Promise<Stored> {
  if (readings.length === 0) return nothingStored();
  const { results, changes } = await deps.db
    .transaction()
    .execute((tx) => storeDeviceSendings(tx, deps, [{ device, readings, address }], now));
  const [stored] = results;
  if (stored instanceof Error) throw stored;
  announceAlerts(deps.events, changes);
  return stored!;
}
