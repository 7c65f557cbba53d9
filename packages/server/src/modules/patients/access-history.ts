import type { Actor } from '../../platform/auth/actor.js';
import { managesPatient } from '../../platform/auth/policy.js';
import { accessHistory, audited } from '../../platform/audit/audit.js';
import type { ServiceDeps } from '../../platform/context.js';
import { problem } from '../../platform/http/problem.js';
import { accountNames } from '../accounts/service.js';
import { organisationNames } from '../organisations/service.js';

/**
 * Who accessed a patient's record, newest first, for the patient (or the parent managing the
 * record) — like Mon espace santé's access history. Names are resolved here, ids stay in the log.
 */
export async function accessHistoryOf(
  deps: ServiceDeps,
  actor: Actor,
  patientId: string,
  page: { limit: number; before?: string | undefined },
) {
  const entries = await audited(
    deps,
    {
      actor,
      kind: 'read',
      action: 'access-history.read',
      resource: { type: 'AuditEvent' },
      patientId,
      authorize: () => {
        if (!managesPatient(actor, patientId)) throw problem.notFound();
        return 'patient';
      },
    },
    (tx) => accessHistory(tx, patientId, { limit: page.limit, ...(page.before ? { before: new Date(page.before) } : {}) }),
  );
  const [names, organisations] = await Promise.all([
    accountNames(deps.db, [...new Set(entries.map((e) => e.actorAccountId).filter((id): id is string => Boolean(id)))]),
    organisationNames(deps.db, [...new Set(entries.map((e) => e.organisationId).filter((id): id is string => Boolean(id)))]),
  ]);
  return entries.map((e) => ({
    at: e.at.toISOString(),
    who: (e.actorAccountId && names.get(e.actorAccountId)) ?? 'Parcours',
    role: e.actorRole ?? 'system',
    organisation: (e.organisationId && organisations.get(e.organisationId)) ?? null,
    action: e.action,
    resourceType: e.resourceType,
  }));
}
