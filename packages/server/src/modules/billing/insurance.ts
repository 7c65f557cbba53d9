import type { InsuranceSituation } from '@parcours/domain';
import type { Actor } from '../../platform/auth/actor.js';
import { audited, type AuditedDeps } from '../../platform/audit/audit.js';
import { problem } from '../../platform/http/problem.js';
import { authorizePatientRecord, patientRecordAccess } from '../patients/service.js';
import { insuranceOf, saveInsurance } from './store.js';

/** The patient's insurance situation, for the patient or a professional in a care relationship. Audited. */
export function readInsurance(deps: AuditedDeps, actor: Actor, patientId: string): Promise<InsuranceSituation> {
  const { db } = deps;
  return audited(
    deps,
    {
      actor,
      kind: 'read',
      action: 'patient.insurance.read',
      resource: { type: 'Coverage' },
      patientId,
      authorize: () => patientRecordAccess(db, actor, patientId),
    },
    (tx) => insuranceOf(tx, patientId),
  );
}

/** Only the patient (or the parent managing the record) states it: a professional reads it, never rewrites it. */
export function updateInsurance(deps: AuditedDeps, actor: Actor, patientId: string, situation: InsuranceSituation): Promise<void> {
  const { db } = deps;
  return audited(
    deps,
    {
      actor,
      kind: 'change',
      action: 'patient.insurance.update',
      resource: { type: 'Coverage' },
      patientId,
      authorize: async () => {
        if ((await authorizePatientRecord(db, actor, patientId)) !== 'self') throw problem.forbidden();
        return 'patient';
      },
    },
    (tx) => saveInsurance(tx, patientId, situation),
  );
}
