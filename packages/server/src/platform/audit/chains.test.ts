import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../database/database.js';
import { migrate, readMigrations } from '../database/migrate.js';
import { createEmptyPostgresDatabase, DATABASE_LABEL, describeEachDatabase, testedDatabases } from '../testing/databases.js';
import { entryHash, GENESIS_HASH } from './chain.js';
import { recordAudit, recordAuditMany, verifyAuditTrail } from './audit.js';
import { addChains } from './store.js';
import { asSuperuser, emptyTrail, practitioner } from './testing.js';

const read = (patientId: string = randomUUID()) => ({
  actor: practitioner(),
  action: 'patient.read',
  resource: { type: 'Patient' },
  patientId,
});

describeEachDatabase('audit chains', (database, kind) => {
  beforeEach(async () => {
    await emptyTrail(database().db);
    await addChains(database().db, 4);
  });

  const entries = () =>
    database()
      .db.selectFrom('audit_log')
      .select(['chain', 'seq', 'hash', 'prev_hash', 'patient_id'])
      .orderBy('chain')
      .orderBy('seq')
      .execute();

  it('spreads 200 concurrent transactions over the chains, each chain numbered without gap and valid', async () => {
    const { db } = database();
    await Promise.all(
      Array.from({ length: 200 }, () =>
        db.transaction().execute(async (tx) => {
          await sql`select 1`.execute(tx);
          await recordAudit(tx, read());
        }),
      ),
    );
    const rows = await entries();
    expect(rows).toHaveLength(200);
    const byChain = new Map<number, typeof rows>();
    for (const r of rows) byChain.set(Number(r.chain), [...(byChain.get(Number(r.chain)) ?? []), r]);
    for (const [, chain] of byChain) expect(chain.map((r) => Number(r.seq))).toEqual(chain.map((_, i) => i + 1));
    // PGlite has one connection: transactions come one at a time and all find chain 0 free.
    if (kind === 'postgres') expect(byChain.size).toBeGreaterThan(1);
    else expect([...byChain.keys()]).toEqual([0]);
    const heads = await db.selectFrom('audit_chain').select(['id', 'seq']).orderBy('id').execute();
    expect(heads.map((h) => Number(h.seq))).toEqual([0, 1, 2, 3].map((c) => byChain.get(c)?.length ?? 0));
    expect(await verifyAuditTrail(db)).toEqual({ ok: true, checked: 200 });
  });

  it("keeps a transaction's entries in one chain, in order, while others write", async () => {
    const { db } = database();
    const patientIds: string[] = Array.from({ length: 6 }, () => randomUUID());
    const [mine] = await Promise.all([
      db.transaction().execute(async (tx) => {
        const first = await recordAudit(tx, read(patientIds[0]));
        await new Promise((resolve) => setTimeout(resolve, 50));
        const rest = await recordAuditMany(
          tx,
          patientIds.slice(1).map((id) => read(id)),
        );
        return [first, ...rest];
      }),
      ...Array.from({ length: 20 }, () => db.transaction().execute((tx) => recordAudit(tx, read()))),
    ]);
    expect(new Set(mine.map((e) => e.chain)).size).toBe(1);
    expect(mine.map((e) => e.seq)).toEqual(mine.map((_, i) => mine[0]!.seq + i));
    const rows = await entries();
    expect(rows.filter((r) => Number(r.chain) === mine[0]!.chain && patientIds.includes(r.patient_id!)).map((r) => r.patient_id)).toEqual(
      patientIds,
    );
    expect(await verifyAuditTrail(db)).toEqual({ ok: true, checked: 26 });
  });

  it('writes nothing, and moves no head, when the caller rolls back', async () => {
    const { db } = database();
    await db
      .transaction()
      .execute(async (tx) => {
        await recordAudit(tx, read());
        throw new Error('the use case failed');
      })
      .catch(() => {});
    const heads = await db.selectFrom('audit_chain').select('seq').execute();
    expect(heads.every((h) => Number(h.seq) === 0)).toBe(true);
    expect(await entries()).toEqual([]);
  });

  it('refuses to record outside a transaction', async () => {
    await expect(recordAudit(database().db as never, read())).rejects.toThrow(/transaction/);
  });

  it('finds an entry moved to the same place in another chain: each chain hashes its number', async () => {
    const { db } = database();
    // The first entry of chains 1 and 2, written in place (recordAudit takes whichever chain is free).
    for (const chain of [1, 2])
      await db.transaction().execute(async (tx) => {
        const fields = { chain, seq: 1, at: new Date('2026-03-29T10:00:00.000Z'), ...fieldsOf(read()) };
        await tx
          .insertInto('audit_log')
          .values({ ...row(fields), prev_hash: GENESIS_HASH, hash: entryHash(GENESIS_HASH, fields) })
          .execute();
        await tx
          .updateTable('audit_chain')
          .set({ seq: 1, hash: entryHash(GENESIS_HASH, fields) })
          .where('id', '=', chain)
          .execute();
      });
    expect(await verifyAuditTrail(db)).toEqual({ ok: true, checked: 2 });
    await asSuperuser(
      db,
      'update audit_log set chain = 3 where chain = 2',
      `update audit_chain set seq = 0, hash = repeat('0', 64) where id = 2`,
    );
    expect(await verifyAuditTrail(db)).toMatchObject({ ok: false, checked: 1, firstBad: { chain: 3, seq: 1, problem: 'altered' } });
  });
});

