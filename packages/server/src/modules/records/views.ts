// What the pages show of a report and what hangs on it. Callers authorise and audit.
import { explain, type RulesCode } from '@parcours/domain';
import type { z } from 'zod';
import type { Db } from '../../platform/database/database.js';
import type { Language } from '../../platform/http/language.js';
import { accountNames, describeAccounts } from '../accounts/service.js';
import { organisationNames } from '../organisations/service.js';
import { patientSummaries } from '../patients/service.js';
import { missingParts } from './completeness.js';
import type { Prescription, Report, SickLeave } from './schemas.js';
import {
  addendaOf,
  messagesOfReport,
  prescriptionsOfReport,
  sickLeavesOfReport,
  type PrescriptionRow,
  type ReportRow,
  type SickLeaveRow,
} from './store.js';
import { REPORT_TEMPLATES, type ReportTemplateId } from './templates.js';
import { lastDay } from './wording.js';

type ReportView = z.infer<typeof Report>;

export function prescriptionView(row: PrescriptionRow): z.infer<typeof Prescription> {
  return {
    id: row.id,
    number: row.number,
    kind: row.kind,
    items: row.items as z.infer<typeof Prescription>['items'],
    status: row.status,
    issuedAt: row.issued_at?.toISOString() ?? null,
  };
}

export function explained(codes: readonly string[], language: Language) {
  return codes.map((code) => ({ code, text: explain(code as RulesCode)?.[language] ?? code }));
}

export function sickLeaveView(row: SickLeaveRow, language: Language): z.infer<typeof SickLeave> {
  const decision = row.decision as { reasons: string[] };
  return {
    id: row.id,
    number: row.number,
    startsOn: row.starts_on,
    endsOn: lastDay(row.starts_on, row.days),
    days: row.days,
    existingLeaveDays: row.existing_leave_days,
    motive: row.motive,
    outings: row.outings,
    status: row.status,
    issuedAt: row.issued_at?.toISOString() ?? null,
    reasons: explained(decision.reasons, language),
  };
}

/** The people and places a report names: patient, author (with RPPS), organisation. */
export async function reportParties(db: Db, row: ReportRow) {
  const [patients, authors, organisations] = await Promise.all([
    patientSummaries(db, [row.patient_id]),
    describeAccounts(db, [row.author_account_id]),
    organisationNames(db, [row.organisation_id]),
  ]);
  const author = authors.get(row.author_account_id);
  return {
    patient: { id: row.patient_id, name: patients.get(row.patient_id)?.name ?? '' },
    author: {
      id: row.author_account_id,
      name: author ? `${author.givenName} ${author.familyName}` : '',
      rpps: (author?.rpps as string | null | undefined) ?? null,
    },
    organisation: { id: row.organisation_id, name: organisations.get(row.organisation_id) ?? '' },
  };
}

export async function reportView(db: Db, row: ReportRow, language: Language): Promise<ReportView> {
  const [parties, addenda, prescriptions, sickLeaves, messages] = await Promise.all([
    reportParties(db, row),
    addendaOf(db, row.id),
    prescriptionsOfReport(db, row.id),
    sickLeavesOfReport(db, row.id),
    messagesOfReport(db, row.id),
  ]);
  const names = await accountNames(db, [
    ...new Set([...addenda.map((a) => a.author_account_id), ...messages.map((m) => m.recipient_account_id)]),
  ]);
  const template = REPORT_TEMPLATES[row.template as ReportTemplateId]?.narrative ?? '';
  return {
    id: row.id,
    appointmentId: row.appointment_id,
    ...parties,
    template: row.template,
    actStartedAt: row.act_started_at.toISOString(),
    narrative: row.narrative,
    acts: row.acts,
    participants: row.participants,
    incidents: row.incidents,
    triage: (row.triage as ReportView['triage']) ?? null,
    status: row.signed_at ? 'signed' : 'draft',
    signedAt: row.signed_at?.toISOString() ?? null,
    missing: row.signed_at ? [] : missingParts(row, template, language),
    addenda: addenda.map((a) => ({
      version: a.version,
      text: a.text,
      author: names.get(a.author_account_id) ?? '',
      createdAt: a.created_at.toISOString(),
    })),
    prescriptions: prescriptions.map(prescriptionView),
    sickLeaves: sickLeaves.map((s) => sickLeaveView(s, language)),
    sharedWith: messages.map((m) => ({
      recipient: names.get(m.recipient_account_id) ?? '',
      sentAt: m.created_at.toISOString(),
      readAt: m.read_at?.toISOString() ?? null,
    })),
  };
}
