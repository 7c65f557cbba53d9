// SQL on the symptom questionnaires (telemonitoring_symptom_reports). Beside store.ts rather than in
// it: the readings' write path there is tuned for ingestion speed; questionnaires are few.
import type { Answers, SymptomFinding } from '@parcours/domain';
import { scoped, type Db } from '../../platform/database/database.js';
import type { TelemonitoringTables } from './tables.js';

const telemonitoringDb = (db: Db) => scoped<TelemonitoringTables>(db);

export type SymptomReportRow = TelemonitoringTables['telemonitoring_symptom_reports'] & { id: string; created_at: Date };

/** Keeps a questionnaire once per identifier (a retry changes nothing); whether it was new. */
export async function insertSymptomReport(
  db: Db,
  report: {
    patientId: string;
    identifier: string;
    questionnaire: string;
    answers: Answers;
    grade: number;
    findings: SymptomFinding[];
    answeredAt: Date;
    source: 'patient' | 'practitioner';
  },
): Promise<boolean> {
  const row = await telemonitoringDb(db)
    .insertInto('telemonitoring_symptom_reports')
    .values({
      patient_id: report.patientId,
      identifier: report.identifier,
      questionnaire: report.questionnaire,
      answers: JSON.stringify(report.answers) as unknown as Answers,
      grade: report.grade,
      findings: JSON.stringify(report.findings) as unknown as SymptomFinding[],
      answered_at: report.answeredAt,
      source: report.source,
    })
    .onConflict((oc) => oc.columns(['patient_id', 'identifier']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** A patient's questionnaires answered since then, the latest first (at most `limit`). */
export async function symptomReportsSince(db: Db, patientId: string, since: Date, limit = 20): Promise<SymptomReportRow[]> {
  return (await telemonitoringDb(db)
    .selectFrom('telemonitoring_symptom_reports')
    .selectAll()
    .where('patient_id', '=', patientId)
    .where('answered_at', '>=', since)
    .orderBy('answered_at', 'desc')
    .limit(limit)
    .execute()) as SymptomReportRow[];
}
