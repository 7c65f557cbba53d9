import { generateKeyPairSync, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../database/database.js';
import { describeEachDatabase } from '../testing/databases.js';
import {
  auditVerifyOptions,
  AuditTamperedError,
  checkpointFromJson,
  checkpointKey,
  checkpointToJson,
  createAuditTrail,
  createAuditWriter,
  loadOrCreateCheckpointKey,
  publishCheckpoint,
  recordAudit,
  runAuditVerify,
  verifyAuditTrail,
  type SignedCheckpoint,
} from './audit.js';
import { InProcessEventBus, type EventBus } from '../events/index.js';
import { createLogger } from '../logger.js';
import { checkpointHolds } from './checkpoint.js';
import { addChains } from './store.js';
import { asSuperuser, emptyTrail, practitioner } from './testing.js';

const newKey = () => checkpointKey(generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }) as string);
const key = newKey();

const read = () => ({ actor: practitioner(), action: 'patient.read', resource: { type: 'Patient' }, patientId: randomUUID() });

/** Entries #1..#n in chain 0, one transaction each, as the services write them. */
async function write(db: Db, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await db.transaction().execute((tx) => recordAudit(tx, read()));
}

/** What a superuser does to hide the newest entries: delete them and set the head back to what is left. */
const cutChainZeroAfter = (seq: number) => [
  `delete from audit_log where chain = 0 and seq > ${seq}`,
  `update audit_chain set seq = ${seq}, hash = (select hash from audit_log where chain = 0 and seq = ${seq}) where id = 0`,
];

