// Measurements an assistant shares in the call (temperature, blood pressure, heart rate, SpO₂,
// weight, glucose), typed in or read from a Bluetooth device: checked and converted by the domain's
// reading rules, stored as a FHIR Observation in the patient's record, audited, and announced live
// to the practitioner, who reads them through the audited route.
import { randomUUID } from 'node:crypto';
import { normaliseReading, readingToObservation, type Reading, type ReadingInput } from '@parcours/domain';
import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import { audited, recordAuditMany } from '../../platform/audit/audit.js';
import type { Language } from '../../platform/http/language.js';
import { problem } from '../../platform/http/problem.js';
import { appointmentParties } from '../scheduling/service.js';
import { announceMeasurement } from './assist-live.js';
import type { Measurement, MeasurementRequest } from './assist-schemas.js';
import { assistantsOf, insertMeasurement, measurementsOf, type AssistantRow, type MeasurementRow } from './assist-store.js';
import type { MeasurementKind } from './assist-tables.js';
import { assistantAuditEntry } from './invitations.js';
import { visitById } from './store.js';
import { participation, type TeleconsultationDeps } from './visits.js';

type MeasurementView = z.infer<typeof Measurement>;

/** How the Observation names who measured: their name and, for a professional, their profession. */
const performerOf = (assistant: AssistantRow) =>
  assistant.profession ? `${assistant.name ?? ''} (${assistant.profession})` : `${assistant.name ?? ''} (${assistant.kind})`;

function viewOf(row: MeasurementRow, assistant: Pick<AssistantRow, 'id' | 'name' | 'profession'> | undefined): MeasurementView {
  return {
    id: row.id,
    kind: row.kind,
    value: row.value,
    systolic: row.systolic,
    diastolic: row.diastolic,
    unit: row.unit,
    source: row.source,
    effectiveAt: row.effective_at.toISOString(),
    sharedAt: row.created_at.toISOString(),
    assistant: { id: row.assistant_id, name: assistant?.name ?? '', profession: assistant?.profession ?? null },
    observation: row.observation as Record<string, unknown>,
  };
}

/**
 * The assistant shares a measurement while the call is on: the value checked against its kind's
 * possible range in its unit (a problem naming the field otherwise), stored once per identifier,
 * with its Observation, audited in the same transaction, then announced to the practitioner.
 */
export async function shareMeasurement(
  deps: TeleconsultationDeps,
  assistant: AssistantRow,
  request: z.infer<typeof MeasurementRequest>,
  language: Language,
  address: string,
  now = new Date(),
): Promise<{ measurement: MeasurementView; created: boolean }> {
  const visit = await visitById(deps.db, assistant.appointment_id);
  if (visit?.state !== 'admitted') throw problem.conflict('not-admitted');
  const common = {
    identifier: `urn:uuid:${assistant.id}|${request.identifier}`,
    effective: request.effective ?? now.toISOString(),
    unit: request.unit,
  };
  const input: ReadingInput =
    request.kind === 'bloodPressure'
      ? { kind: 'bloodPressure', ...common, systolic: request.systolic, diastolic: request.diastolic }
      : { kind: request.kind, ...common, value: request.value };
  const parsed = normaliseReading(input, { now });
  if (!parsed.ok)
    throw problem.validation(parsed.issues.map((issue) => ({ field: issue.path, code: issue.code, message: issue.message[language] })));
  const reading: Reading = parsed.reading;
  const id = randomUUID();
  const observation = {
    ...readingToObservation(reading, { reference: `Patient/${assistant.patient_id}` }),
    id,
    encounter: { reference: `Encounter/${assistant.appointment_id}` },
    performer: [{ display: performerOf(assistant) }],
    issued: now.toISOString(),
    ...(request.source === 'bluetooth' ? { device: { display: request.device ?? 'Bluetooth GATT' } } : {}),
  };
  const stored = await deps.db.transaction().execute(async (tx) => {
    const result = await insertMeasurement(tx, {
      id,
      appointment_id: assistant.appointment_id,
      patient_id: assistant.patient_id,
      assistant_id: assistant.id,
      identifier: request.identifier,
      kind: reading.kind as MeasurementKind,
      value: reading.kind === 'bloodPressure' ? null : reading.value,
      systolic: reading.kind === 'bloodPressure' ? reading.systolic : null,
      diastolic: reading.kind === 'bloodPressure' ? reading.diastolic : null,
      unit: reading.unit,
      source: request.source,
      effective_at: new Date(reading.at),
      observation: JSON.stringify(observation),
    });
    if (result.created)
      await recordAuditMany(tx, [
        assistantAuditEntry(assistant, address, 'teleconsultation.measurement', { type: 'Observation', id: result.row.id }),
      ]);
    return result;
  });
  if (stored.created) {
    const parties = await appointmentParties(deps.db, assistant.appointment_id);
    if (parties) announceMeasurement(deps.events, parties, stored.row.id, stored.row.kind);
  }
  return { measurement: viewOf(stored.row, assistant), created: stored.created };
}

/** What the assistant shared in this visit (their page lists it back). Audited as the assistant's read. */
export async function ownMeasurements(deps: TeleconsultationDeps, assistant: AssistantRow, address: string): Promise<MeasurementView[]> {
  const views = (await measurementsOf(deps.db, assistant.appointment_id, assistant.id)).map((row) => viewOf(row, assistant));
  await deps.audit.record(assistantAuditEntry(assistant, address, 'teleconsultation.measurements', { type: 'Observation' }));
  return views;
}

/** The measurements shared in a visit, for its practitioner and its patient's side. Audited. */
export async function visitMeasurements(deps: TeleconsultationDeps, actor: Actor, appointmentId: string): Promise<MeasurementView[]> {
  const { parties, role } = await participation(deps.db, actor, appointmentId);
  return audited(
    deps,
    {
      actor,
      kind: 'read',
      action: 'teleconsultation.measurements',
      resource: { type: 'Observation' },
      patientId: parties.patientId,
      authorize: () => role,
    },
    async (db) => {
      const assistants = new Map((await assistantsOf(db, appointmentId)).map((a) => [a.id, a]));
      return (await measurementsOf(db, appointmentId)).map((row) => viewOf(row, assistants.get(row.assistant_id)));
    },
  );
}
