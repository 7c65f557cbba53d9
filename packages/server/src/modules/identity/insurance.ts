import type { InsuranceSituation } from '@parcours/domain';
import type { Selectable } from 'kysely';
import type { Actor } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/database/database.js';
import { problem } from '../../platform/http/problem.js';
import { auditRoleOf, authorizePatientRecord, type RecordRelation } from './care.js';
import type { IdentityDeps } from './deps.js';
import type { IdentityTables } from './tables.js';

/** The patient's insurance situation, for the patient or a professional in a care relationship. Audited. */
export async function readInsurance(deps: IdentityDeps, actor: Actor, patientId: string): Promise<InsuranceSituation> {
  const relation = await authorizePatientRecord(deps.db, actor, patientId);
  return deps.db.transaction().execute(async (tx) => {
    const situation = await insuranceOf(tx, patientId);
    await recordAudit(tx, {
      actor,
      role: auditRoleOf(relation),
      action: 'patient.insurance.read',
      resource: { type: 'Coverage' },
      patientId,
    });
    return situation;
  });
}

/** Only the patient (or the parent managing the record) states it: a professional reads it, never rewrites it. */
export async function updateInsurance(deps: IdentityDeps, actor: Actor, patientId: string, situation: InsuranceSituation): Promise<void> {
  if ((await authorizePatientRecord(deps.db, actor, patientId)) !== 'self') throw problem.forbidden();
  await deps.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('patients')
      .set({ treating_doctor: situation.treatingDoctor, has_ald: situation.ald, supplementary_cover: situation.cover })
      .where('id', '=', patientId)
      .execute();
    await recordAudit(tx, { actor, role: 'patient', action: 'patient.insurance.update', resource: { type: 'Coverage' }, patientId });
  });
}

/** What billing needs of a patient the actor may see: birth date and insurance. The caller audits its own use. */
export async function patientForBilling(
  db: Db,
  actor: Actor,
  patientId: string,
): Promise<{ relation: RecordRelation; birthDate: string; insurance: InsuranceSituation }> {
  const relation = await authorizePatientRecord(db, actor, patientId);
  const row = await db
    .selectFrom('patients')
    .select(['birth_date', ...INSURANCE_COLUMNS])
    .where('id', '=', patientId)
    .executeTakeFirstOrThrow();
  return { relation, birthDate: row.birth_date, insurance: insuranceOfRow(row) };
}

const INSURANCE_COLUMNS = ['treating_doctor', 'has_ald', 'supplementary_cover'] as const;

async function insuranceOf(db: Db, patientId: string): Promise<InsuranceSituation> {
  return insuranceOfRow(await db.selectFrom('patients').select(INSURANCE_COLUMNS).where('id', '=', patientId).executeTakeFirstOrThrow());
}

function insuranceOfRow(row: Pick<Selectable<IdentityTables['patients']>, (typeof INSURANCE_COLUMNS)[number]>): InsuranceSituation {
  return { treatingDoctor: row.treating_doctor, ald: row.has_ald, cover: row.supplementary_cover };
}
