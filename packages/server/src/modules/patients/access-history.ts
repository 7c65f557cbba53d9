import type { Actor } from '../../platform/auth/actor.js';
import { managesPatient } from '../../platform/auth/policy.js';
import { accessHistory, audited } from '../../platform/audit/audit.js';
import type { ServiceDeps } from '../../platform/context.js';
import { problem } from '../../platform/http/problem.js';
import type { z } from 'zod';
import type { AccessHistoryPage, HistoryQuery } from './schemas.js';

/**
 * Who accessed a patient's record, newest first, for the patient (or the parent managing the
 * record) — like Mon espace santé's access history. Names come from the entries themselves, as
 * they were when each access happened: nothing is looked up now that could rewrite the past.
 */
export async function accessHistoryOf(
  deps: ServiceDeps,
  actor: Actor,
  patientId: string,
  query: z.infer<typeof HistoryQuery>,
): Promise<z.infer<typeof AccessHistoryPage>> {
  const { entries, next } = await audited(
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
    (db) =>
      accessHistory(db, patientId, {
        limit: query.limit,
        ...query.before,
        ...(query.hideOwnViews ? { exceptActor: actor.accountId } : {}),
      }),
  );
  return {
    entries: entries.map((e) => ({
      at: e.at.toISOString(),
      who: e.actorAccountId ? e.actorName : 'Parcours',
      role: e.actorRole,
      organisation: e.organisationName,
      action: e.action,
      resourceType: e.resourceType,
    })),
    next: next ? `${next.before.toISOString()}~${next.beforeSeq}~${next.beforeChain}` : null,
  };
}
