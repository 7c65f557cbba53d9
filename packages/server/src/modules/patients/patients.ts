import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import { audited } from '../../platform/audit/audit.js';
import type { ServiceDeps } from '../../platform/context.js';
import { problem } from '../../platform/http/problem.js';
import { accountChanged } from '../accounts/service.js';
import { authorizePatientRecord, auditRoleOf } from './care.js';
import type { PatientIdentity } from './schemas.js';
import { insertPatient, patientIdentity } from './store.js';

/** The patient's identity (INS traits and status). Reading it is an access to the record: audited. */
export async function readPatient(deps: ServiceDeps, actor: Actor, patientId: string) {
  let relation: 'self' | 'care' = 'self';
  const p = await audited(
    deps,
    {
      actor,
      kind: 'read',
      action: 'patient.read',
      resource: { type: 'Patient', id: patientId },
      patientId,
      authorize: async () => auditRoleOf((relation = await authorizePatientRecord(deps.db, actor, patientId))),
    },
    async (db) => {
      const found = await patientIdentity(db, patientId);
      if (!found) throw problem.notFound();
      return found;
    },
  );
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
}

/** A parent adds a dependant (a child) whose record they manage. */
export async function addDependant(deps: ServiceDeps, actor: Actor, identity: z.infer<typeof PatientIdentity>): Promise<{ id: string }> {
  const id = await audited(
    deps,
    {
      actor,
      kind: 'change',
      action: 'patient.create',
      resource: { type: 'Patient' },
      authorize: () => 'patient',
      entries: (id: string) => [{ actor, role: 'patient', action: 'patient.create', resource: { type: 'Patient', id }, patientId: id }],
    },
    (tx) => insertPatient(tx, { accountId: actor.accountId, isSelf: false, ...identity }),
  );
  // The account manages one more record: its sessions learn it now.
  accountChanged(deps.events, actor.accountId);
  return { id };
}
