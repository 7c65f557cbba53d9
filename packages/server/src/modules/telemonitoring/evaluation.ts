// The alert engine applied to a patient's stored readings, and its verdict kept: one live alert per
// enrolment and rule, updated as evidence comes, never repeated; raised again after its resolution
// only on newer evidence. The caller holds the patient's enrolments locked (lockLiveEnrolments).
import { alertLevelRank, evaluateAlerts, interpretationFor, type OpenAlert, type Reading, type ReadingKind } from '@parcours/domain';
import type { Db } from '../../platform/database/database.js';
import { kindsOf, planOf, windowHours } from './plan.js';
import {
  insertAlert,
  lastResolvedOf,
  latestReadings,
  liveAlertsOf,
  readingOf,
  readingsSince,
  resolveAlertRow,
  updateAlert,
  type AlertRow,
  type EnrolmentRow,
} from './store.js';
import type { InterpretationCode } from './tables.js';

const HOUR = 3_600_000;

/** What an evaluation changed: alerts to announce, readings to mark. */
export interface AlertChange {
  alert: AlertRow;
  /** raised: new; climbed: a higher level; updated: new evidence at the same level; cleared: resolved by the data itself. */
  change: 'raised' | 'climbed' | 'updated' | 'cleared';
}

/** The evidence a resolved alert must be passed by to be raised again (missing data: a later due time). */
const markOf = (alert: { ruleType: string; since: string; lastEvidenceAt: string }) =>
  Date.parse(alert.ruleType === 'missingData' ? alert.since : alert.lastEvidenceAt);

/** What the patient's plans read: these kinds, since then (the latest of each kind aside). */
export function evaluationWindow(enrolments: readonly EnrolmentRow[], now: Date): { kinds: ReadingKind[]; since: Date } {
  const plans = enrolments.map(planOf);
  const hours = Math.max(...plans.map(windowHours));
  return { kinds: [...new Set(plans.flatMap(kindsOf))], since: new Date(now.getTime() - hours * HOUR) };
}

/** What a caller already read for an evaluation (with the insert: round trips less). */
export interface Loaded {
  /** The window's readings, with the latest older reading of each kind the window lacks (see insertReadingsOf). */
  readings: Reading[];
  /** The live alerts of the enrolments, when read for many patients at once. */
  live?: AlertRow[];
}

/** Evaluates every live enrolment of one patient at `now` and keeps the alerts; readings are loaded once for all. */
export async function evaluatePatient(
  tx: Db,
  patientId: string,
  enrolments: EnrolmentRow[],
  now: Date,
  loaded?: Loaded,
): Promise<{ changes: AlertChange[]; interpretations: Map<string, InterpretationCode> }> {
  const plans = enrolments.map((enrolment) => ({ enrolment, plan: planOf(enrolment) }));
  const { kinds, since } = evaluationWindow(enrolments, now);
  const recent = loaded?.readings ?? (await readingsSince(tx, patientId, kinds, since)).map(readingOf);
  const seen = new Set(recent.map((r) => r.kind));
  // The missing-data rule counts from the latest reading of a kind, however old.
  const older =
    !loaded && kinds.some((kind) => !seen.has(kind))
      ? (
          await latestReadings(
            tx,
            patientId,
            kinds.filter((kind) => !seen.has(kind)),
          )
        ).map(readingOf)
      : [];
  const readings: Reading[] = [...older, ...recent];
  const live =
    loaded?.live ??
    (await liveAlertsOf(
      tx,
      enrolments.map((e) => e.id),
    ));
  const changes: AlertChange[] = [];
  const interpretations = new Map<string, { code: InterpretationCode; rank: number }>();
  for (const { enrolment, plan } of plans) {
    const alerts = evaluateAlerts(plan, readings, now, { since: enrolment.starts_at });
    for (const alert of alerts) {
      if (alert.ruleType === 'missingData') continue;
      const code = interpretationFor(alert.level, alert.direction).coding![0]!.code as InterpretationCode;
      for (const identifier of alert.evidence) {
        const known = interpretations.get(identifier);
        if (!known || alertLevelRank(alert.level) > known.rank)
          interpretations.set(identifier, { code, rank: alertLevelRank(alert.level) });
      }
    }
    changes.push(...(await keepAlerts(tx, enrolment, alerts, live, now)));
  }
  return { changes, interpretations: new Map([...interpretations].map(([identifier, { code }]) => [identifier, code])) };
}

async function keepAlerts(tx: Db, enrolment: EnrolmentRow, alerts: OpenAlert[], live: AlertRow[], now: Date): Promise<AlertChange[]> {
  const mine = new Map(live.filter((row) => row.enrolment_id === enrolment.id).map((row) => [row.rule_id, row]));
  const changes: AlertChange[] = [];
  const fresh = alerts.filter((alert) => !mine.has(alert.ruleId));
  const resolved = new Map(
    (
      await lastResolvedOf(
        tx,
        enrolment.id,
        fresh.map((a) => a.ruleId),
      )
    ).map((row) => [
      row.rule_id,
      markOf({ ruleType: row.rule_type, since: row.since.toISOString(), lastEvidenceAt: row.last_evidence_at.toISOString() }),
    ]),
  );
  for (const alert of alerts) {
    const row = mine.get(alert.ruleId);
    if (!row) {
      const resolvedMark = resolved.get(alert.ruleId);
      if (resolvedMark !== undefined && markOf(alert) <= resolvedMark) continue;
      changes.push({ alert: await insertAlert(tx, enrolment, alert, now), change: 'raised' });
      continue;
    }
    mine.delete(alert.ruleId);
    const climbed = alertLevelRank(alert.level) > alertLevelRank(row.level);
    const moved =
      climbed ||
      alert.level !== row.level ||
      alert.lastEvidenceAt !== row.last_evidence_at.toISOString() ||
      (alert.observed ?? null) !== row.observed ||
      alert.message.fr !== row.message.fr;
    // Missing data moves with the clock alone: only its level is news.
    if (!moved || (alert.ruleType === 'missingData' && alert.level === row.level)) continue;
    changes.push({ alert: await updateAlert(tx, row.id, alert, now, climbed), change: climbed ? 'climbed' : 'updated' });
  }
  // Data came back: the missing-data alert closes by itself. Other alerts wait for a person to resolve them.
  for (const row of mine.values()) {
    if (row.rule_type !== 'missingData') continue;
    changes.push({ alert: await resolveAlertRow(tx, row.id, { accountId: null, note: null }, now), change: 'cleared' });
  }
  return changes;
}
