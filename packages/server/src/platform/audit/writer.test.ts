import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { createAuditWriter, recordAudit, verifyAuditTrail, type AuditEntryInput } from './audit.js';
import { addChains } from './store.js';
import { emptyTrail, practitioner } from './testing.js';

const read = (patientId: string = randomUUID()): AuditEntryInput => ({
  actor: practitioner(),
  action: 'patient.read',
  resource: { type: 'Patient', id: patientId },
  patientId,
});

describeEachDatabase('group commit of audit entries', (database, kind) => {
  beforeEach(async () => {
    await emptyTrail(database().db);
    await addChains(database().db, 4);
  });

  it('commits the entries of 200 concurrent reads in a few statements, each read answered once its entry is stored', async () => {
    const { db } = database();
    const writer = createAuditWriter(db, { maxInFlight: kind === 'postgres' ? 2 : 1 });
    const stored = (hash: string) => db.selectFrom('audit_log').select('hash').where('hash', '=', hash).executeTakeFirst();
    const answered = await Promise.all(
      Array.from({ length: 200 }, async () => {
        const [entry] = await writer.record(read());
        // The moment the promise settles, the entry is committed: another connection sees it.
        expect(await stored(entry!.hash)).toBeDefined();
        return entry!;
      }),
    );
    expect(new Set(answered.map((e) => `${e.chain}:${e.seq}`)).size).toBe(200);
    // Rows a transaction wrote share its id (xmin): far fewer transactions than entries.
    const { rows } = await sql<{ n: number }>`select count(distinct xmin::text)::int as n from audit_log`.execute(db);
    expect(rows[0]!.n).toBeLessThan(50);
    expect(await verifyAuditTrail(db)).toEqual({ ok: true, checked: 200 });
  });

  it("keeps a request's entries together and in order", async () => {
    const { db } = database();
    const writer = createAuditWriter(db);
    const patientIds: string[] = Array.from({ length: 5 }, () => randomUUID());
    const [mine] = await Promise.all([
      writer.record(patientIds.map((id) => read(id))),
      ...Array.from({ length: 30 }, () => writer.record(read())),
    ]);
    expect(mine.map((e) => e.chain)).toEqual(patientIds.map(() => mine[0]!.chain));
    expect(mine.map((e) => e.seq)).toEqual(patientIds.map((_, i) => mine[0]!.seq + i));
    await writer.close();
    expect(await verifyAuditTrail(db)).toEqual({ ok: true, checked: 35 });
  });

  it('shares the chains with transactions writing at the same time, every chain staying valid', async () => {
    const { db } = database();
    const writer = createAuditWriter(db, { maxInFlight: kind === 'postgres' ? 2 : 1 });
    await Promise.all(
      Array.from({ length: 150 }, (_, i) =>
        i % 3 === 0 ? db.transaction().execute((tx) => recordAudit(tx, { ...read(), action: 'patient.update' })) : writer.record(read()),
      ),
    );
    await writer.close();
    expect(await verifyAuditTrail(db)).toEqual({ ok: true, checked: 150 });
    const heads = await db.selectFrom('audit_chain').select(['id', 'seq']).execute();
    expect(heads.reduce((n, h) => n + Number(h.seq), 0)).toBe(150);
  });

  it('fails only the request whose entry the database refuses', async () => {
    const { db } = database();
    const writer = createAuditWriter(db, { maxInFlight: 1 });
    // Year −10000: a valid JavaScript date that no timestamptz holds, so that only the database refuses it.
    const refused = { ...read(), at: new Date('-010000-01-01T00:00:00.000Z') };
    const results = await Promise.allSettled([writer.record(read()), writer.record(read()), writer.record(refused), writer.record(read())]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(await verifyAuditTrail(db)).toEqual({ ok: true, checked: 3 });
  });

  it('stores text as hashed, whatever its characters, in a batch as in a transaction', async () => {
    const { db } = database();
    const writer = createAuditWriter(db);
    const awkward = ['NULL', '', 'a "quoted", {braced} \\ back\\slash', "l'apostrophe, é, 漢字, 🩺", '{}', '\t\n'];
    const entries = awkward.map((text) => ({
      ...read(),
      reason: text,
      address: text.slice(0, 100),
      resource: { type: 'Patient', id: text },
    }));
    await writer.record(entries);
    await db.transaction().execute((tx) => recordAudit(tx, entries[2]!));
    const stored = await db.selectFrom('audit_log').select(['reason', 'address', 'resource_id']).execute();
    const expected = [...awkward, awkward[2]].sort();
    expect(stored.map((r) => r.reason).sort()).toEqual(expected);
    expect(stored.map((r) => r.resource_id).sort()).toEqual(expected);
    expect(await verifyAuditTrail(db)).toEqual({ ok: true, checked: awkward.length + 1 });
  });

  it('refuses prose, or a value the trail cannot keep, before it joins a batch', async () => {
    const writer = createAuditWriter(database().db);
    await expect(writer.record({ ...read(), action: 'read the questionnaire' })).rejects.toThrow(/action/);
    await expect(writer.record({ ...read(), patientId: 'not-a-uuid' })).rejects.toThrow(/patient id/);
    await expect(writer.record({ ...read(), reason: 'x'.repeat(501) })).rejects.toThrow(/reason/);
    await expect(writer.record({ ...read(), reason: 'nul \u0000 byte' })).rejects.toThrow(/reason/);
  });

  it('flushes on close, then refuses new entries', async () => {
    const { db } = database();
    const writer = createAuditWriter(db);
    const pending = Array.from({ length: 10 }, () => writer.record(read()));
    await writer.close();
    const settled = await Promise.allSettled(pending);
    expect(settled.every((s) => s.status === 'fulfilled')).toBe(true);
    await expect(writer.record(read())).rejects.toThrow(/closed/);
    expect(await verifyAuditTrail(db)).toEqual({ ok: true, checked: 10 });
  });
});
