import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../database/database.js';
import { sha256Hex } from '../sha256.js';
import { GENESIS_HASH } from './chain.js';
import {
  chainHeads,
  hashesAt,
  insertCheckpoint,
  lastCheckpoint,
  lockCheckpoints,
  placeKey,
  type ChainHead,
  type SignedCheckpoint,
} from './store.js';

export type { SignedCheckpoint } from './store.js';

/**
 * An Ed25519 key: the private half signs checkpoints (servers), the public half checks them
 * (`parcours audit verify`, or an outside auditor given only the public key).
 */
export interface CheckpointKey {
  /** The start of the sha256 of the raw public key, stored with each signature. */
  keyId: string;
  publicKey: KeyObject;
  privateKey?: KeyObject;
}

/** The key file a server generates in DATA_DIR on first start when none is configured. */
export const SIGNING_KEY_FILE = 'audit-signing-key.pem';
/** The last checkpoint, as published, kept beside the data so that verify can hold the trail to it. */
export const LATEST_CHECKPOINT_FILE = 'audit-checkpoint.json';

/** A key from PEM: a private key (PKCS#8) signs and checks, a public key (SPKI) only checks. */
export function checkpointKey(pem: string): CheckpointKey {
  if (pem.includes('PRIVATE KEY')) {
    const privateKey = createPrivateKey(pem);
    return withId({ privateKey, publicKey: createPublicKey(privateKey) });
  }
  return withId({ publicKey: createPublicKey(pem) });
}

function withId(key: { publicKey: KeyObject; privateKey?: KeyObject }): CheckpointKey {
  if (key.publicKey.asymmetricKeyType !== 'ed25519') throw new Error('The audit signing key must be an Ed25519 key');
  const raw = key.publicKey.export({ format: 'der', type: 'spki' });
  return { ...key, keyId: createHash('sha256').update(raw).digest('hex').slice(0, 16) };
}

/**
 * The key in `file`, or a new one written there (readable by its owner only) when there is none.
 * Two processes starting together agree: the file is created exclusively, and the loser reads it.
 */
