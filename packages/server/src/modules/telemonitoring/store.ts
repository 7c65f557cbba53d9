import type { AlertLevel, Indication, OpenAlert, Reading, ReadingKind, Snooze } from '@parcours/domain';
import { sql } from 'kysely';
import { scoped, type Db } from '../../platform/database/database.js';
import { prepared } from '../../platform/database/prepared.js';
import type { InterpretationCode, OperatorKind, ReadingSource, TelemonitoringLevel, TelemonitoringTables } from './tables.js';

/** The database seen from this module: its own tables only. */
const telemonitoringDb = (db: Db) => scoped<TelemonitoringTables>(db);

export type EnrolmentRow = Awaited<ReturnType<typeof enrolmentById>> & object;
export type AlertRow = TelemonitoringTables['telemonitoring_alerts'] & { id: string; status: string; created_at: Date; updated_at: Date };
export type DeviceRow = Awaited<ReturnType<typeof devicesOfPatient>>[number];

// ——— Enrolments ———

/** A new enrolment, or undefined when the patient already has a live one in this programme (the unique index decides). */
export function insertEnrolment(
  db: Db,
  enrolment: {
    patientId: string;
    organisationId: string;
    programme: Indication;
    prescriberId: string;
    operatorId: string;
    startsAt: Date;
    endsAt: Date;
    overrides: unknown;
    level?: TelemonitoringLevel;
    operatorKind?: OperatorKind;
    arsDeclaration?: string | null;
    patientInformedAt?: Date | null;
    eligibility?: unknown;
  },
) {
  return telemonitoringDb(db)
    .insertInto('telemonitoring_enrolments')
    .values({
      patient_id: enrolment.patientId,
      organisation_id: enrolment.organisationId,
      programme: enrolment.programme,
      prescriber_account_id: enrolment.prescriberId,
      operator_account_id: enrolment.operatorId,
      starts_at: enrolment.startsAt,
      ends_at: enrolment.endsAt,
      overrides: JSON.stringify(enrolment.overrides),
      ended_at: null,
      level: enrolment.level ?? 'standard',
      operator_kind: enrolment.operatorKind ?? 'doctor',
      ars_declaration: enrolment.arsDeclaration ?? null,
      patient_informed_at: enrolment.patientInformedAt ?? null,
      eligibility: enrolment.eligibility === undefined ? null : JSON.stringify(enrolment.eligibility),
    })
    .onConflict((oc) => oc.columns(['patient_id', 'programme']).where('ended_at', 'is', null).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export function enrolmentById(db: Db, id: string) {
  return telemonitoringDb(db).selectFrom('telemonitoring_enrolments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A patient's enrolments, live first, then the latest. */
export function enrolmentsOfPatient(db: Db, patientId: string) {
  return telemonitoringDb(db)
    .selectFrom('telemonitoring_enrolments')
    .selectAll()
    .where('patient_id', '=', patientId)
    .orderBy(sql`ended_at is null`, 'desc')
    .orderBy('starts_at', 'desc')
    .limit(50)
    .execute();
}

/**
 * The patient's live enrolments, locked until the transaction ends: readings of one patient are
 * evaluated one transaction after another, so that each evaluation sees the readings of the others.
 */
export function lockLiveEnrolments(db: Db, patientId: string, now: Date) {
  return lockLiveEnrolmentsOf(db, [patientId], now);
}

/** The live enrolments of these patients, locked as lockLiveEnrolments does; in id order, so that two batches never deadlock. */
export function lockLiveEnrolmentsOf(db: Db, patientIds: readonly string[], now: Date) {
  if (patientIds.length === 0) return Promise.resolve([]);
  return (
    telemonitoringDb(db)
      .selectFrom('telemonitoring_enrolments')
      .modifyFront(prepared)
      .selectAll()
      // One array parameter, not a list: the same statement text (prepared once) whatever the batch.
      .where(sql<boolean>`patient_id = any(${[...patientIds]}::uuid[])`)
      .where('ended_at', 'is', null)
      .where('starts_at', '<=', now)
      .where('ends_at', '>', now)
      .orderBy('id')
      .forUpdate()
      .execute()
  );
}

/** Live enrolments of these organisations (a practitioner's dashboard, before the care check). */
export function liveEnrolmentsIn(db: Db, organisationIds: string[], now: Date) {
  if (organisationIds.length === 0) return Promise.resolve([]);
  return telemonitoringDb(db)
    .selectFrom('telemonitoring_enrolments')
    .selectAll()
    .where('organisation_id', 'in', organisationIds)
    .where('ended_at', 'is', null)
    .where('ends_at', '>', now)
    .orderBy('starts_at')
    .limit(2_000)
    .execute();
}

/** Enrolments of these organisations that ran for some of [from, to) (a month's report). */
export function enrolmentsDuring(db: Db, organisationIds: string[], from: Date, to: Date) {
  if (organisationIds.length === 0) return Promise.resolve([]);
  return telemonitoringDb(db)
    .selectFrom('telemonitoring_enrolments')
    .selectAll()
    .where('organisation_id', 'in', organisationIds)
    .where('starts_at', '<', to)
    .where((eb) => eb(eb.fn.coalesce('ended_at', 'ends_at'), '>', from))
    .orderBy('starts_at')
    .limit(5_000)
    .execute();
}

/** These patients' readings of [from, to), oldest first (a month's transmissions). */
export function readingsBetween(db: Db, patientIds: string[], from: Date, to: Date) {
  if (patientIds.length === 0) return Promise.resolve([]);
  return telemonitoringDb(db)
    .selectFrom('telemonitoring_readings')
    .select(['patient_id', 'identifier', 'kind', 'value', 'systolic', 'diastolic', 'unit', 'effective', 'effective_at'])
    .where('patient_id', 'in', patientIds)
    .where('effective_at', '>=', from)
    .where('effective_at', '<', to)
    .orderBy('effective_at')
    .execute();
}

/** The patients with a live enrolment, a page at a time in id order (the scheduled checks). */
export async function patientsMonitored(db: Db, after: string | null, limit: number, now: Date): Promise<string[]> {
  const rows = await telemonitoringDb(db)
    .selectFrom('telemonitoring_enrolments')
    .select('patient_id')
    .distinct()
    .where('ended_at', 'is', null)
    .where('starts_at', '<=', now)
    .where('ends_at', '>', now)
    .$if(after !== null, (q) => q.where('patient_id', '>', after!))
    .orderBy('patient_id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.patient_id);
}

export async function setOverrides(db: Db, enrolmentId: string, overrides: unknown) {
  await telemonitoringDb(db)
    .updateTable('telemonitoring_enrolments')
    .set({ overrides: JSON.stringify(overrides) })
    .where('id', '=', enrolmentId)
    .execute();
}

// ——— Device credentials ———

export function insertDevice(
  db: Db,
  device: { enrolmentId: string; patientId: string; label: string; tokenHash: string; createdBy: string },
) {
  return telemonitoringDb(db)
    .insertInto('telemonitoring_devices')
    .values({
      enrolment_id: device.enrolmentId,
      patient_id: device.patientId,
      label: device.label,
      token_hash: device.tokenHash,
      created_by_account_id: device.createdBy,
      revoked_at: null,
      last_used_at: null,
    })
    .returning(['id', 'enrolment_id', 'label', 'created_at', 'revoked_at', 'last_used_at'])
    .executeTakeFirstOrThrow();
}

export function devicesOfPatient(db: Db, patientId: string) {
  return telemonitoringDb(db)
    .selectFrom('telemonitoring_devices')
    .select(['id', 'enrolment_id', 'label', 'created_at', 'revoked_at', 'last_used_at'])
    .where('patient_id', '=', patientId)
    .orderBy('created_at', 'desc')
    .limit(100)
    .execute();
}

/** The live credentials with these tokens' hashes, and the patient each writes for. */
export function devicesByTokenHashes(db: Db, tokenHashes: readonly string[]) {
  if (tokenHashes.length === 0) return Promise.resolve([]);
  return telemonitoringDb(db)
    .selectFrom('telemonitoring_devices')
    .modifyFront(prepared)
    .select(['id', 'patient_id', 'enrolment_id', 'token_hash'])
    .where(sql<boolean>`token_hash = any(${[...tokenHashes]}::text[])`)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Revokes a credential of the patient's (once: a second revocation keeps the first time). */
export function revokeDevice(db: Db, patientId: string, deviceId: string, now: Date) {
  return telemonitoringDb(db)
    .updateTable('telemonitoring_devices')
    .set({ revoked_at: sql<Date>`coalesce(revoked_at, ${now})` })
    .where('id', '=', deviceId)
    .where('patient_id', '=', patientId)
    .returning(['id', 'enrolment_id', 'label', 'created_at', 'revoked_at', 'last_used_at'])
    .executeTakeFirst();
}

/** Notes when credentials were last used, at most once a minute each (a write per reading would cost). */
export async function touchDevices(db: Db, deviceIds: readonly string[], now: Date) {
  if (deviceIds.length === 0) return;
  await telemonitoringDb(db)
    .updateTable('telemonitoring_devices')
    .set({ last_used_at: now })
    .where('id', 'in', [...deviceIds])
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', new Date(now.getTime() - 60_000))]))
    .execute();
}

// ——— Readings ———

/** A reading to store, with the patient it is about and where it came from. */
export interface NewReading {
  patientId: string;
  reading: Reading;
  source: ReadingSource;
  deviceId: string | null;
}

/** What a patient's plans read: these kinds since `since`, and the latest older reading of a kind the window lacks. */
export interface ReadingWindow {
  patientId: string;
  kinds: readonly ReadingKind[];
  since: Date;
}

/** A single patient's readings, stored as insertReadingsOf does. */
export async function insertReadings(
  db: Db,
  patientId: string,
  readings: readonly Reading[],
  source: { kind: ReadingSource; deviceId: string | null },
  window: { kinds: readonly ReadingKind[]; since: Date } = { kinds: [], since: new Date() },
): Promise<{ created: Set<string>; window: Reading[] }> {
  const stored = await insertReadingsOf(
    db,
    readings.map((reading) => ({ patientId, reading, source: source.kind, deviceId: source.deviceId })),
    [{ patientId, ...window }],
  );
  return { created: stored.created.get(patientId) ?? new Set(), window: stored.windows.get(patientId) ?? [] };
}

/** Readings of one kind a window holds at most (a glucose sensor's fortnight is some 4,000): the latest are kept. */
const MAX_WINDOW_READINGS = 20_000;

/**
 * Stores the readings of many patients in one statement; a reading whose identifier its patient
 * already has is left as it was. Answers, per patient, the identifiers actually inserted and, in the
 * same statement, what its plans evaluate (see ReadingWindow), the stored readings and the new,
 * oldest first. The rows go in as one JSON parameter and the inserted ones come back as identifiers
 * alone unless the window wants them: on a batch of a thousand, encoding arrays element by element
 * and decoding every returned date cost the node more than the statement costs the database.
 */
export async function insertReadingsOf(
  db: Db,
  readings: readonly NewReading[],
  windows: readonly ReadingWindow[],
): Promise<{ created: Map<string, Set<string>>; windows: Map<string, Reading[]> }> {
  const created = new Map<string, Set<string>>();
  const found = new Map<string, Reading[]>(windows.map((w) => [w.patientId, []]));
  if (readings.length === 0) return { created, windows: found };
  const rows = readings.map(({ patientId, reading, source, deviceId }) => ({
    patient_id: patientId,
    identifier: reading.identifier,
    kind: reading.kind,
    value: reading.kind === 'bloodPressure' ? null : reading.value,
    systolic: reading.kind === 'bloodPressure' ? reading.systolic : null,
    diastolic: reading.kind === 'bloodPressure' ? reading.diastolic : null,
    unit: reading.unit,
    effective: reading.effective,
    effective_at: new Date(reading.at).toISOString(),
    source,
    device_id: deviceId,
  }));
  // One row per patient and kind: the index (patient_id, kind, effective_at) answers each.
  const probes = windows.flatMap((w) => w.kinds.map((kind) => ({ patient_id: w.patientId, kind, since: w.since.toISOString() })));
  // The outer selects do not see the rows the insert adds (one snapshot): they join them from `added`.
  // A window comes back as one JSON array per patient and kind, each reading an array of its fields
  // and its instant in epoch milliseconds: JSON.parse reads a window of hundreds of readings at
  // once, where rows would be decoded field by field and every date parsed from text.
  const { rows: returned } = await sql<{ patient_id: string; added: string[] | null; readings: WindowTuple[] | null }>`${prepared}
    with added as (
      insert into telemonitoring_readings
        (patient_id, identifier, kind, value, systolic, diastolic, unit, effective, effective_at, source, device_id, interpretation)
      select r.patient_id, r.identifier, r.kind, r.value, r.systolic, r.diastolic, r.unit, r.effective, r.effective_at,
             r.source, r.device_id, 'N'
      from json_to_recordset(${JSON.stringify(rows)}::json) as r(
        patient_id uuid, identifier text, kind text, value float8, systolic float8, diastolic float8, unit text,
        effective text, effective_at timestamptz, source text, device_id uuid)
      on conflict (patient_id, identifier) do nothing
      returning patient_id, identifier, kind, value, systolic, diastolic, unit, effective, effective_at
    ),
    probe as (
      select * from json_to_recordset(${JSON.stringify(probes)}::json) as p(patient_id uuid, kind text, since timestamptz)
    )
    select a.patient_id, json_agg(a.identifier) as added, null::json as readings
    from added a group by a.patient_id
    union all
    select p.patient_id, null, coalesce(w.readings, (
      -- The window holds no reading of this kind: the latest before it, stored or just added (the
      -- missing-data rule counts from it).
      select json_build_array(json_build_array(l.identifier, l.kind, l.value, l.systolic, l.diastolic, l.unit, l.effective,
               (extract(epoch from l.effective_at) * 1000)::bigint))
      from (
        (select r.identifier, r.kind, r.value, r.systolic, r.diastolic, r.unit, r.effective, r.effective_at
         from telemonitoring_readings r where r.patient_id = p.patient_id and r.kind = p.kind and r.effective_at < p.since
         order by r.effective_at desc limit 1)
        union all
        (select a.identifier, a.kind, a.value, a.systolic, a.diastolic, a.unit, a.effective, a.effective_at
         from added a where a.patient_id = p.patient_id and a.kind = p.kind and a.effective_at < p.since
         order by a.effective_at desc limit 1)
      ) l order by l.effective_at desc limit 1))
    from probe p cross join lateral (
      select json_agg(json_build_array(x.identifier, x.kind, x.value, x.systolic, x.diastolic, x.unit, x.effective,
               (extract(epoch from x.effective_at) * 1000)::bigint)) as readings
      from (
        -- Per probe, through the index: the planner, blind to how few probes the JSON holds, would
        -- rather hash the whole table (the limit keeps it from flattening this into a join).
        (select r.identifier, r.kind, r.value, r.systolic, r.diastolic, r.unit, r.effective, r.effective_at
         from telemonitoring_readings r where r.patient_id = p.patient_id and r.kind = p.kind and r.effective_at >= p.since
         order by r.effective_at desc limit ${MAX_WINDOW_READINGS})
        union all
        select a.identifier, a.kind, a.value, a.systolic, a.diastolic, a.unit, a.effective, a.effective_at
        from added a where a.patient_id = p.patient_id and a.kind = p.kind and a.effective_at >= p.since
      ) x
    ) w`.execute(db);
  for (const row of returned) {
    if (row.added) created.set(row.patient_id, new Set(row.added));
    else if (row.readings) found.get(row.patient_id)?.push(...row.readings.map(readingOfTuple));
  }
  // Oldest first, whatever the kind.
  for (const list of found.values()) list.sort((a, b) => a.at - b.at);
  return { created, windows: found };
}

/** A reading as a window's JSON brings it: identifier, kind, value, systolic, diastolic, unit, effective, epoch ms. */
type WindowTuple = [string, ReadingKind, number | null, number | null, number | null, string, string, number];

function readingOfTuple([identifier, kind, value, systolic, diastolic, unit, effective, at]: WindowTuple): Reading {
  if (kind === 'bloodPressure') return { identifier, effective, at, kind, systolic: systolic!, diastolic: diastolic!, unit: 'mm[Hg]' };
  return { identifier, effective, at, kind, value: value!, unit } as Reading;
}

/** Marks readings with the interpretation of the alert they are evidence for. */
export async function setInterpretations(db: Db, patientId: string, codes: Map<string, InterpretationCode>): Promise<void> {
  await setInterpretationsOf(
    db,
    [...codes].map(([identifier, code]) => ({ patientId, identifier, code })),
  );
}

/** The same, for readings of many patients, in one statement. */
export async function setInterpretationsOf(
  db: Db,
  marks: readonly { patientId: string; identifier: string; code: InterpretationCode }[],
): Promise<void> {
  if (marks.length === 0) return;
  await sql`${prepared}
    update telemonitoring_readings r set interpretation = v.code
    from unnest(${marks.map((m) => m.patientId)}::uuid[], ${marks.map((m) => m.identifier)}::text[], ${marks.map((m) => m.code)}::text[])
      as v(patient_id, identifier, code)
    where r.patient_id = v.patient_id and r.identifier = v.identifier`.execute(db);
}

type ReadingRow = TelemonitoringTables['telemonitoring_readings'] & { id: string; received_at: Date };

/** A stored reading as the domain sees it. */
export function readingOf(
  row: Pick<ReadingRow, 'identifier' | 'kind' | 'value' | 'systolic' | 'diastolic' | 'unit' | 'effective' | 'effective_at'>,
): Reading {
  const base = { identifier: row.identifier, effective: row.effective, at: row.effective_at.getTime() };
  if (row.kind === 'bloodPressure')
    return { ...base, kind: 'bloodPressure', systolic: row.systolic!, diastolic: row.diastolic!, unit: 'mm[Hg]' };
  return { ...base, kind: row.kind, value: row.value!, unit: row.unit };
}

/** The patient's readings of these kinds since an instant, oldest first. */
export function readingsSince(db: Db, patientId: string, kinds: readonly ReadingKind[], since: Date, limit = 20_000) {
  if (kinds.length === 0) return Promise.resolve([]);
  return telemonitoringDb(db)
    .selectFrom('telemonitoring_readings')
    .select(['identifier', 'kind', 'value', 'systolic', 'diastolic', 'unit', 'effective', 'effective_at', 'interpretation', 'source'])
    .where('patient_id', '=', patientId)
    .where('kind', 'in', [...kinds])
    .where('effective_at', '>=', since)
    .orderBy('effective_at')
    .limit(limit)
    .execute();
}

/** The latest reading of each of these kinds, however old (the missing-data rule counts from it). */
export function latestReadings(db: Db, patientId: string, kinds: readonly ReadingKind[]) {
  if (kinds.length === 0) return Promise.resolve([]);
  return telemonitoringDb(db)
    .selectFrom('telemonitoring_readings')
    .select(['identifier', 'kind', 'value', 'systolic', 'diastolic', 'unit', 'effective', 'effective_at'])
    .distinctOn('kind')
    .where('patient_id', '=', patientId)
    .where('kind', 'in', [...kinds])
    .orderBy('kind')
    .orderBy('effective_at', 'desc')
    .execute();
}

/** When each patient's latest reading came (the dashboard). */
export async function lastReadingTimes(db: Db, patientIds: string[]): Promise<Map<string, Date>> {
  if (patientIds.length === 0) return new Map();
  const rows = await telemonitoringDb(db)
    .selectFrom('telemonitoring_readings')
    .select(['patient_id', (eb) => eb.fn.max('effective_at').as('at')])
    .where('patient_id', 'in', patientIds)
    .groupBy('patient_id')
    .execute();
  return new Map(rows.map((r) => [r.patient_id, r.at as Date]));
}

// ——— Alerts ———

export function liveAlertsOf(db: Db, enrolmentIds: string[]) {
  if (enrolmentIds.length === 0) return Promise.resolve([] as AlertRow[]);
  return telemonitoringDb(db)
    .selectFrom('telemonitoring_alerts')
    .modifyFront(prepared)
    .selectAll()
    .where(sql<boolean>`enrolment_id = any(${enrolmentIds}::uuid[])`)
    .where('status', '<>', 'resolved')
    .execute() as Promise<AlertRow[]>;
}

/** The latest resolved alert of each rule of an enrolment: a rule reopens only on newer evidence. */
export function lastResolvedOf(db: Db, enrolmentId: string, ruleIds: string[]) {
  if (ruleIds.length === 0) return Promise.resolve([]);
  return telemonitoringDb(db)
    .selectFrom('telemonitoring_alerts')
    .select(['rule_id', 'rule_type', 'since', 'last_evidence_at'])
    .distinctOn('rule_id')
    .where('enrolment_id', '=', enrolmentId)
    .where('rule_id', 'in', ruleIds)
    .where('status', '=', 'resolved')
    .orderBy('rule_id')
    .orderBy('resolved_at', 'desc')
    .execute();
}

export function insertAlert(db: Db, enrolment: { id: string; patient_id: string; organisation_id: string }, alert: OpenAlert, now: Date) {
  return telemonitoringDb(db)
    .insertInto('telemonitoring_alerts')
    .values({
      enrolment_id: enrolment.id,
      patient_id: enrolment.patient_id,
      organisation_id: enrolment.organisation_id,
      ...alertFields(alert),
      level_since: now,
      snooze: null,
      acknowledged_at: null,
      acknowledged_by_account_id: null,
      resolved_at: null,
      resolved_by_account_id: null,
      resolution_note: null,
      escalated_at: null,
      notified_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow() as Promise<AlertRow>;
}

function alertFields(alert: OpenAlert) {
  return {
    rule_id: alert.ruleId,
    rule_type: alert.ruleType,
    reason: alert.reason,
    level: alert.level,
    direction: alert.direction ?? null,
    since: new Date(alert.since),
    last_evidence_at: new Date(alert.lastEvidenceAt),
    observed: alert.observed ?? null,
    message: JSON.stringify(alert.message) as unknown as { fr: string; en: string },
    evidence: alert.evidence,
  };
}

/** The open alert of a rule, with the engine's latest account of it; a higher level reopens it and restarts escalation. */
export function updateAlert(db: Db, id: string, alert: OpenAlert, now: Date, climbed: boolean) {
  return telemonitoringDb(db)
    .updateTable('telemonitoring_alerts')
    .set({
      ...alertFields(alert),
      updated_at: now,
      ...(climbed ? { level_since: now, status: 'open' as const, escalated_at: null, notified_at: null } : {}),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow() as Promise<AlertRow>;
}

export function alertOfPatient(db: Db, patientId: string, alertId: string) {
  return telemonitoringDb(db)
    .selectFrom('telemonitoring_alerts')
    .selectAll()
    .where('id', '=', alertId)
    .where('patient_id', '=', patientId)
    .executeTakeFirst() as Promise<AlertRow | undefined>;
}

export function alertById(db: Db, alertId: string) {
  return telemonitoringDb(db).selectFrom('telemonitoring_alerts').selectAll().where('id', '=', alertId).executeTakeFirst() as Promise<
    AlertRow | undefined
  >;
}

export function alertsOfPatient(db: Db, patientId: string, since: Date) {
  return telemonitoringDb(db)
    .selectFrom('telemonitoring_alerts')
    .selectAll()
    .where('patient_id', '=', patientId)
    .where((eb) => eb.or([eb('status', '<>', 'resolved'), eb('resolved_at', '>=', since)]))
    .orderBy('created_at', 'desc')
    .limit(500)
    .execute() as Promise<AlertRow[]>;
}

export function acknowledgeAlert(db: Db, id: string, accountId: string, now: Date) {
  return telemonitoringDb(db)
    .updateTable('telemonitoring_alerts')
    .set({ status: 'acknowledged', acknowledged_at: now, acknowledged_by_account_id: accountId, updated_at: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow() as Promise<AlertRow>;
}

export function snoozeAlertRow(db: Db, id: string, snooze: Snooze, now: Date) {
  return telemonitoringDb(db)
    .updateTable('telemonitoring_alerts')
    .set({ snooze: JSON.stringify(snooze) as unknown as Snooze, updated_at: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow() as Promise<AlertRow>;
}

export function resolveAlertRow(db: Db, id: string, resolution: { accountId: string | null; note: string | null }, now: Date) {
  return telemonitoringDb(db)
    .updateTable('telemonitoring_alerts')
    .set({
      status: 'resolved',
      resolved_at: now,
      resolved_by_account_id: resolution.accountId,
      resolution_note: resolution.note,
      updated_at: now,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow() as Promise<AlertRow>;
}

/** Unresolved, unacknowledged alerts at a level that escalates, not yet escalated (the scheduled check). */
export function alertsToEscalate(db: Db, levels: AlertLevel[], limit: number) {
  return telemonitoringDb(db)
    .selectFrom('telemonitoring_alerts')
    .selectAll()
    .where('status', '=', 'open')
    .where('escalated_at', 'is', null)
    .where('level', 'in', levels)
    .orderBy('level_since')
    .limit(limit)
    .execute() as Promise<AlertRow[]>;
}

export async function markEscalated(db: Db, id: string, now: Date) {
  await telemonitoringDb(db)
    .updateTable('telemonitoring_alerts')
    .set({ escalated_at: now })
    .where('id', '=', id)
    .where('escalated_at', 'is', null)
    .execute();
}

export async function markNotified(db: Db, id: string, now: Date) {
  await telemonitoringDb(db).updateTable('telemonitoring_alerts').set({ notified_at: now }).where('id', '=', id).execute();
}

/** Unresolved alerts of these patients (the dashboard). */
export function liveAlertsOfPatients(db: Db, patientIds: string[]) {
  if (patientIds.length === 0) return Promise.resolve([] as AlertRow[]);
  return telemonitoringDb(db)
    .selectFrom('telemonitoring_alerts')
    .selectAll()
    .where('patient_id', 'in', patientIds)
    .where('status', '<>', 'resolved')
    .execute() as Promise<AlertRow[]>;
}
