// The report (compte rendu) of a teleconsultation: opened by the appointment's practitioner with
// what the act already tells (date and time, the questionnaire's orientation, the call's technical
// quality), written as a draft, signed once complete (CSP R.6316-4), then only amended.
import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import { audited } from '../../platform/audit/audit.js';
import type { Language } from '../../platform/http/language.js';
import { Problem, problem } from '../../platform/http/problem.js';
import { practitionerProfile } from '../accounts/service.js';
import { appointmentParties } from '../scheduling/service.js';
import { readQuality, type TeleconsultationDeps } from '../teleconsultation/service.js';
import { appointmentOrientations } from '../triage/service.js';
import { auditRole, authorOnly, reportAccess } from './access.js';
import { missingParts } from './completeness.js';
import type { AddendumBody, Report, ReportDraft } from './schemas.js';
import { insertAddendum, insertReport, reportById, reportOfAppointment, signReport, updateDraft, type ReportRow } from './store.js';
import { REPORT_TEMPLATE_IDS, REPORT_TEMPLATES, templateFor } from './templates.js';
import { reportView } from './views.js';

export type RecordsDeps = TeleconsultationDeps;
type ReportView = z.infer<typeof Report>;

/** Appointments that never took place have nothing to report. */
const NOT_HELD = new Set(['cancelled', 'no-show']);

export function reportTemplates(language: Language) {
  return REPORT_TEMPLATE_IDS.map((id) => ({ id, label: REPORT_TEMPLATES[id].label[language], narrative: REPORT_TEMPLATES[id].narrative }));
}

/** A report the caller may see, or 404. */
export async function loadReport(deps: RecordsDeps, reportId: string): Promise<ReportRow> {
  const row = await reportById(deps.db, reportId);
  if (!row) throw problem.notFound();
  return row;
}

/**
 * Opens the appointment's report for its practitioner: the one already begun, or a new draft from
 * the template of their specialty, with the questionnaire's orientation and the call's quality.
 */
export async function openReport(deps: RecordsDeps, actor: Actor, appointmentId: string, language: Language): Promise<ReportView> {
  const parties = await appointmentParties(deps.db, appointmentId);
  if (!parties || parties.practitionerAccountId !== actor.accountId || !actor.isProfessional) throw problem.notFound();
  if (NOT_HELD.has(parties.status)) throw problem.conflict('appointment-not-held');
  const existing = await reportOfAppointment(deps.db, appointmentId);
  const prefill = existing ? undefined : await prefillOf(deps, actor, appointmentId);
  const template = templateFor((await practitionerProfile(deps.db, actor.accountId))?.specialty ?? null);
  return audited(
    deps,
    {
      actor,
      kind: existing ? 'read' : 'change',
      action: existing ? 'report.read' : 'report.open',
      resource: { type: 'Composition', ...(existing ? { id: existing.id } : {}) },
      patientId: parties.patientId,
      organisationId: parties.organisationId,
      authorize: () => 'practitioner',
    },
    async (db) => {
      const row =
        existing ??
        (await insertReport(db, {
          appointment_id: appointmentId,
          patient_id: parties.patientId,
          author_account_id: actor.accountId,
          organisation_id: parties.organisationId,
          template,
          act_started_at: parties.startsAt,
          narrative: REPORT_TEMPLATES[template].narrative,
          incidents: prefill?.incidents ?? '',
          triage: prefill?.triage ?? null,
        }));
      return reportView(db, row, language);
    },
  );
}

/** What the act already tells: the questionnaire's orientation and the call's measured quality, when there are any. */
async function prefillOf(deps: RecordsDeps, actor: Actor, appointmentId: string) {
  const orientations = await appointmentOrientations(deps, actor, appointmentId, 'fr');
  const first = orientations[0];
  const triage = first
    ? {
        outcome: first.orientation.outcome,
        severity: first.orientation.severity,
        flags: first.orientation.flags,
        reasons: first.reasons.map((r) => r.fr),
      }
    : null;
  let incidents = '';
  try {
    incidents = incidentsFrom(await readQuality(deps, actor, appointmentId));
  } catch (error) {
    // No call (a phone appointment, a call never joined): nothing measured, the practitioner writes it.
    if (!(error instanceof Problem)) throw error;
  }
  return { triage, incidents };
}