describeEachDatabase('signed checkpoints of the audit trail', (database) => {
  beforeEach(() => emptyTrail(database().db));

  it('signs every chain head, and only when the trail moved', async () => {
    const { db } = database();
    await addChains(db, 3);
    await write(db, 4);
    const first = await publishCheckpoint(db, key);
    expect(first).toMatchObject({
      seq: 1,
      heads: [
        { chain: 0, seq: 4 },
        { chain: 1, seq: 0 },
        { chain: 2, seq: 0 },
      ],
      keyId: key.keyId,
    });
    expect(checkpointHolds(first!, key)).toEqual({ hashed: true, signed: true });
    expect(await publishCheckpoint(db, key)).toBeNull();
    await write(db, 1);
    const second = await publishCheckpoint(db, key);
    expect(second).toMatchObject({ seq: 2, prevHash: first!.hash, heads: [{ chain: 0, seq: 5 }, {}, {}] });
    expect(await verifyAuditTrail(db, { key })).toEqual({
      ok: true,
      checked: 5,
      checkpoint: { seq: 2, at: second!.at, signatureChecked: true },
    });
  });

  it('fails verify once the newest entries are deleted (the head still names them)', async () => {
    const { db } = database();
    await write(db, 5);
    await asSuperuser(db, 'delete from audit_log where seq > 3');
    expect(await verifyAuditTrail(db)).toEqual({
      ok: false,
      checked: 3,
      firstBad: { seq: 4, problem: 'missing', detail: "entries #4 to #5 are absent (its chain's head names #5)" },
    });
  });

  it('fails verify once the newest entries are deleted and the head set back, through the last signed checkpoint', async () => {
    const { db } = database();
    await write(db, 5);
    await publishCheckpoint(db, key);
    await asSuperuser(db, ...cutChainZeroAfter(3));
    expect(await verifyAuditTrail(db, { key })).toEqual({
      ok: false,
      checked: 3,
      firstBad: { seq: 4, problem: 'missing', detail: 'entries #4 to #5 are absent (checkpoint #1 signed #5)' },
    });
    const lines: string[] = [];
    expect(await runAuditVerify(db, { out: (t) => lines.push(t), err: (t) => lines.push(t) }, { key })).toBe(1);
    expect(lines).toEqual(['Audit trail broken at entry #4: missing (entries #4 to #5 are absent (checkpoint #1 signed #5))']);
  });

  it('fails verify once entries and checkpoints are both cut back, through the checkpoint published outside', async () => {
    const { db } = database();
    await write(db, 3);
    await publishCheckpoint(db, key);
    await write(db, 2);
    const published = checkpointFromJson(JSON.parse(JSON.stringify(checkpointToJson((await publishCheckpoint(db, key))!))));
    await asSuperuser(db, ...cutChainZeroAfter(3), 'delete from audit_checkpoint where seq = 2');
    // What the database alone says holds together…
    expect(await verifyAuditTrail(db, { key })).toMatchObject({ ok: true, checked: 3 });
    // …but not with the checkpoint the bus or the file kept.
    expect(await verifyAuditTrail(db, { key, published })).toEqual({
      ok: false,
      checked: 3,
      firstBad: {
        seq: 2,
        problem: 'checkpoint',
        detail: `checkpoint #2, published at ${published.at.toISOString()}, is absent: the newest checkpoints were removed`,
      },
    });
  });

  it('names a chain rewritten and signed again with another key', async () => {
    const { db } = database();
    await write(db, 3);
    await publishCheckpoint(db, newKey());
    expect(await verifyAuditTrail(db, { key })).toMatchObject({
      ok: false,
      firstBad: { seq: 1, problem: 'checkpoint', detail: expect.stringMatching(/^it is signed by key [0-9a-f]{16}, not /) },
    });
    // Without the key, the signature is not checked, and verify says so.
    const lines: string[] = [];
    expect(await runAuditVerify(db, { out: (t) => lines.push(t), err: (t) => lines.push(t) })).toBe(0);
    expect(lines[1]).toMatch(/^It holds checkpoint #1 of .* \(signatures not checked: no key given\)\.$/);
  });

  it('names a checkpoint altered or removed from the middle', async () => {
    const { db } = database();
    for (let i = 0; i < 3; i++) {
      await write(db, 1);
      await publishCheckpoint(db, key);
    }
    await asSuperuser(db, `update audit_checkpoint set heads = '[[0, 1, "${'a'.repeat(64)}"]]' where seq = 2`);
    expect(await verifyAuditTrail(db, { key })).toMatchObject({
      ok: false,
      firstBad: { seq: 2, problem: 'checkpoint', detail: 'its content does not match its hash' },
    });
    await asSuperuser(db, 'delete from audit_checkpoint where seq = 2');
    expect(await verifyAuditTrail(db, { key })).toMatchObject({
      firstBad: { seq: 2, problem: 'checkpoint', detail: 'checkpoint #2 is absent' },
    });
  });

  it('refuses to sign a trail cut back since the last checkpoint', async () => {
    const { db } = database();
    await write(db, 4);
    await publishCheckpoint(db, key);
    await asSuperuser(db, ...cutChainZeroAfter(2));
    await write(db, 3);
    await expect(publishCheckpoint(db, key)).rejects.toThrow(AuditTamperedError);
  });
});

describeEachDatabase('the audit trail as a server runs it', (database, kind) => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'parcours-audit-trail-'));
  });
  afterAll(() => fs.rm(dataDir, { recursive: true, force: true }));
  beforeEach(() => emptyTrail(database().db));

  it('generates its key once, publishes each checkpoint to the hook and the file, and verify holds the trail to both', async () => {
    const { db } = database();
    const published: SignedCheckpoint[] = [];
    const trail = createAuditTrail({ db, kind, dataDir, checkpointEveryMs: 0, onCheckpoint: (c) => void published.push(c) });
    await trail.start();
    await trail.record([read(), read()]);
    const first = await trail.checkpoint();
    expect(published).toEqual([first]);
    await trail.record(read());
    await trail.close(); // signs what came since
    expect(published.map((c) => c.seq)).toEqual([1, 2]);
    expect(published[1]!.heads.reduce((n, h) => n + h.seq, 0)).toBe(3);

    const options = await auditVerifyOptions({ dataDir });
    expect(options.key?.keyId).toBe(published[0]!.keyId);
    expect(options.published).toEqual(published[1]);
    const lines: string[] = [];
    expect(await runAuditVerify(db, { out: (t) => lines.push(t), err: (t) => lines.push(t) }, options)).toBe(0);
    expect(lines).toEqual([
      'Audit trail intact: 3 entries checked.',
      `It holds checkpoint #2 of ${published[1]!.at.toISOString()}, signed by key ${options.key!.keyId}.`,
    ]);
    // The same key on the next start.
    expect((await loadOrCreateCheckpointKey(path.join(dataDir, 'audit-signing-key.pem'))).keyId).toBe(options.key!.keyId);
  });

  it('publishes checkpoints on the event bus, where a witness keeps what verify then holds the trail to', async () => {
    const { db } = database();
    const bus: EventBus = new InProcessEventBus(createLogger('silent'));
    const witnessed: SignedCheckpoint[] = [];
    bus.subscribe('audit.checkpoint', (event) => void witnessed.push(checkpointFromJson(event.payload)));
    const trail = createAuditTrail({
      db,
      kind,
      dataDir,
      checkpointEveryMs: 0,
      onCheckpoint: (c) => void bus.publish('audit.checkpoint', checkpointToJson(c)),
    });
    await trail.start();
    await trail.record([read(), read(), read()]);
    await trail.close();
    await bus.close();
    expect(witnessed).toHaveLength(1);
    const { key: verifyKey } = await auditVerifyOptions({ dataDir });
    // Everything the database held, entries, heads and checkpoints, wiped: only the witness remembers.
    await emptyTrail(db);
    expect(await verifyAuditTrail(db, { key: verifyKey!, published: witnessed[0]! })).toMatchObject({
      ok: false,
      firstBad: { problem: 'checkpoint', detail: expect.stringMatching(/^checkpoint #1, published at .*, is absent/) },
    });
  });

  it('signs on its own while the trail moves', async () => {
    const { db } = database();
    const published: SignedCheckpoint[] = [];
    const trail = createAuditTrail({ db, kind, dataDir, checkpointEveryMs: 50, onCheckpoint: (c) => void published.push(c) });
    await trail.start();
    await trail.record(read());
    await expect.poll(() => published.length, { timeout: 5_000 }).toBeGreaterThan(0);
    await trail.close();
  });
});

