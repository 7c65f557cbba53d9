import type { Actor } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { IdentityDeps } from './deps.js';
import { auditRoleOf, authorizePatientRecord } from './care.js';
import type { z } from 'zod';
import type { PatientIdentity } from './schemas.js';

/** The patient's identity (INS traits and status). Reading it is an access to the record: audited. */
export async function readPatient(deps: IdentityDeps, actor: Actor, patientId: string) {
  const relation = await authorizePatientRecord(deps.db, actor, patientId);
  return deps.db.transaction().execute(async (tx) => {
    const p = await tx
      .selectFrom('patients')
      .select([
        'id',
        'birth_name',
        'first_names',
        'used_name',
        'sex',
        'birth_date',
        'birth_place_insee',
        'nir',
        'identity_status',
        'is_self',
      ])
      .where('id', '=', patientId)
      .executeTakeFirstOrThrow();
    await recordAudit(tx, {
      actor,
      role: auditRoleOf(relation),
      action: 'patient.read',
      resource: { type: 'Patient', id: patientId },
      patientId,
      address: actor.address,
    });
    return {
      id: p.id,
      birthName: p.birth_name,
      firstNames: p.first_names,
      usedName: p.used_name,
      sex: p.sex,
      birthDate: p.birth_date,
      birthPlaceInsee: p.birth_place_insee,
      // Only a qualified identity may carry the INS beyond its holder (référentiel INS; factsheet §7.3).
      ins: p.identity_status === 'qualifiee' || relation === 'self' ? p.nir : null,
      identityStatus: p.identity_status,
      isSelf: p.is_self,
    };
  });
}

/** A parent adds a dependant (a child) whose record they manage. */
export async function addDependant(deps: IdentityDeps, actor: Actor, identity: z.infer<typeof PatientIdentity>): Promise<{ id: string }> {
  return deps.db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('patients')
      .values({
        account_id: actor.accountId,
        is_self: false,
        birth_name: identity.birthName.toUpperCase(),
        first_names: identity.firstNames,
        used_name: identity.usedName ?? null,
        sex: identity.sex,
        birth_date: identity.birthDate,
        birth_place_insee: identity.birthPlaceInsee ?? null,
        nir: identity.nir ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(tx, {
      actor,
      role: 'patient',
      action: 'patient.create',
      resource: { type: 'Patient', id: row.id },
      patientId: row.id,
      address: actor.address,
    });
    return row;
  });
}
