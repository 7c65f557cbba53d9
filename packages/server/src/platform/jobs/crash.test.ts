import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createEmptyPostgresDatabase, DATABASE_LABEL, testedDatabases } from '../testing/databases.js';

const NODE_SCRIPT = fileURLToPath(new URL('./crash-node.ts', import.meta.url));
const REPOSITORY = fileURLToPath(new URL('../../../../../', import.meta.url));

interface Child {
  /** Resolves with the first JSON line on stdout that has this key. */
  line(key: string): Promise<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(): void;
  output(): string;
}

function startNode(env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', NODE_SCRIPT], {
    cwd: REPOSITORY,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const lines: Record<string, unknown>[] = [];
  const waiting: { key: string; resolve: (line: Record<string, unknown>) => void }[] = [];
  let buffered = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
    buffered += chunk;
    const complete = buffered.split('\n');
    buffered = complete.pop()!;
    for (const text of complete) {
      try {
        const line = JSON.parse(text) as Record<string, unknown>;
        lines.push(line);
        for (const w of waiting.filter((w) => w.key in line)) w.resolve(line);
      } catch {
        // not one of ours
      }
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    line: (key) =>
      new Promise((resolve, reject) => {
        const seen = lines.find((l) => key in l);
        if (seen) return resolve(seen);
        waiting.push({ key, resolve });
        void exited.then(() => reject(new Error(`node exited before printing ${key}:\n${output}`)));
      }),
    exited,
    kill: () => child.kill('SIGKILL'),
    output: () => output,
  };
}

describe('jobs: a job caught by kill -9 runs exactly once to completion after restart', () => {
  for (const kind of testedDatabases()) {
    it(
      `[${DATABASE_LABEL[kind]}] retries the killed run and the job due meanwhile, each completed once`,
      { timeout: 120_000 },
      async () => {
        let env: Record<string, string>;
        let cleanUp: () => Promise<void>;
        if (kind === 'postgres') {
          const { url, drop } = await createEmptyPostgresDatabase();
          env = { DATABASE_URL: url };
          cleanUp = drop;
        } else {
          const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'parcours-jobs-crash-'));
          env = { DATA_DIR: dir, DATABASE_URL: '' };
          cleanUp = () => fs.rm(dir, { recursive: true, force: true });
        }
        try {
          const first = startNode({ ...env, CRASH_STAGE: 'first' });
          expect(await first.line('running')).toEqual({ running: 'now', attempt: 1 });
          first.kill();
          expect((await first.exited).signal).toBe('SIGKILL');

          const restarted = startNode({ ...env, CRASH_STAGE: 'restart' });
          const { runs } = (await restarted.line('runs')) as { runs: { key: string; event: string; attempt: number }[] };
          expect((await restarted.exited).code, restarted.output()).toBe(0);

          const done = runs.filter((r) => r.event === 'done');
          // The killed run's transaction never committed: one completion each, the killed job on its second attempt.
          expect(done.sort((a, b) => a.key.localeCompare(b.key))).toEqual([
            { key: 'later', event: 'done', attempt: 1 },
            { key: 'now', event: 'done', attempt: 2 },
          ]);
          expect(runs.filter((r) => r.event === 'start' && r.key === 'now').map((r) => r.attempt)).toEqual([1, 2]);
        } finally {
          await cleanUp();
        }
      },
    );
  }
});
