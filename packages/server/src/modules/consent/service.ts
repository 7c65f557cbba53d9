import type { Actor } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/database/database.js';
import { problem } from '../../platform/http/problem.js';
import { auditRoleOf, authorizePatientRecord } from '../identity/service.js';
import { INFORMATION } from './information.js';
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

export async function listConsents(db: Db, actor: Actor, patientId: string): Promise<ConsentView[]> {
  const relation = await authorizePatientRecord(db, actor, patientId);
  return db.transaction().execute(async (tx) => {
    const rows = await tx.selectFrom('consents').selectAll().where('patient_id', '=', patientId).orderBy('given_at', 'desc').execute();
    await recordAudit(tx, {
      actor,
      role: auditRoleOf(relation),
      action: 'consent.read',
      resource: { type: 'Consent' },
      patientId,
      address: actor.address,
    });
    return rows.map(view);
  });
}

/**
 * Records consent to an act after the information text of `informationVersion` was shown. Given by
 * the patient (or the parent), or recorded by a professional in a care relationship who collected it.
 * Giving it again while it stands returns the standing consent.
 */
export async function giveConsent(
  db: Db,
  actor: Actor,
  patientId: string,
  input: { act: ConsentAct; informationVersion: string },
): Promise<ConsentView> {
  const relation = await authorizePatientRecord(db, actor, patientId);
  if (INFORMATION[input.act].version !== input.informationVersion)
    throw problem.conflict('consent-information-outdated', { currentVersion: INFORMATION[input.act].version });
  return db.transaction().execute(async (tx) => {
    const inserted = await tx
      .insertInto('consents')
      .values({
        patient_id: patientId,
        act: input.act,
        information_version: input.informationVersion,
        given_by_account_id: actor.accountId,
        withdrawn_at: null,
        withdrawn_by_account_id: null,
      })
      .onConflict((oc) => oc.columns(['patient_id', 'act']).where('withdrawn_at', 'is', null).doNothing())
      .returningAll()
      .executeTakeFirst();
    const row =
      inserted ??
      (await tx
        .selectFrom('consents')
        .selectAll()
        .where('patient_id', '=', patientId)
        .where('act', '=', input.act)
        .where('withdrawn_at', 'is', null)
        .executeTakeFirstOrThrow());
    if (inserted)
      await recordAudit(tx, {
        actor,
        role: auditRoleOf(relation),
        action: 'consent.give',
        resource: { type: 'Consent', id: row.id },
        patientId,
        address: actor.address,
      });
    return view(row);
  });
}

export async function withdrawConsent(db: Db, actor: Actor, patientId: string, consentId: string): Promise<ConsentView> {
  const relation = await authorizePatientRecord(db, actor, patientId);
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .updateTable('consents')
      .set({ withdrawn_at: new Date(), withdrawn_by_account_id: actor.accountId })
      .where('id', '=', consentId)
      .where('patient_id', '=', patientId)
      .where('withdrawn_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw problem.notFound();
    await recordAudit(tx, {
      actor,
      role: auditRoleOf(relation),
      action: 'consent.withdraw',
      resource: { type: 'Consent', id: row.id },
      patientId,
      address: actor.address,
    });
    return view(row);
  });
}

/** Whether a live consent to the act exists: the teleconsultation module checks it before a call. */
export async function hasConsent(db: Db, patientId: string, act: ConsentAct): Promise<boolean> {
  const row = await db
    .selectFrom('consents')
    .select('id')
    .where('patient_id', '=', patientId)
    .where('act', '=', act)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  return Boolean(row);
}
