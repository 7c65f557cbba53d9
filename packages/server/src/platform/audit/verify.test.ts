import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../database/database.js';
import { describeEachDatabase } from '../testing/databases.js';
import { entryHash } from './chain.js';
import { recordAudit, runAuditVerify, verifyAuditTrail } from './audit.js';
import { asSuperuser, emptyTrail, practitioner } from './testing.js';

const ACTIONS = ['patient.read', 'consent.give', 'patient.update', 'consent.read', 'consent.withdraw'];

/** Five entries #1..#5, one transaction each, as the services write them. */
async function writeFiveEntries(db: Db): Promise<void> {
  const doctor = practitioner();
  const patientId = randomUUID();
  for (const action of ACTIONS)
    await db
      .transaction()
      .execute((tx) => recordAudit(tx, { actor: doctor, action, resource: { type: 'Patient', id: patientId }, patientId }));
}

/** Moves entry #a to number b and #b to a (through a free number: the primary key is checked row by row). */
const swapNumbers = (a: number, b: number) => [
  `update audit_log set seq = 1000 where seq = ${a}`,
  `update audit_log set seq = ${a} where seq = ${b}`,
  `update audit_log set seq = ${b} where seq = 1000`,
];

describeEachDatabase('verifying the audit trail', (database) => {
  beforeEach(async () => {
    await emptyTrail(database().db);
    await writeFiveEntries(database().db);
  });

  it('finds an untouched trail intact, whatever the batch size', async () => {
    const { db } = database();
    expect(await verifyAuditTrail(db)).toEqual({ ok: true, checked: 5 });
    expect(await verifyAuditTrail(db, { batchSize: 2 })).toEqual({ ok: true, checked: 5 });
    expect(await verifyAuditTrail(db, { batchSize: 5 })).toEqual({ ok: true, checked: 5 });
  });

  it('names an entry whose action was changed as altered', async () => {
    const { db } = database();
    await asSuperuser(db, `update audit_log set action = 'patient.create' where seq = 3`);
    expect(await verifyAuditTrail(db, { batchSize: 2 })).toEqual({
      ok: false,
      checked: 2,
      firstBad: { seq: 3, problem: 'altered', detail: 'its content does not match its hash' },
    });
  });

  it('names an entry whose time was moved as altered', async () => {
    const { db } = database();
    await asSuperuser(db, `update audit_log set at = at - interval '1 day' where seq = 4`);
    expect(await verifyAuditTrail(db)).toMatchObject({ ok: false, checked: 3, firstBad: { seq: 4, problem: 'altered' } });
  });

  it('names a removed entry in the middle as missing', async () => {
    const { db } = database();
    await asSuperuser(db, 'delete from audit_log where seq = 3');
    expect(await verifyAuditTrail(db)).toEqual({
      ok: false,
      checked: 2,
      firstBad: { seq: 3, problem: 'missing', detail: 'entry #3 is absent' },
    });
  });

  it('names the first of several removed entries, and a removed first entry', async () => {
    const { db } = database();
    await asSuperuser(db, 'delete from audit_log where seq in (2, 3)');
    expect(await verifyAuditTrail(db)).toMatchObject({ firstBad: { seq: 2, problem: 'missing', detail: 'entries #2 to #3 are absent' } });
    await asSuperuser(db, 'delete from audit_log where seq = 1');
    expect(await verifyAuditTrail(db)).toMatchObject({ checked: 0, firstBad: { seq: 1, problem: 'missing' } });
  });

  it('names two entries whose numbers were swapped as reordered', async () => {
    const { db } = database();
    await asSuperuser(db, ...swapNumbers(2, 4));
    expect(await verifyAuditTrail(db)).toEqual({
      ok: false,
      checked: 1,
      firstBad: { seq: 2, problem: 'reordered', detail: 'it holds the entry written as #4' },
    });
  });

  it('names two neighbours swapped, the first of them included, as reordered', async () => {
    const { db } = database();
    await asSuperuser(db, ...swapNumbers(1, 2));
    expect(await verifyAuditTrail(db)).toMatchObject({
      checked: 0,
      firstBad: { seq: 1, problem: 'reordered', detail: 'it holds the entry written as #2' },
    });
  });

  it('names the first of two entries whose hashes were swapped', async () => {
    const { db } = database();
    await asSuperuser(
      db,
      `update audit_log set hash = case seq when 2 then (select hash from audit_log where seq = 4)
                                           else (select hash from audit_log where seq = 2) end
       where seq in (2, 4)`,
    );
    expect(await verifyAuditTrail(db)).toMatchObject({ ok: false, checked: 1, firstBad: { seq: 2, problem: 'altered' } });
  });

  it('names the entry after one rewritten with a recomputed hash as a broken link', async () => {
    const { db } = database();
    const third = await db.selectFrom('audit_log').selectAll().where('seq', '=', 3).executeTakeFirstOrThrow();
    const forged = entryHash(third.prev_hash, {
      seq: 3,
      at: third.at,
      actorAccountId: third.actor_account_id,
      actorRole: third.actor_role,
      organisationId: third.organisation_id,
      patientId: third.patient_id,
      action: 'patient.create',
      resourceType: third.resource_type,
      resourceId: third.resource_id,
      address: third.address,
      reason: third.reason,
    });
    await asSuperuser(db, `update audit_log set action = 'patient.create', hash = '${forged}' where seq = 3`);
    expect(await verifyAuditTrail(db)).toEqual({
      ok: false,
      checked: 3,
      firstBad: { seq: 4, problem: 'broken-link', detail: 'its previous hash is not that of entry #3' },
    });
  });

  it('names an entry inserted under a number already taken', async () => {
    const { db } = database();
    try {
      await asSuperuser(
        db,
        'alter table audit_log drop constraint audit_log_pkey',
        `insert into audit_log select seq, at, actor_account_id, actor_role, organisation_id, patient_id, 'patient.export',
           resource_type, resource_id, address, reason, prev_hash, repeat('f', 64) from audit_log where seq = 3`,
      );
      expect(await verifyAuditTrail(db)).toMatchObject({
        ok: false,
        checked: 3,
        firstBad: { seq: 3, problem: 'reordered', detail: 'entry #3 appears more than once' },
      });
    } finally {
      await asSuperuser(db, 'delete from audit_log', 'alter table audit_log add primary key (seq)');
    }
  });
});

describeEachDatabase('parcours audit verify', (database) => {
  beforeEach(async () => {
    await emptyTrail(database().db);
    await writeFiveEntries(database().db);
  });

  function io() {
    const lines = { out: [] as string[], err: [] as string[] };
    return { lines, io: { out: (text: string) => lines.out.push(text), err: (text: string) => lines.err.push(text) } };
  }

  it('says the trail is intact and exits 0', async () => {
    const { lines, io: streams } = io();
    expect(await runAuditVerify(database().db, streams)).toBe(0);
    expect(lines).toEqual({ out: ['Audit trail intact: 5 entries checked.'], err: [] });
  });

  it('names the first bad entry on stderr and exits 1', async () => {
    const { db } = database();
    await asSuperuser(db, 'delete from audit_log where seq = 2');
    const { lines, io: streams } = io();
    expect(await runAuditVerify(db, streams)).toBe(1);
    expect(lines).toEqual({ out: [], err: ['Audit trail broken at entry #2: missing (entry #2 is absent)'] });
  });
});

describe('verify options', () => {
  it('refuses a batch size that would never advance', async () => {
    await expect(verifyAuditTrail({} as Db, { batchSize: 0 })).rejects.toThrow(RangeError);
  });
});
