import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { entryHash, GENESIS_HASH } from './chain.js';
import { recordAudit, recordAuditMany, verifyAuditTrail } from './audit.js';
import { emptyTrail, patient, practitioner } from './testing.js';

describeEachDatabase('recording audit entries', (database) => {
  beforeEach(() => emptyTrail(database().db));

  const trail = () => database().db.selectFrom('audit_log').selectAll().orderBy('seq').execute();

  it('chains each entry to the one before, from entry #1 onwards', async () => {
    const { db } = database();
    const doctor = practitioner();
    const patientId = randomUUID();
    for (const action of ['patient.read', 'consent.give', 'consent.read'])
      await db
        .transaction()
        .execute((tx) => recordAudit(tx, { actor: doctor, action, resource: { type: 'Patient', id: patientId }, patientId }));

    const rows = await trail();
    expect(rows.map((r) => Number(r.seq))).toEqual([1, 2, 3]);
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    expect(rows[1]!.prev_hash).toBe(rows[0]!.hash);
    expect(rows[2]!.prev_hash).toBe(rows[1]!.hash);
    const first = rows[0]!;
    expect(first.hash).toBe(
      entryHash(GENESIS_HASH, {
        seq: 1,
        at: first.at,
        actorAccountId: doctor.accountId,
        actorRole: 'practitioner',
        organisationId: doctor.memberships[0]!.organisationId,
        patientId,
        action: 'patient.read',
        resourceType: 'Patient',
        resourceId: patientId,
        address: doctor.address,
        reason: null,
      }),
    );
    expect(await verifyAuditTrail(db)).toEqual({ ok: true, checked: 3 });
  });

  it('numbers 50 concurrent transactions 1 to 50 without gap, in one valid chain', async () => {
    const { db } = database();
    await Promise.all(
      Array.from({ length: 50 }, () =>
        db.transaction().execute(async (tx) => {
          await sql`select 1`.execute(tx);
          await recordAudit(tx, { actor: practitioner(), action: 'patient.read', resource: { type: 'Patient' }, patientId: randomUUID() });
        }),
      ),
    );
    expect((await trail()).map((r) => Number(r.seq))).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(await verifyAuditTrail(db)).toEqual({ ok: true, checked: 50 });
  });

  it('records a batch in order under one lock, after what was there', async () => {
    const { db } = database();
    await db.transaction().execute((tx) => recordAudit(tx, { actor: null, action: 'patient.import', resource: { type: 'Patient' } }));
    const patientIds = Array.from({ length: 1_500 }, () => randomUUID());
    const doctor = practitioner();
    const recorded = await db.transaction().execute((tx) =>
      recordAuditMany(
        tx,
        patientIds.map((patientId) => ({ actor: doctor, action: 'patient.list', resource: { type: 'Patient', id: patientId }, patientId })),
      ),
    );
    expect(recorded.map((r) => r.seq)).toEqual(patientIds.map((_, i) => i + 2));
    expect((await trail()).slice(1).map((r) => r.patient_id)).toEqual(patientIds);
    expect(await verifyAuditTrail(db)).toEqual({ ok: true, checked: 1_501 });
  });

  it('leaves no entry, and no gap, when the caller rolls back', async () => {
    const { db } = database();
    await db
      .transaction()
      .execute(async (tx) => {
        await recordAudit(tx, { actor: practitioner(), action: 'patient.read', resource: { type: 'Patient' } });
        throw new Error('the use case failed');
      })
      .catch(() => {});
    await db
      .transaction()
      .execute((tx) => recordAudit(tx, { actor: practitioner(), action: 'patient.read', resource: { type: 'Patient' } }));
    expect((await trail()).map((r) => Number(r.seq))).toEqual([1]);
  });

  it('says who acted in which capacity, for which organisation, from where', async () => {
    const { db } = database();
    const organisationId = randomUUID();
    const doctor = practitioner(organisationId);
    const self = patient();
    const patientId = self.patientIds[0]!;
    await db.transaction().execute(async (tx) => {
      await recordAudit(tx, { actor: doctor, action: 'patient.read', resource: { type: 'Patient', id: patientId }, patientId });
      await recordAudit(tx, { actor: self, action: 'patient.read', resource: { type: 'Patient', id: patientId }, patientId });
      await recordAudit(tx, {
        actor: null,
        action: 'consent.expire',
        resource: { type: 'Consent' },
        patientId,
        reason: 'retention period over',
        at: new Date('2026-01-01T00:00:00.000Z'),
      });
    });
    const rows = await trail();
    expect(rows.map((r) => [r.actor_account_id, r.actor_role, r.organisation_id, r.address])).toEqual([
      [doctor.accountId, 'practitioner', organisationId, doctor.address],
      [self.accountId, 'patient', null, self.address],
      [null, 'system', null, null],
    ]);
    expect(rows[2]!.at.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(rows[2]!.reason).toBe('retention period over');
  });

  it('refuses prose where an action or resource type is expected', async () => {
    const { db } = database();
    const record = (action: string, type: string) =>
      db.transaction().execute((tx) => recordAudit(tx, { actor: null, action, resource: { type } }));
    await expect(record('read the chest pain questionnaire', 'Patient')).rejects.toThrow(/action/);
    await expect(record('patient.read', 'questionnaire about chest pain')).rejects.toThrow(/resource type/);
    expect(await trail()).toEqual([]);
  });

  it('refuses to update, delete or truncate entries', async () => {
    const { db } = database();
    await db
      .transaction()
      .execute((tx) => recordAudit(tx, { actor: practitioner(), action: 'patient.read', resource: { type: 'Patient' } }));
    await expect(sql`update audit_log set action = 'patient.create'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(db)).rejects.toThrow(/append-only/);
    expect(await trail()).toHaveLength(1);
  });
});
