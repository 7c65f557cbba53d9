// The records as documents: each one's PDF (with the legal mentions), the patient's list of theirs,
// and the public verification of a number (status and date of issue, nothing clinical).
import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import { audited } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/database/database.js';
import { problem } from '../../platform/http/problem.js';
import { describeAccounts } from '../accounts/service.js';
import { organisationSites } from '../organisations/service.js';
import { documentIdentity, patientRecordAccess } from '../patients/service.js';
import { auditRole, reportAccess } from './access.js';
import { renderPdf, type PdfContent } from './pdf.js';
import { loadReport, type RecordsDeps } from './reports.js';
import type { MedicationItem, OtherItem, PatientDocument, Verification } from './schemas.js';
import {
  addendaOf,
  documentByNumber,
  filesOfPatients,
  issuedPrescriptionsOf,
  issuedSickLeavesOf,
  prescriptionById,
  prescriptionsOfReport,
  reportById,
  sickLeaveById,
  signedReportsOf,
  type PrescriptionRow,
  type ReportRow,
  type SickLeaveRow,
} from './store.js';
import { frenchDay, lastDay, parisDate, parisDateTime } from './wording.js';

export interface Pdf {
  filename: string;
  bytes: Uint8Array;
}

const KIND_TITLE = {
  medication: 'Ordonnance',
  lab: 'Ordonnance d’examens de biologie',
  imaging: 'Ordonnance d’imagerie',
  nursing: 'Ordonnance de soins infirmiers',
  physiotherapy: 'Ordonnance de kinésithérapie',
} as const;

const ROUTE_FR: Record<string, string> = {
  oral: 'voie orale',
  sublingual: 'voie sublinguale',
  cutaneous: 'voie cutanée',
  transdermal: 'voie transdermique',
  inhalation: 'inhalation',
  nasal: 'voie nasale',
  ophthalmic: 'voie ophtalmique',
  otic: 'voie auriculaire',
  rectal: 'voie rectale',
  vaginal: 'voie vaginale',
  subcutaneous: 'voie sous-cutanée',
  intramuscular: 'voie intramusculaire',
  intravenous: 'voie intraveineuse',
};
const PERIOD_FR: Record<string, string> = { h: 'heure(s)', d: 'jour(s)', wk: 'semaine(s)', mo: 'mois' };

/** A medication line as a pharmacist reads it. */
export function medicationLines(item: z.infer<typeof MedicationItem>): string[] {
  const f = item.frequency;
  return [
    `${item.medication}${item.substitutable ? '' : ' — non substituable'}`,
    `${item.dose.value} ${item.dose.unit}, ${ROUTE_FR[item.route] ?? item.route}, ${f.times} fois par ${f.period === 1 ? '' : `${f.period} `}${PERIOD_FR[f.periodUnit]}, pendant ${item.durationDays} jour(s). Quantité : ${item.quantity}.`,
    ...(item.instructions ? [item.instructions] : []),
  ];
}

/** The prescriber's block: identity, RPPS, where they practise. */
async function authorBlock(db: Db, report: ReportRow): Promise<string[]> {
  const [accounts, sites] = await Promise.all([
    describeAccounts(db, [report.author_account_id]),
    organisationSites(db, report.organisation_id),
  ]);
  const author = accounts.get(report.author_account_id);
  const site = sites[0];
  return [
    `Dr ${author?.givenName ?? ''} ${author?.familyName ?? ''}`.trim(),
    ...(author?.specialty ? [String(author.specialty)] : []),
    `RPPS : ${author?.rpps ?? 'non renseigné'}`,
    ...(site ? [[site.name, site.address, [site.postal_code, site.city].filter(Boolean).join(' ')].filter(Boolean).join(', ')] : []),
  ];
}

/** The patient's block: the INS only when the identity is qualified (référentiel INS). */
async function patientBlock(db: Db, patientId: string): Promise<string[]> {
  const p = await documentIdentity(db, patientId);
  return [
    `Patient : ${p.firstNames} ${p.usedName ?? p.birthName}${p.usedName ? ` (née ${p.birthName})` : ''}`,
    `Né(e) le ${frenchDay(p.birthDate)} — sexe ${p.sex}`,
    ...(p.ins ? [`INS (NIR) : ${p.ins}`] : []),
  ];
}

const verifyUrl = (deps: RecordsDeps, number: string) => new URL(`/verify/${number}`, deps.config.publicUrl).toString();