describe('checkpoint keys', () => {
  it('refuses a key that is not Ed25519', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
    expect(() => checkpointKey(rsa)).toThrow(/Ed25519/);
  });

  it('checks with the public half alone', () => {
    const publicOnly = checkpointKey(key.publicKey.export({ format: 'pem', type: 'spki' }) as string);
    expect(publicOnly.keyId).toBe(key.keyId);
    expect(publicOnly.privateKey).toBeUndefined();
  });

  it('two processes creating the key at once end with the same one', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'parcours-audit-key-'));
    try {
      const file = path.join(dir, 'audit-signing-key.pem');
      const [a, b] = await Promise.all([loadOrCreateCheckpointKey(file), loadOrCreateCheckpointKey(file)]);
      expect(a.keyId).toBe(b.keyId);
      expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

// The writer is what servers use for reads; its entries are checkpointed like the others.
describeEachDatabase('checkpoints over group-committed entries', (database) => {
  beforeEach(() => emptyTrail(database().db));

  it('covers the chains the writer appended to', async () => {
    const { db } = database();
    await addChains(db, 4);
    const writer = createAuditWriter(db);
    await Promise.all(Array.from({ length: 40 }, () => writer.record(read())));
    const checkpoint = await publishCheckpoint(db, key);
    expect(checkpoint!.heads.reduce((n, h) => n + h.seq, 0)).toBe(40);
    expect(await verifyAuditTrail(db, { key, published: checkpoint })).toMatchObject({ ok: true, checked: 40 });
  });
});
