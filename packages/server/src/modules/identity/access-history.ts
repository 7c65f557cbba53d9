import type { Actor } from '../../platform/auth/actor.js';
import { managesPatient } from '../../platform/auth/policy.js';
import { accessHistory, recordAudit } from '../../platform/audit/audit.js';
import { problem } from '../../platform/http/problem.js';
import type { IdentityDeps } from './deps.js';

/**
 * Who accessed a patient's record, newest first, for the patient (or the parent managing the
 * record) — like Mon espace santé's access history. Names are resolved here, ids stay in the log.
 */
export async function accessHistoryOf(
  deps: IdentityDeps,
  actor: Actor,
  patientId: string,
  page: { limit: number; before?: string | undefined },
) {
  if (!managesPatient(actor, patientId)) throw problem.notFound();
  const entries = await accessHistory(deps.db, patientId, { limit: page.limit, ...(page.before ? { before: new Date(page.before) } : {}) });
  const accountIds = [...new Set(entries.map((e) => e.actorAccountId).filter((id): id is string => Boolean(id)))];
  const organisationIds = [...new Set(entries.map((e) => e.organisationId).filter((id): id is string => Boolean(id)))];
  const [accounts, organisations] = await Promise.all([
    accountIds.length
      ? deps.db.selectFrom('accounts').select(['id', 'given_name', 'family_name']).where('id', 'in', accountIds).execute()
      : [],
    organisationIds.length ? deps.db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', organisationIds).execute() : [],
  ]);
  const names = new Map(accounts.map((a) => [a.id, `${a.given_name} ${a.family_name}`]));
  const organisationNames = new Map(organisations.map((o) => [o.id, o.name]));
  await deps.db.transaction().execute((tx) =>
    recordAudit(tx, {
      actor,
      role: 'patient',
      action: 'access-history.read',
      resource: { type: 'AuditEvent' },
      patientId,
      address: actor.address,
    }),
  );
  return entries.map((e) => ({
    at: e.at.toISOString(),
    who: (e.actorAccountId && names.get(e.actorAccountId)) ?? 'Parcours',
    role: e.actorRole ?? 'system',
    organisation: (e.organisationId && organisationNames.get(e.organisationId)) ?? null,
    action: e.action,
    resourceType: e.resourceType,
  }));
}
