/**
 * The writing node of crash.test.ts, run as a child process until the test kills it with SIGKILL:
 * 20 requests at a time record audit entries, two in three through the group-commit writer (reads)
 * and one in three in a transaction of their own (changes), and each entry is printed as a JSON
 * line the moment its promise settles — the moment a server would answer its request.
 * The database is DATABASE_URL (PostgreSQL) or the PGlite data directory DATA_DIR.
 */
import { randomUUID } from 'node:crypto';
import { openDatabase } from '../database/database.js';
import { migrate } from '../database/migrate.js';
import { createAuditTrail, recordAudit } from './audit.js';
import { practitioner } from './testing.js';

const say = (line: object) => process.stdout.write(JSON.stringify(line) + '\n');
const dataDir = process.env.DATA_DIR!;
const database = process.env.DATABASE_URL
  ? openDatabase({ kind: 'postgres', url: process.env.DATABASE_URL, poolSize: 20 })
  : openDatabase({ kind: 'pglite', dataDir });
const { db } = database;
await migrate(db);
const trail = createAuditTrail({ db, kind: database.kind, dataDir, chains: 4, checkpointEveryMs: 20 });
await trail.start();
say({ ready: true });

const entry = () => ({ actor: practitioner(), action: 'patient.read', resource: { type: 'Patient' }, patientId: randomUUID() });
let n = 0;
await Promise.all(
  Array.from({ length: 20 }, async () => {
    for (;;) {
      const [recorded] =
        n++ % 3 === 0
          ? [await db.transaction().execute((tx) => recordAudit(tx, { ...entry(), action: 'patient.update' }))]
          : await trail.record(entry());
      say({ acknowledged: { chain: recorded!.chain, seq: recorded!.seq, hash: recorded!.hash } });
    }
  }),
);
