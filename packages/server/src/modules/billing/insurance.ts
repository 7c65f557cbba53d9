import type { InsuranceSituation } from '@parcours/domain';
import type { Actor } from '../../platform/auth/actor.js';
import { audited } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/database/database.js';
import { problem } from '../../platform/http/problem.js';
import { authorizePatientRecord, patientRecordAccess } from '../patients/service.js';
import { insuranceOf, saveInsurance } from './store.js';

/** The patient's insurance situation, for the patient or a professional in a care relationship. Audited. */
export function readInsurance(db: Db, actor: Actor, patientId: string): Promise<InsuranceSituation> {
  return audited(
    db,
    {
      actor,
      action: 'patient.insurance.read',
      resource: { type: 'Coverage' },
      patientId,
      authorize: () => patientRecordAccess(db, actor, patientId),
    },
    (tx) => insuranceOf(tx, patientId),
  );
}

/** Only the patient (or the parent managing the record) states it: a professional reads it, never rewrites it. */
export function updateInsurance(db: Db, actor: Actor, patientId: string, situation: InsuranceSituation): Promise<void> {
  return audited(
    db,
    {
      actor,
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