function fieldsOf(input: ReturnType<typeof read>) {
  return {
    actorAccountId: input.actor.accountId,
    actorRole: 'practitioner',
    organisationId: null,
    patientId: input.patientId,
    action: input.action,
    resourceType: input.resource.type,
    resourceId: null,
    address: null,
    reason: null,
  };
}

function row(f: ReturnType<typeof fieldsOf> & { chain: number; seq: number; at: Date }) {
  return {
    chain: f.chain,
    seq: f.seq,
    at: f.at,
    actor_account_id: f.actorAccountId,
    actor_role: f.actorRole,
    organisation_id: f.organisationId,
    patient_id: f.patientId,
    action: f.action,
    resource_type: f.resourceType,
    resource_id: f.resourceId,
    address: f.address,
    reason: f.reason,
  };
}

describe('migrating a trail written before chains existed', () => {
  for (const kind of testedDatabases()) {
    let drop: (() => Promise<void>) | undefined;
    afterAll(() => drop?.());

    it(`[${DATABASE_LABEL[kind]}] keeps it valid as chain 0, and goes on from its last entry`, async () => {
      let database: Database;
      if (kind === 'postgres') {
        const created = await createEmptyPostgresDatabase();
        drop = created.drop;
        database = openDatabase({ kind: 'postgres', url: created.url, poolSize: 2 });
      } else database = openDatabase({ kind: 'pglite' });
      const { db } = database;
      try {
        const all = await readMigrations();
        const chainsMigration = all.findIndex((m) => m.name.endsWith('_audit_chains.sql'));
        await migrate(db, all.slice(0, chainsMigration));
        // Three entries as the single-lock writer stored them: numbers 1 to 3, the hash without a chain.
        let prevHash = GENESIS_HASH;
        for (const seq of [1, 2, 3]) {
          const fields = { seq, at: new Date(`2026-03-29T10:0${seq}:00.000Z`), ...fieldsOf(read()) };
          const hash = entryHash(prevHash, fields);
          await sql`insert into audit_log (seq, at, actor_account_id, actor_role, organisation_id, patient_id, action,
                      resource_type, resource_id, address, reason, prev_hash, hash)
                    values (${seq}, ${fields.at}, ${fields.actorAccountId}, ${fields.actorRole}, null, ${fields.patientId},
                      ${fields.action}, ${fields.resourceType}, null, null, null, ${prevHash}, ${hash})`.execute(db);
          prevHash = hash;
        }
        await migrate(db, all);
        expect(await verifyAuditTrail(db)).toEqual({ ok: true, checked: 3 });
        const next = await db.transaction().execute((tx) => recordAudit(tx, read()));
        expect(next).toMatchObject({ chain: 0, seq: 4 });
        const fourth = await db.selectFrom('audit_log').select('prev_hash').where('seq', '=', 4).executeTakeFirstOrThrow();
        expect(fourth.prev_hash).toBe(prevHash);
        expect(await verifyAuditTrail(db)).toEqual({ ok: true, checked: 4 });
      } finally {
        await database.close();
      }
    });
  }
});