/** The call's quality summary in a sentence: a degraded side is a technical incident (R.6316-4 5°). */
export function incidentsFrom(samples: { side: string; lossPercent: number | null; rttMsMax: number | null }[]): string {
  if (samples.length === 0) return '';
  const degraded = samples.filter((s) => (s.lossPercent ?? 0) > 5 || (s.rttMsMax ?? 0) > 800);
  if (degraded.length === 0) return 'Aucun incident technique relevé par les mesures de la communication.';
  const side = (s: string) => (s === 'patient' ? 'côté patient' : 'côté praticien');
  return degraded
    .map((s) => `Qualité dégradée ${side(s.side)} : perte de paquets ${s.lossPercent ?? 0} %, latence maximale ${s.rttMsMax ?? 0} ms.`)
    .join('\n');
}

export async function readReport(deps: RecordsDeps, actor: Actor, reportId: string, language: Language): Promise<ReportView> {
  const row = await loadReport(deps, reportId);
  return audited(
    deps,
    {
      actor,
      kind: 'read',
      action: 'report.read',
      resource: { type: 'Composition', id: row.id },
      patientId: row.patient_id,
      authorize: async () => auditRole(await reportAccess(deps.db, actor, row)),
    },
    (db) => reportView(db, row, language),
  );
}

/** Changes the draft; a signed report refuses (409 report-signed): it takes addenda. */
export async function updateReport(
  deps: RecordsDeps,
  actor: Actor,
  reportId: string,
  draft: z.infer<typeof ReportDraft>,
  language: Language,
): Promise<ReportView> {
  const row = await loadReport(deps, reportId);
  return audited(deps, writeAccess(deps, actor, row, 'report.update'), async (db) => {
    const changes = {
      ...(draft.template ? { template: draft.template } : {}),
      ...(draft.narrative !== undefined ? { narrative: draft.narrative } : {}),
      ...(draft.acts !== undefined ? { acts: draft.acts } : {}),
      ...(draft.participants !== undefined ? { participants: draft.participants } : {}),
      ...(draft.incidents !== undefined ? { incidents: draft.incidents } : {}),
    };
    const updated = await updateDraft(db, row.id, changes);
    if (!updated) throw problem.conflict('report-signed');
    return reportView(db, updated, language);
  });
}

/** Signs the report: refused while a required part is missing (each named); issues its prescriptions and notices. */
export async function signReportNow(deps: RecordsDeps, actor: Actor, reportId: string, language: Language, now = new Date()) {
  const row = await loadReport(deps, reportId);
  return audited(deps, writeAccess(deps, actor, row, 'report.sign'), async (db) => {
    if (row.signed_at) throw problem.conflict('report-signed');
    const template = REPORT_TEMPLATES[row.template as keyof typeof REPORT_TEMPLATES]?.narrative ?? '';
    const missing = missingParts(row, template, language);
    if (missing.length)
      throw problem.conflict('report-incomplete', { errors: missing.map((m) => ({ field: m.code, code: 'required', message: m.text })) });
    const signed = await signReport(db, row.id, now);
    if (!signed) throw problem.conflict('report-signed');
    return reportView(db, signed, language);
  });
}

/** A dated, numbered addendum to a signed report. */
export async function amendReport(
  deps: RecordsDeps,
  actor: Actor,
  reportId: string,
  body: z.infer<typeof AddendumBody>,
  language: Language,
) {
  const row = await loadReport(deps, reportId);
  return audited(deps, writeAccess(deps, actor, row, 'report.amend'), async (db) => {
    if (!row.signed_at) throw problem.conflict('report-not-signed');
    await insertAddendum(db, row.id, actor.accountId, body.text);
    return reportView(db, row, language);
  });
}

/** The audited access of a change by the report's author. */
export function writeAccess(deps: RecordsDeps, actor: Actor, row: ReportRow, action: string) {
  return {
    actor,
    kind: 'change' as const,
    action,
    resource: { type: 'Composition', id: row.id },
    patientId: row.patient_id,
    organisationId: row.organisation_id,
    authorize: () => authorOnly(deps.db, actor, row),
  };
}
