import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import { audited } from '../../platform/audit/audit.js';
import type { ServiceDeps } from '../../platform/context.js';
import { organisationNames } from '../organisations/service.js';
import { careOrganisations } from './care.js';
import type { CarePatient as CarePatientSchema, CarePatientQuery as CarePatientQuerySchema } from './schemas.js';
import { carePatients } from './store.js';

export type CarePatient = z.infer<typeof CarePatientSchema>;
export type CarePatientQuery = z.output<typeof CarePatientQuerySchema>;

/**
 * The patients in the professional's live care relationships, in the organisations they work for,
 * by name, at most `limit`. Each patient listed is an access to their record: one audit entry each.
 */
export async function listCarePatients(deps: ServiceDeps, actor: Actor, query: CarePatientQuery, now = new Date()): Promise<CarePatient[]> {
  const organisations = careOrganisations(actor);
  if (organisations.length === 0) return [];
  const rows = await audited(
    deps,
    {
      actor,
      kind: 'read',
      action: 'patient.list',
      resource: { type: 'Patient' },
      authorize: () => 'practitioner',
      entries: (listed: Awaited<ReturnType<typeof carePatients>>, role) =>
        listed.map((r) => ({
          actor,
          role,
          action: 'patient.list',
          resource: { type: 'Patient', id: r.id },
          patientId: r.id,
          organisationId: r.organisation_id,
        })),
    },
    (tx) => carePatients(tx, actor.accountId, organisations, query, now),
  );
  const names = await organisationNames(deps.db, [...new Set(rows.map((r) => r.organisation_id))]);
  return rows.map((r) => ({
    id: r.id,
    birthName: r.birth_name,
    usedName: r.used_name,
    firstNames: r.first_names,
    birthDate: r.birth_date,
    organisationId: r.organisation_id,
    organisationName: names.get(r.organisation_id) ?? '',
    kinds: r.kinds,
  }));
}
