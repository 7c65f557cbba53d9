import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

/** Types read the same on PGlite as on node-postgres (see postgres.ts): dates stay `YYYY-MM-DD` strings. */
export const PGLITE_PARSERS = { 1082: (value: string) => value };

/**
 * One embedded node serves one site: 32 MB of shared buffers (PostgreSQL's default is 128 MB) keep
 * the idle process small, and the data files still sit in the operating system's page cache.
 */
export const PGLITE_SETTINGS = ['shared_buffers=32MB'];

/**
 * Creates a new data directory (initdb) in a short-lived child process. Run in-process, initdb grows
 * the WebAssembly heap to ~600 MB that is never given back to the system; the node would idle at
 * twice the memory it needs. Does nothing when the directory holds a cluster already.
 */
export async function initialiseDataDir(dataDir: string): Promise<void> {
  if (fs.existsSync(path.join(dataDir, 'PG_VERSION'))) return;
  const pglite = pathToFileURL(createRequire(import.meta.url).resolve('@electric-sql/pglite')).href;
  const script = `const { PGlite } = await import(${JSON.stringify(pglite)}); await (await PGlite.create({ dataDir: process.argv[1] })).close();`;
  await new Promise<void>((resolve, reject) =>
    execFile(process.execPath, ['--input-type=module', '-e', script, dataDir], (error, _stdout, stderr) =>
      error ? reject(new Error(`initdb of ${dataDir} failed: ${stderr.slice(0, 500)}`)) : resolve(),
    ),
  );
}

/**
 * One process at a time opens a data directory: PGlite has no server to share it, and a second
 * writer would corrupt it. The lock file holds the owner's pid; one left by a dead process is taken
 * over. Returns the release.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, 'parcours.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(fs.readFileSync(file, 'utf8'));
      if (isRunning(owner) && owner !== process.pid)
        throw new Error(
          `The data directory ${dataDir} is in use by another Parcours process (pid ${owner}). ` +
            'Stop it first, or set DATA_DIR to another directory (or DATABASE_URL to share a PostgreSQL server).',
        );
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock the data directory ${dataDir}`);
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

type Command = PostgresQueryResult<unknown>['command'];

function commandOf(sql: string): Command {
  const verb = /^\s*(?:with\b[\s\S]*?\)\s*)?(insert|update|delete|merge)\b/i.exec(sql)?.[1];
  return (verb?.toUpperCase() as Command | undefined) ?? 'SELECT';
}

/**
 * PGlite is one connection: this pool lends it to one holder at a time, so a transaction is never
 * interleaved with another caller's statements. Statements without parameters go through `exec`,
 * which also runs multi-statement scripts (migrations).
 */
export function pglitePool(open: () => Promise<PGlite>): PostgresPool & { pglite: () => Promise<PGlite> } {
  let instance: Promise<PGlite> | undefined;
  const pglite = () => (instance ??= open());
  let queue: Promise<void> = Promise.resolve();

  return {
    pglite,
    async connect(): Promise<PostgresPoolClient> {
      const db = await pglite();
      let release!: () => void;
      const turn = new Promise<void>((resolve) => (release = resolve));
      const previous = queue;
      queue = queue.then(() => turn);
      await previous;
      const client = {
        async query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
          if (parameters.length === 0) {
            const results = await db.exec(sql);
            const last = results[results.length - 1];
            return { command: commandOf(sql), rowCount: last?.affectedRows ?? 0, rows: (last?.rows ?? []) as R[] };
          }
          const result = await db.query<R>(sql, parameters as unknown[]);
          return { command: commandOf(sql), rowCount: result.affectedRows ?? result.rows.length, rows: result.rows };
        },
        release,
      };
      return client as PostgresPoolClient;
    },
    async end() {
      if (instance) await (await instance).close();
    },
  };
}
