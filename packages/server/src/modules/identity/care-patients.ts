import { sql } from 'kysely';
import type { Actor } from '../../platform/auth/actor.js';
import { recordAuditMany } from '../../platform/audit/audit.js';
import type { IdentityDeps } from './deps.js';

export interface CarePatient {
  id: string;
  birthName: string;
  usedName: string | null;
  firstNames: string;
  birthDate: string;
  organisationId: string;
  organisationName: string;
  kinds: string[];
}

export interface CarePatientQuery {
  /** Part of a name (birth name, used name or first names), any case. */
  q?: string | undefined;
  limit: number;
}

/**
 * The patients in the professional's live care relationships, in the organisations they work for,
 * by name, at most `limit`. Each patient listed is an access to their record: one audit entry each.
 */
export async function listCarePatients(
  deps: IdentityDeps,
  actor: Actor,
  query: CarePatientQuery,
  now = new Date(),
): Promise<CarePatient[]> {
  const organisations = actor.memberships.filter((m) => m.role !== 'admin').map((m) => m.organisationId);
  if (!actor.isProfessional || organisations.length === 0) return [];
  return deps.db.transaction().execute(async (tx) => {
    const rows = await tx
      .selectFrom('care_relationships as c')
      .innerJoin('patients as p', 'p.id', 'c.patient_id')
      .innerJoin('organisations as o', 'o.id', 'c.organisation_id')
      .select([
        'p.id',
        'p.birth_name',
        'p.used_name',
        'p.first_names',
        'p.birth_date',
        'o.id as organisation_id',
        'o.name as organisation_name',
        sql<string[]>`array_agg(distinct c.kind order by c.kind)`.as('kinds'),
      ])
      .where('c.practitioner_account_id', '=', actor.accountId)
      .where('c.organisation_id', 'in', organisations)
      .where('c.starts_at', '<=', now)
      .where((eb) => eb.or([eb('c.ends_at', 'is', null), eb('c.ends_at', '>', now)]))
      .$if(Boolean(query.q), (qb) => {
        const pattern = `%${query.q!.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        return qb.where((eb) =>
          eb.or([eb('p.birth_name', 'ilike', pattern), eb('p.used_name', 'ilike', pattern), eb('p.first_names', 'ilike', pattern)]),
        );
      })
      .groupBy(['p.id', 'o.id'])
      .orderBy(sql`coalesce(p.used_name, p.birth_name)`)
      .orderBy('p.first_names')
      .limit(query.limit)
      .execute();
    await recordAuditMany(
      tx,
      rows.map((r) => ({
        actor,
        role: 'practitioner',
        action: 'patient.list',
        resource: { type: 'Patient', id: r.id },
        patientId: r.id,
        organisationId: r.organisation_id,
      })),
    );
    return rows.map((r) => ({
      id: r.id,
      birthName: r.birth_name,
      usedName: r.used_name,
      firstNames: r.first_names,
      birthDate: r.birth_date,
      organisationId: r.organisation_id,
      organisationName: r.organisation_name,
      kinds: r.kinds,
    }));
  });
}
