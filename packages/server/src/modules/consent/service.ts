import type { Actor } from '../../platform/auth/actor.js';
import { audited, type AuditedDeps } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/database/database.js';
import { problem } from '../../platform/http/problem.js';
import { patientRecordAccess } from '../patients/service.js';
import { INFORMATION } from './information.js';
import { consentsOf, insertConsent, liveConsent, withdraw } from './store.js';
import type { ConsentAct } from './tables.js';

export interface ConsentView {
  id: string;
  act: ConsentAct;
  informationVersion: string;
  givenAt: string;
  givenBy: string;
  withdrawnAt: string | null;
}

function view(row: {
  id: string;
  act: ConsentAct;
  information_version: string;
  given_at: Date;
  given_by_account_id: string;
  withdrawn_at: Date | null;
}): ConsentView {
  return {
    id: row.id,
    act: row.act,
    informationVersion: row.information_version,
    givenAt: row.given_at.toISOString(),
    givenBy: row.given_by_account_id,
    withdrawnAt: row.withdrawn_at?.toISOString() ?? null,
  };
}

export function listConsents(deps: AuditedDeps, actor: Actor, patientId: string): Promise<ConsentView[]> {
  const { db } = deps;
  return audited(
    deps,
    {
      actor,
      kind: 'read',
      action: 'consent.read',
      resource: { type: 'Consent' },
      patientId,
      authorize: () => patientRecordAccess(db, actor, patientId),
    },
    async (tx) => (await consentsOf(tx, patientId)).map(view),
  );
}

/**
 * Records consent to an act after the information text of `informationVersion` was shown. Given by
 * the patient (or the parent), or recorded by a professional in a care relationship who collected it.
 * Giving it again while it stands returns the standing consent.
 */
export async function giveConsent(
  deps: AuditedDeps,
  actor: Actor,
  patientId: string,
  input: { act: ConsentAct; informationVersion: string },
): Promise<ConsentView> {
  const { db } = deps;
  const { row } = await audited(
    deps,
    {
      actor,
      kind: 'change',
      action: 'consent.give',
      resource: { type: 'Consent' },
      patientId,
      authorize: async () => {
        const role = await patientRecordAccess(db, actor, patientId);
        if (INFORMATION[input.act].version !== input.informationVersion)
          throw problem.conflict('consent-information-outdated', { currentVersion: INFORMATION[input.act].version });
        return role;
      },
      // Giving it again while it stands changes nothing, but still shows the standing consent: a read.
      entries: ({ row, inserted }: { row: Awaited<ReturnType<typeof consentsOf>>[number]; inserted: boolean }, role) => [
        { actor, role, action: inserted ? 'consent.give' : 'consent.read', resource: { type: 'Consent', id: row.id }, patientId },
      ],
    },
    async (tx) => {
      const inserted = await insertConsent(tx, { patientId, ...input, givenBy: actor.accountId });
      return { row: inserted ?? (await liveConsent(tx, patientId, input.act))!, inserted: Boolean(inserted) };
    },
  );
  return view(row);
}

export async function withdrawConsent(deps: AuditedDeps, actor: Actor, patientId: string, consentId: string): Promise<ConsentView> {
  const { db } = deps;
  const row = await audited(
    deps,
    {
      actor,
      kind: 'change',
      action: 'consent.withdraw',
      resource: { type: 'Consent', id: consentId },
      patientId,
      authorize: () => patientRecordAccess(db, actor, patientId),
    },
    async (tx) => (await withdraw(tx, patientId, consentId, actor.accountId)) ?? Promise.reject(problem.notFound()),
  );
  return view(row);
}

/**
 * A consent collected outside these screens (the demo's records): inside the caller's transaction,
 * which authorises and audits. The current information text is the one recorded as shown.
 */
export async function recordCollectedConsent(tx: Db, consent: { patientId: string; act: ConsentAct; givenBy: string }): Promise<void> {
  await insertConsent(tx, { ...consent, informationVersion: INFORMATION[consent.act].version });
}

/** Whether a live consent to the act exists: the teleconsultation module checks it before a call. */
export async function hasConsent(db: Db, patientId: string, act: ConsentAct): Promise<boolean> {
  return Boolean(await liveConsent(db, patientId, act));
}
