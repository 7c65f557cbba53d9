import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { cli, repoRoot } from './server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /**
     * An embedded database already created and migrated (`parcours migrate`): each server of the
     * browser tests starts on a copy of it instead of running initdb and every migration (≈ 15 s a
     * server on two busy cores). The demo data is still seeded by each server as it starts, so that
     * what depends on the hour (today's appointments) is as fresh as in `npm start`.
     */
    migratedDataDir: string;
  }
}

function migrate(dataDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, 'migrate'], {
      cwd: repoRoot,
      env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d));
    child.stderr.on('data', (d: Buffer) => (output += d));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`parcours migrate exited with ${code}:\n${output}`))));
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'parcours-e2e-template-'));
  await migrate(dir);
  project.provide('migratedDataDir', dir);
  return () => fs.rm(dir, { recursive: true, force: true });
}
