import { randomUUID } from 'node:crypto';
import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { accessHistory, recordAudit, recordAuditMany } from './audit.js';
import { addChains } from './store.js';
import { emptyTrail, patient, practitioner } from './testing.js';

describeEachDatabase("a patient's access history", (database, kind) => {
  beforeEach(() => emptyTrail(database().db));

  it("lists who accessed the patient's record, newest first, and nobody else's", async () => {
    const { db } = database();
    const organisationId = randomUUID();
    const doctor = practitioner(organisationId);
    const self = patient();
    const patientId = self.patientIds[0]!;
    const otherPatientId = randomUUID();
    const at = (minute: number) => new Date(`2026-03-29T10:${String(minute).padStart(2, '0')}:00.000Z`);
    await db.transaction().execute(async (tx) => {
      await recordAudit(tx, { actor: self, action: 'consent.give', resource: { type: 'Consent', id: randomUUID() }, patientId, at: at(1) });
      await recordAudit(tx, {
        actor: doctor,
        action: 'patient.read',
        resource: { type: 'Patient', id: otherPatientId },
        patientId: otherPatientId,
        at: at(2),
      });
      await recordAudit(tx, { actor: doctor, action: 'patient.read', resource: { type: 'Patient', id: patientId }, patientId, at: at(3) });
      await recordAudit(tx, { actor: null, action: 'organisation.create', resource: { type: 'Organization' }, at: at(4) });
    });

    expect((await accessHistory(db, patientId)).entries).toEqual([
      {
        seq: 3,
        at: at(3),
        actorAccountId: doctor.accountId,
        actorName: null,
        actorRole: 'practitioner',
        organisationId,
        organisationName: null,
        action: 'patient.read',
        resourceType: 'Patient',
      },
      {
        seq: 1,
        at: at(1),
        actorAccountId: self.accountId,
        actorName: null,
        actorRole: 'patient',
        organisationId: null,
        organisationName: null,
        action: 'consent.give',
        resourceType: 'Consent',
      },
    ]);
    expect((await accessHistory(db, randomUUID())).entries).toEqual([]);
  });

  it('pages back in time without skipping entries of the same millisecond', async () => {
    const { db } = database();
    const patientId = randomUUID();
    const doctor = practitioner();
    // One batch: every entry shares the database clock's millisecond.
    await db.transaction().execute((tx) =>
      recordAuditMany(
        tx,
        Array.from({ length: 7 }, () => ({ actor: doctor, action: 'document.read', resource: { type: 'DocumentReference' }, patientId })),
      ),
    );
    const seen: number[] = [];
    let page = (await accessHistory(db, patientId, { limit: 3 })).entries;
    while (page.length > 0) {
      seen.push(...page.map((e) => e.seq));
      const last = page[page.length - 1]!;
      page = (await accessHistory(db, patientId, { limit: 3, before: last.at, beforeSeq: last.seq })).entries;
    }
    expect(seen).toEqual([7, 6, 5, 4, 3, 2, 1]);
  });

  it('pages across chains whose entries share a millisecond and a number', async () => {
    const { db } = database();
    await addChains(db, 3);
    const patientId = randomUUID();
    const doctor = practitioner();
    const at = new Date('2026-03-29T10:00:00.000Z');
    // Three transactions at once, each holding its chain until all three wrote: #1 of chains 0, 1 and 2.
    let arrived = 0;
    let allArrived!: () => void;
    const together = new Promise<void>((resolve) => (allArrived = resolve));
    await Promise.all(
      [0, 1, 2].map(() =>
        db.transaction().execute(async (tx) => {
          await recordAudit(tx, { actor: doctor, action: 'patient.read', resource: { type: 'Patient' }, patientId, at });
          if (++arrived === 3) allArrived();
          // PGlite runs one transaction at a time: they follow one another in chain 0.
          if (kind === 'postgres') await together;
        }),
      ),
    );
    const seen: string[] = [];
    let page = (await accessHistory(db, patientId, { limit: 1 })).entries;
    while (page.length > 0) {
      seen.push(...page.map((e) => `${e.chain ?? 0}:${e.seq}`));
      const last = page[page.length - 1]!;
      page = (await accessHistory(db, patientId, { limit: 1, before: last.at, beforeSeq: last.seq, beforeChain: last.chain ?? 0 })).entries;
    }
    expect(seen).toEqual(kind === 'postgres' ? ['2:1', '1:1', '0:1'] : ['0:3', '0:2', '0:1']);
  });

  it('pages back by time alone', async () => {
    const { db } = database();
    const patientId = randomUUID();
    const doctor = practitioner();
    for (const minute of [1, 2, 3])
      await db.transaction().execute((tx) =>
        recordAudit(tx, {
          actor: doctor,
          action: 'patient.read',
          resource: { type: 'Patient' },
          patientId,
          at: new Date(`2026-03-29T10:0${minute}:00.000Z`),
        }),
      );
    const page = (await accessHistory(db, patientId, { before: new Date('2026-03-29T10:03:00.000Z') })).entries;
    expect(page.map((e) => e.seq)).toEqual([2, 1]);
  });

  it('refuses a page size out of bounds', async () => {
    const { db } = database();
    await expect(accessHistory(db, randomUUID(), { limit: 0 })).rejects.toThrow(RangeError);
    await expect(accessHistory(db, randomUUID(), { limit: 201 })).rejects.toThrow(RangeError);
  });
});
