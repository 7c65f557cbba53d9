// Prescriptions written with a report: medications (structured like the ANS e-prescription guide's
// MedicationRequest) and other care. Drafts until the report is signed, which issues them.
import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import { audited } from '../../platform/audit/audit.js';
import type { Language } from '../../platform/http/language.js';
import { problem } from '../../platform/http/problem.js';
import { documentNumber } from './numbers.js';
import { loadReport, writeAccess, type RecordsDeps } from './reports.js';
import type { PrescriptionBody } from './schemas.js';
import { cancelPrescription, deleteDraftPrescription, insertPrescription, prescriptionById } from './store.js';
import { reportView } from './views.js';

export async function addPrescription(
  deps: RecordsDeps,
  actor: Actor,
  reportId: string,
  body: z.infer<typeof PrescriptionBody>,
  language: Language,
) {
  const row = await loadReport(deps, reportId);
  return audited(deps, writeAccess(deps, actor, row, 'prescription.create'), async (db) => {
    if (row.signed_at) throw problem.conflict('report-signed');
    await insertPrescription(db, {
      number: documentNumber('OR'),
      report_id: row.id,
      patient_id: row.patient_id,
      kind: body.kind,
      items: body.items,
    });
    return reportView(db, row, language);
  });
}

/** A draft is removed; an issued prescription is cancelled (the verification page then says so). */
export async function withdrawPrescription(deps: RecordsDeps, actor: Actor, reportId: string, prescriptionId: string, language: Language) {
  const row = await loadReport(deps, reportId);
  return audited(deps, writeAccess(deps, actor, row, 'prescription.withdraw'), async (db) => {
    const prescription = await prescriptionById(db, prescriptionId);
    if (!prescription || prescription.report_id !== row.id) throw problem.notFound();
    if (prescription.status === 'draft') await deleteDraftPrescription(db, row.id, prescriptionId);
    else if (!(await cancelPrescription(db, prescriptionId))) throw problem.conflict('report-signed');
    return reportView(db, row, language);
  });
}