async function reportPdfContent(db: Db, report: ReportRow): Promise<PdfContent> {
  const [author, patient, addenda, prescriptions] = await Promise.all([
    authorBlock(db, report),
    patientBlock(db, report.patient_id),
    addendaOf(db, report.id),
    prescriptionsOfReport(db, report.id),
  ]);
  return {
    title: 'Compte rendu de téléconsultation',
    dated: `Acte du ${parisDateTime(report.act_started_at)}${report.signed_at ? ` — signé le ${parisDateTime(report.signed_at)}` : ' — brouillon non signé'}`,
    author,
    patient,
    sections: [
      { heading: 'Compte rendu', lines: [report.narrative] },
      { heading: 'Actes réalisés', lines: [report.acts] },
      {
        heading: 'Prescriptions',
        lines: prescriptions.length
          ? prescriptions.filter((p) => p.status !== 'cancelled').map((p) => `${KIND_TITLE[p.kind]} n° ${p.number}`)
          : ['Aucune'],
      },
      { heading: 'Professionnels intervenus', lines: [author[0] ?? '', ...(report.participants ? [report.participants] : [])] },
      { heading: 'Incidents techniques', lines: [report.incidents] },
      ...addenda.map((a) => ({ heading: `Addendum (version ${a.version}) du ${parisDateTime(a.created_at)}`, lines: [a.text] })),
    ],
    footer: 'Téléconsultation (art. R.6316-1 et R.6316-4 du code de la santé publique).',
  };
}

async function prescriptionPdfContent(deps: RecordsDeps, report: ReportRow, p: PrescriptionRow): Promise<PdfContent> {
  const [author, patient] = await Promise.all([authorBlock(deps.db, report), patientBlock(deps.db, report.patient_id)]);
  const items = p.items as (z.infer<typeof MedicationItem> | z.infer<typeof OtherItem>)[];
  return {
    title: KIND_TITLE[p.kind],
    number: p.number,
    verifyUrl: verifyUrl(deps, p.number),
    dated: `Fait le ${parisDateTime(p.issued_at ?? p.created_at)}, par téléconsultation`,
    author,
    patient,
    sections: items.map((item, i) => ({
      heading: `${i + 1}.`,
      lines: 'medication' in item ? medicationLines(item) : [item.description, ...(item.instructions ? [item.instructions] : [])],
    })),
    footer: `${p.status === 'cancelled' ? 'ANNULÉE. ' : ''}Authenticité et statut : ${verifyUrl(deps, p.number)}. Ce code n’est pas celui de l’ordonnance numérique de l’Assurance Maladie.`,
  };
}

async function sickLeavePdfContent(deps: RecordsDeps, report: ReportRow, s: SickLeaveRow): Promise<PdfContent> {
  const [author, patient] = await Promise.all([authorBlock(deps.db, report), patientBlock(deps.db, report.patient_id)]);
  const outings = {
    none: 'Sorties non autorisées',
    allowed: 'Sorties autorisées (heures de présence 9h-11h et 14h-16h)',
    free: 'Sorties libres',
  };
  return {
    title: s.existing_leave_days > 0 ? 'Avis d’arrêt de travail — prolongation' : 'Avis d’arrêt de travail — initial',
    number: s.number,
    verifyUrl: verifyUrl(deps, s.number),
    dated: `Prescrit le ${parisDateTime(s.issued_at ?? s.created_at)}, par téléconsultation`,
    author,
    patient,
    sections: [
      {
        heading: 'Arrêt de travail',
        lines: [
          `Du ${frenchDay(s.starts_on)} au ${frenchDay(lastDay(s.starts_on, s.days))} inclus (${s.days} jour(s)).`,
          outings[s.outings],
        ],
      },
      { heading: 'Éléments d’ordre médical', lines: [s.motive] },
    ],
    footer:
      'À transmettre par le praticien via amelipro (avis d’arrêt de travail dématérialisé), seul canal reconnu par l’Assurance Maladie. ' +
      'Art. L.6316-1 CSP : 3 jours au plus par télémédecine, sauf exceptions.',
  };
}

/** A document's PDF, for whoever may read its report; a draft's only for its author (a preview). */
async function readPdf(
  deps: RecordsDeps,
  actor: Actor,
  report: ReportRow,
  resource: { type: string; id: string },
  issued: boolean,
  render: () => Promise<PdfContent>,
  filename: string,
): Promise<Pdf> {
  return audited(
    deps,
    {
      actor,
      kind: 'read',
      action: 'document.download',
      resource,
      patientId: report.patient_id,
      authorize: async () => {
        const access = await reportAccess(deps.db, actor, report);
        if (!issued && access !== 'author') throw problem.notFound();
        return auditRole(access);
      },
    },
    async () => ({ filename, bytes: await renderPdf(await render(), new Date()) }),
  );
}

export async function reportPdf(deps: RecordsDeps, actor: Actor, reportId: string): Promise<Pdf> {
  const report = await loadReport(deps, reportId);
  return readPdf(
    deps,
    actor,
    report,
    { type: 'Composition', id: report.id },
    report.signed_at !== null,
    () => reportPdfContent(deps.db, report),
    `compte-rendu-${parisDate(report.act_started_at)}.pdf`,
  );
}

