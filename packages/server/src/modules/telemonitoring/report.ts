// The operator's monthly report: for each patient monitored during the month, how much of the data
// expected came (the transmission rate), and what the rules then allow to bill — the operator and
// technical forfaits, or why not (prescription past a year, under 50 % at months 1–2, operator not
// declared to the ARS…). What the operator checks at months 1 and 2 and sends to the billing office.
import {
  ageOn,
  evaluate,
  SPECIALTIES,
  transmissionRate,
  type Specialty,
  type TelemonitoringDecision,
  type TelemonitoringRequest,
} from '@parcours/domain';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import { audited } from '../../platform/audit/audit.js';
import type { ServiceDeps } from '../../platform/context.js';
import { toCsv } from '../../platform/csv/csv.js';
import type { Language } from '../../platform/http/language.js';
import { practitionerProfiles } from '../accounts/service.js';
import { hasCareRelationship, patientBirthDate, patientSummaries } from '../patients/service.js';
import { operatingOrganisations } from './access.js';
import { planOf } from './plan.js';
import type { MonthlyReport } from './schemas.js';
import { enrolmentsDuring, readingOf, readingsBetween, type EnrolmentRow } from './store.js';
import { eligibilityView } from './views.js';

const ZONE = 'Europe/Paris';
type Report = z.infer<typeof MonthlyReport>;

/** The month of the prescription `month` is (1 for the month it started in), in Paris months. */
function monthOfPrescription(startsAt: Date, monthStart: DateTime): number {
  const start = DateTime.fromJSDate(startsAt, { zone: ZONE }).startOf('month');
  return Math.round(monthStart.diff(start, 'months').months) + 1;
}

export async function monthlyReport(deps: ServiceDeps, actor: Actor, month: string, language: Language, now = new Date()): Promise<Report> {
  const { db } = deps;
  const monthStart = DateTime.fromISO(`${month}-01`, { zone: ZONE });
  const from = monthStart.toJSDate();
  const to = monthStart.plus({ months: 1 }).toJSDate();
  const organisationIds = operatingOrganisations(actor);
  const enrolments: EnrolmentRow[] = [];
  for (const enrolment of await enrolmentsDuring(db, organisationIds, from, to))
    if (await hasCareRelationship(db, actor, enrolment.patient_id, now)) enrolments.push(enrolment);
  const patientIds = [...new Set(enrolments.map((e) => e.patient_id))];
  return audited(
    deps,
    {
      actor,
      kind: 'read',
      action: 'telemonitoring.report',
      resource: { type: 'Observation' },
      authorize: () => 'practitioner',
      entries: (_report: Report, role) =>
        patientIds.map((patientId) => ({ actor, role, action: 'telemonitoring.report', resource: { type: 'Observation' }, patientId })),
    },
    async (tx) => {
      const [names, readings, prescribers, birthDates] = await Promise.all([
        patientSummaries(tx, patientIds),
        readingsBetween(tx, patientIds, from, to),
        practitionerProfiles(tx, [...new Set(enrolments.map((e) => e.prescriber_account_id))]),
        Promise.all(patientIds.map(async (id) => [id, await patientBirthDate(tx, id)] as const)).then((pairs) => new Map(pairs)),
      ]);
      const rows = enrolments.map((enrolment) => {
        const plan = planOf(enrolment);
        const own = readings.filter((r) => r.patient_id === enrolment.patient_id).map(readingOf);
        const rate = transmissionRate(plan, own, month, {
          since: enrolment.starts_at,
          until: enrolment.ended_at ?? enrolment.ends_at,
          now,
        });
        const index = monthOfPrescription(enrolment.starts_at, monthStart);
        const specialty = SPECIALTIES.find((s) => s === prescribers.get(enrolment.prescriber_account_id)?.specialty) as
          Specialty | undefined;
        const date = DateTime.min(monthStart.endOf('month'), DateTime.fromJSDate(now, { zone: ZONE })).toISODate()!;
        const request: TelemonitoringRequest = {
          kind: 'telemonitoring',
          date,
          indication: enrolment.programme,
          level: enrolment.level,
          patient: { age: ageOn(birthDates.get(enrolment.patient_id)!, date) },
          prescriber: specialty ? { specialty } : {},
          operator: { declaredToArs: enrolment.ars_declaration !== null },
          monthsSincePrescription: index,
          // The 50 % check applies at months 1 and 2 (factsheet §4.5).
          ...(index <= 2 && rate.rate !== undefined ? { adherence: { month: index, transmissionRate: rate.rate } } : {}),
        };
        const decision = eligibilityView(evaluate(request) as TelemonitoringDecision, language);
        return {
          enrolmentId: enrolment.id,
          patientId: enrolment.patient_id,
          name: names.get(enrolment.patient_id)?.name ?? '',
          programme: enrolment.programme,
          level: enrolment.level,
          monthOfPrescription: index,
          expectedPeriods: rate.expectedPeriods,
          periodsWithData: rate.periodsWithData,
          transmissionRate: rate.rate ?? null,
          billable: decision.billable,
          operatorFee: decision.billable ? decision.operatorFee : null,
          technicalFee: decision.billable ? decision.technicalFee : null,
          reasons: decision.reasons,
        };
      });
      const sum = (amounts: (number | null)[]) => Math.round(amounts.reduce<number>((total, a) => total + (a ?? 0), 0) * 100) / 100;
      return {
        month,
        rows,
        totals: {
          patients: patientIds.length,
          billable: rows.filter((r) => r.billable).length,
          operatorFees: sum(rows.map((r) => r.operatorFee)),
          technicalFees: sum(rows.map((r) => r.technicalFee)),
        },
      };
    },
  );
}

const PROGRAMMES_FR: Record<string, string> = {
  'heart-failure': 'insuffisance cardiaque',
  'renal-failure': 'insuffisance rénale',
  'respiratory-failure': 'insuffisance respiratoire',
  diabetes: 'diabète',
  'cardiac-implant': 'prothèse cardiaque implantable',
  oncology: 'oncologie',
};

/** The report as CSV, one patient's programme a line, for the billing office. */
export function monthlyReportCsv(report: Report): string {
  return toCsv(
    [
      'mois',
      'patient',
      'programme',
      'niveau',
      'mois de prescription',
      'périodes attendues',
      'périodes transmises',
      'taux de transmission',
      'facturable',
      'forfait opérateur',
      'forfait technique',
      'raisons',
    ],
    report.rows.map((row) => [
      report.month,
      row.name,
      PROGRAMMES_FR[row.programme] ?? row.programme,
      row.level,
      String(row.monthOfPrescription),
      String(row.expectedPeriods),
      String(row.periodsWithData),
      row.transmissionRate === null ? null : `${Math.round(row.transmissionRate * 100)} %`,
      row.billable ? 'oui' : 'non',
      row.operatorFee,
      row.technicalFee,
      row.reasons.map((r) => r.text).join(' ; '),
    ]),
  );
}
