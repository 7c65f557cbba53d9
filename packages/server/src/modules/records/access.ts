// Who may see or change a report, and in which capacity. A draft is its author's alone; once
// signed, the patient (or the parent managing the record) and the professionals caring for the
// patient read it. Anyone else learns nothing, not even that it exists (404).
import type { Actor } from '../../platform/auth/actor.js';
import { managesPatient } from '../../platform/auth/policy.js';
import type { Db } from '../../platform/database/database.js';
import { problem } from '../../platform/http/problem.js';
import { hasCareRelationship } from '../patients/service.js';
import type { ReportRow } from './store.js';

export type ReportAccess = 'author' | 'patient' | 'carer';

export async function reportAccess(db: Db, actor: Actor, report: ReportRow): Promise<ReportAccess> {
  if (report.author_account_id === actor.accountId && actor.isProfessional) return 'author';
  if (report.signed_at) {
    if (managesPatient(actor, report.patient_id)) return 'patient';
    if (await hasCareRelationship(db, actor, report.patient_id)) return 'carer';
  }
  throw problem.notFound();
}

/** Only the author changes a report (drafts, addenda, prescriptions, sharing). */
export async function authorOnly(db: Db, actor: Actor, report: ReportRow): Promise<'practitioner'> {
  if ((await reportAccess(db, actor, report)) !== 'author') throw problem.notFound();
  return 'practitioner';
}

/** The capacity the audit trail records. */
export const auditRole = (access: ReportAccess) => (access === 'patient' ? 'patient' : 'practitioner');