export async function loadOrCreateCheckpointKey(file: string): Promise<CheckpointKey> {
  try {
    return checkpointKey(await fs.readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
  await fs.mkdir(path.dirname(file), { recursive: true });
  try {
    await fs.writeFile(file, pem, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return checkpointKey(await fs.readFile(file, 'utf8'));
  }
  return checkpointKey(pem);
}

/**
 * What is signed: the canonical JSON of the checkpoint's number, time (ISO 8601, milliseconds),
 * heads ([chain, seq, hash] by chain) and the previous checkpoint's hash. Its sha256 is the
 * checkpoint's hash. Frozen, like the entry hash: an outside auditor recomputes it.
 */
export function checkpointStatement(c: Pick<SignedCheckpoint, 'seq' | 'at' | 'heads' | 'prevHash'>): string {
  return JSON.stringify({ at: c.at.toISOString(), heads: c.heads.map((h) => [h.chain, h.seq, h.hash]), prevHash: c.prevHash, seq: c.seq });
}

export const checkpointHash = (statement: string) => sha256Hex(statement);

/** Whether the checkpoint's hash is that of its statement and its signature is the key's over it. */
export function checkpointHolds(checkpoint: SignedCheckpoint, key: CheckpointKey | undefined): { hashed: boolean; signed: boolean | null } {
  const statement = checkpointStatement(checkpoint);
  const hashed = checkpointHash(statement) === checkpoint.hash;
  if (!key || key.keyId !== checkpoint.keyId) return { hashed, signed: null };
  return { hashed, signed: verify(null, Buffer.from(statement), key.publicKey, Buffer.from(checkpoint.signature, 'base64')) };
}

/** Raised instead of signing heads that do not extend the last checkpoint: someone rewrote the trail. */
export class AuditTamperedError extends Error {
  override name = 'AuditTamperedError';
}

/**
 * Signs every chain's head as the next checkpoint, unless nothing moved since the last one (null).
 * One writer at a time across nodes. Before signing, each head of the last checkpoint must still
 * be in the trail with the same hash: a server never lends its signature to a trail rewritten or
 * cut back since (AuditTamperedError). Returns what to publish, once committed.
 */
export async function publishCheckpoint(db: Db, key: CheckpointKey): Promise<SignedCheckpoint | null> {
  const { privateKey } = key;
  if (!privateKey) throw new Error('A checkpoint is signed with a private key');
  return db.transaction().execute(async (tx) => {
    const at = await lockCheckpoints(tx);
    const previous = await lastCheckpoint(tx);
    const heads = await chainHeads(tx);
    if (previous && sameHeads(previous.heads, heads)) return null;
    if (previous) {
      const stored = await hashesAt(
        tx,
        previous.heads.filter((h) => h.seq > 0),
      );
      const current = new Map(heads.map((h) => [h.chain, h]));
      for (const head of previous.heads) {
        const now = current.get(head.chain);
        if (!now || now.seq < head.seq || (head.seq > 0 && stored.get(placeKey(head.chain, head.seq)) !== head.hash))
          throw new AuditTamperedError(
            `Audit chain ${head.chain} no longer holds entry #${head.seq} as signed in checkpoint #${previous.seq}: not signing`,
          );
      }
    }
    const unsigned = {
      seq: (previous?.seq ?? 0) + 1,
      at: previous && at < previous.at ? previous.at : at,
      heads,
      prevHash: previous?.hash ?? GENESIS_HASH,
    };
    const statement = checkpointStatement(unsigned);
    const checkpoint: SignedCheckpoint = {
      ...unsigned,
      hash: checkpointHash(statement),
      keyId: key.keyId,
      signature: sign(null, Buffer.from(statement), privateKey).toString('base64'),
    };
    await insertCheckpoint(tx, checkpoint);
    return checkpoint;
  });
}

const sameHeads = (a: ChainHead[], b: ChainHead[]) =>
  a.length === b.length && a.every((h, i) => h.chain === b[i]!.chain && h.seq === b[i]!.seq && h.hash === b[i]!.hash);

/** A checkpoint as JSON (for the bus, a file, an auditor), and back. */
export function checkpointToJson(c: SignedCheckpoint): PublishedCheckpoint {
  return { ...c, at: c.at.toISOString(), heads: c.heads.map((h) => ({ ...h })) };
}

export type PublishedCheckpoint = Omit<SignedCheckpoint, 'at'> & { at: string };

export function checkpointFromJson(json: unknown): SignedCheckpoint {
  const c = json as Partial<PublishedCheckpoint>;
  const isHash = (x: unknown) => typeof x === 'string' && /^[0-9a-f]{64}$/.test(x);
  const isCount = (x: unknown) => Number.isSafeInteger(x) && (x as number) >= 0;
  if (
    !c ||
    !isCount(c.seq) ||
    typeof c.at !== 'string' ||
    Number.isNaN(Date.parse(c.at)) ||
    !Array.isArray(c.heads) ||
    !c.heads.every((h) => h && isCount(h.chain) && isCount(h.seq) && isHash(h.hash)) ||
    !isHash(c.prevHash) ||
    !isHash(c.hash) ||
    typeof c.keyId !== 'string' ||
    typeof c.signature !== 'string'
  )
    throw new Error('Not an audit checkpoint');
  return {
    seq: c.seq!,
    at: new Date(c.at),
    heads: c.heads.map((h) => ({ chain: h.chain, seq: h.seq, hash: h.hash })),
    prevHash: c.prevHash!,
    hash: c.hash!,
    keyId: c.keyId,
    signature: c.signature,
  };
}

/** Replaces the file with this checkpoint unless it already holds a later one (written aside, then renamed). */
export async function writeLatestCheckpoint(file: string, checkpoint: SignedCheckpoint): Promise<void> {
  const existing = await readLatestCheckpoint(file).catch(() => null);
  if (existing && existing.seq >= checkpoint.seq) return;
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temporary, JSON.stringify(checkpointToJson(checkpoint)) + '\n');
  await fs.rename(temporary, file);
}

/** The checkpoint in the file, or null when there is no file. */
export async function readLatestCheckpoint(file: string): Promise<SignedCheckpoint | null> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return checkpointFromJson(JSON.parse(text));
}
