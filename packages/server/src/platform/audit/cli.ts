import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../database/database.js';
import { checkpointKey, LATEST_CHECKPOINT_FILE, readLatestCheckpoint, SIGNING_KEY_FILE, type CheckpointKey } from './checkpoint.js';
import { verifyAuditTrail, type VerifyOptions } from './verify.js';

interface Io {
  out(text: string): void;
  err(text: string): void;
}

/**
 * What `parcours audit verify` holds the trail to, from outside the database: the signing key
 * (`signingKey`, PEM — the public half is enough — else the key file a server generated in the
 * data directory) and the last checkpoint a server wrote there. Absent files are no error: a
 * trail never checkpointed is still verified, without them.
 */
export async function auditVerifyOptions(settings: { dataDir: string; signingKey?: string | undefined }): Promise<VerifyOptions> {
  let key: CheckpointKey | undefined;
  if (settings.signingKey) key = checkpointKey(settings.signingKey);
  else {
    const pem = await fs.readFile(path.join(settings.dataDir, SIGNING_KEY_FILE), 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (pem) key = checkpointKey(pem);
  }
  const published = await readLatestCheckpoint(path.join(settings.dataDir, LATEST_CHECKPOINT_FILE));
  return { ...(key ? { key } : {}), ...(published ? { published } : {}) };
}

/** `parcours audit verify`: exit 0 when the whole trail holds, 1 naming the first bad entry. */
export async function runAuditVerify(db: Db, io: Io, options: VerifyOptions = {}): Promise<number> {
  const result = await verifyAuditTrail(db, options);
  if (result.ok) {
    io.out(`Audit trail intact: ${result.checked} entries checked.`);
    const { checkpoint } = result;
    if (checkpoint)
      io.out(
        `It holds checkpoint #${checkpoint.seq} of ${checkpoint.at.toISOString()}` +
          (checkpoint.signatureChecked ? `, signed by key ${options.key!.keyId}.` : ' (signatures not checked: no key given).'),
      );
    return 0;
  }
  const { chain, seq, problem, detail } = result.firstBad;
  if (problem === 'checkpoint') io.err(`Audit trail broken at checkpoint #${seq}: ${detail}`);
  else io.err(`Audit trail broken at entry #${seq}${chain === undefined ? '' : ` of chain ${chain}`}: ${problem} (${detail})`);
  return 1;
}