export async function prescriptionPdf(deps: RecordsDeps, actor: Actor, prescriptionId: string): Promise<Pdf> {
  const p = await prescriptionById(deps.db, prescriptionId);
  const report = p && (await reportById(deps.db, p.report_id));
  if (!p || !report) throw problem.notFound();
  return readPdf(
    deps,
    actor,
    report,
    { type: 'MedicationRequest', id: p.id },
    p.status !== 'draft',
    () => prescriptionPdfContent(deps, report, p),
    `ordonnance-${p.number}.pdf`,
  );
}

export async function sickLeavePdf(deps: RecordsDeps, actor: Actor, sickLeaveId: string): Promise<Pdf> {
  const s = await sickLeaveById(deps.db, sickLeaveId);
  const report = s && (await reportById(deps.db, s.report_id));
  if (!s || !report) throw problem.notFound();
  return readPdf(
    deps,
    actor,
    report,
    { type: 'Task', id: s.id },
    s.status !== 'draft',
    () => sickLeavePdfContent(deps, report, s),
    `arret-de-travail-${s.number}.pdf`,
  );
}

/** The report's PDF content, for the FHIR export that carries it. */
export async function signedReportPdf(deps: RecordsDeps, report: ReportRow): Promise<Uint8Array> {
  return renderPdf(await reportPdfContent(deps.db, report), report.signed_at ?? new Date());
}

/** A patient's documents, newest first: signed reports, issued prescriptions, sick-leave notices and the files shared in calls. */
export async function patientDocuments(deps: RecordsDeps, actor: Actor, patientId: string): Promise<z.infer<typeof PatientDocument>[]> {
  return audited(
    deps,
    {
      actor,
      kind: 'read',
      action: 'document.list',
      resource: { type: 'DocumentReference' },
      patientId,
      // The patient's own space: the patient or the parent managing the record, or a carer.
      authorize: () => patientRecordAccess(deps.db, actor, patientId),
    },
    async (db) => {
      const [reports, prescriptions, leaves, files] = await Promise.all([
        signedReportsOf(db, [patientId]),
        issuedPrescriptionsOf(db, [patientId]),
        issuedSickLeavesOf(db, [patientId]),
        filesOfPatients(db, [patientId]),
      ]);
      const reportsById = new Map(reports.map((r) => [r.id, r]));
      const authors = await describeAccounts(db, [...new Set(reports.map((r) => r.author_account_id))]);
      const authorOf = (reportId: string) => {
        const a = authors.get(reportsById.get(reportId)?.author_account_id ?? '');
        return a ? `${a.givenName} ${a.familyName}` : '';
      };
      const documents: z.infer<typeof PatientDocument>[] = [
        ...reports.map((r) => ({
          id: r.id,
          kind: 'report' as const,
          title: 'Compte rendu de téléconsultation',
          author: authorOf(r.id),
          date: r.signed_at!.toISOString(),
          status: 'signed',
          pdf: `/api/v1/records/reports/${r.id}/pdf`,
        })),
        ...prescriptions.map((p) => ({
          id: p.id,
          kind: 'prescription' as const,
          title: `${KIND_TITLE[p.kind]} n° ${p.number}`,
          author: authorOf(p.report_id),
          date: p.issued_at!.toISOString(),
          status: p.status,
          pdf: `/api/v1/records/prescriptions/${p.id}/pdf`,
        })),
        ...leaves.map((s) => ({
          id: s.id,
          kind: 'sick-leave' as const,
          title: `Avis d’arrêt de travail n° ${s.number}`,
          author: authorOf(s.report_id),
          date: s.issued_at!.toISOString(),
          status: s.status,
          pdf: `/api/v1/records/sick-leaves/${s.id}/pdf`,
        })),
        ...files.map((f) => ({
          id: f.id,
          kind: 'file' as const,
          title: f.filename,
          author: f.shared_by_name,
          date: f.created_at.toISOString(),
          status: 'shared',
          pdf: `/api/v1/records/files/${f.id}`,
          mediaType: f.media_type,
        })),
      ];
      return documents.sort((a, b) => b.date.localeCompare(a.date));
    },
  );
}

/** Public: is this number ours, and what is its status? No name, no content (nothing to audit). */
export async function verifyDocument(deps: RecordsDeps, number: string): Promise<z.infer<typeof Verification>> {
  const found = await documentByNumber(deps.db, number);
  if (!found || found.status === 'draft' || !found.issued_at) throw problem.notFound();
  return { number: found.number, kind: found.kind, status: found.status, issuedOn: parisDate(found.issued_at) };
}
