import fs from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadConfig, ConfigError, type Config } from './platform/config.js';
import { openDatabase } from './platform/database/database.js';
import { migrate } from './platform/database/migrate.js';
import { createLogger } from './platform/logger.js';
import { startupDone } from './platform/memory.js';
import { seedDemo } from './demo.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, demoLogins } from './modules/accounts/index.js';
import { databaseTarget, startServer, stopOnSignals } from './server.js';
import { runRulesEvaluate } from './modules/rules/cli.js';
import { runTriageOrient } from './modules/triage/cli.js';
import { auditVerifyOptions, runAuditVerify } from './platform/audit/audit.js';

const USAGE = `Usage: parcours <command>

Commands:
  start [--demo]               serve the API and the web app (--demo: seed the demo data on first start)
  migrate                      apply the database migrations and exit
  demo                         seed the demo organisation and print its logins
  rules evaluate [FILE|-]      decide rules requests (JSON, one or an array) from FILE or stdin
  triage orient [FILE|-]       orient triage cases (JSON, one or an array) from FILE or stdin
  audit verify                 check the audit trail's hash chain (exit 1 naming the first bad entry)

Configuration comes from environment variables (see README.md).`;

function out(text: string): void {
  process.stdout.write(text + '\n');
}

function printLogins(): void {
  out(`Demo accounts — password: ${DEMO_PASSWORD}; professionals' second factor: TOTP secret ${DEMO_TOTP_SECRET}`);
  for (const login of demoLogins()) out(`  ${login.role.padEnd(32)} ${login.email}`);
}

function refuseDemoInProduction(config: Config): void {
  if (config.env === 'production') throw new Error('demo data is refused when NODE_ENV=production');
}

async function withDatabase<T>(config: Config, fn: (db: ReturnType<typeof openDatabase>) => Promise<T>): Promise<T> {
  const database = openDatabase(databaseTarget(config));
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  // Only a server that goes on serving gains from an idle heap kept small; other commands run free.
  if (command !== 'start') startupDone();
  switch (command) {
    case 'start': {
      const { values } = parseArgs({ args: rest, options: { demo: { type: 'boolean', default: false } } });
      const config = loadConfig();
      if (values.demo) refuseDemoInProduction(config);
      const logger = createLogger(config.logLevel);
      const server = await startServer({ config, logger, demo: values.demo });
      stopOnSignals(server, logger);
      await server.ctx.ready;
      startupDone();
      logger.info({ url: server.url, database: server.ctx.database.kind }, 'ready');
      out(`\nParcours is running on ${config.publicUrl} (database: ${server.ctx.database.kind})`);
      if (values.demo) printLogins();
      return -1; // keep running
    }
    case 'migrate': {
      const config = loadConfig();
      const applied = await withDatabase(config, (database) => migrate(database.db));
      out(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
      return 0;
    }
    case 'demo': {
      const config = loadConfig();
      refuseDemoInProduction(config);
      const seeded = await withDatabase(config, async (database) => {
        await migrate(database.db);
        return seedDemo(database.db);
      });
      out(seeded ? 'Demo data seeded.' : 'Demo data already present.');
      printLogins();
      return 0;
    }
    case 'rules': {
      if (rest[0] !== 'evaluate') break;
      return runRulesEvaluate(rest.slice(1), {
        read: (file) => (file === '-' || file === undefined ? readStdin() : fs.readFile(file, 'utf8')),
        out,
        err: (text) => process.stderr.write(text + '\n'),
      });
    }
    case 'triage': {
      if (rest[0] !== 'orient') break;
      return runTriageOrient(rest.slice(1), {
        read: (file) => (file === '-' || file === undefined ? readStdin() : fs.readFile(file, 'utf8')),
        out,
        err: (text) => process.stderr.write(text + '\n'),
      });
    }
    case 'audit': {
      if (rest[0] !== 'verify' || rest.length > 1) break;
      const config = loadConfig();
      const options = await auditVerifyOptions({ dataDir: config.dataDir, signingKey: config.auditSigningKey });
      return withDatabase(config, (database) =>
        runAuditVerify(database.db, { out, err: (text) => process.stderr.write(text + '\n') }, options),
      );
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      out(USAGE);
      return command === undefined ? 2 : 0;
  }
  process.stderr.write(`Unknown command: ${argv.join(' ')}\n\n${USAGE}\n`);
  return 2;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Runs one command line (`parcours start`, `parcours audit verify`…) to its exit code. */
export function run(argv: string[]): Promise<void> {
  return main(argv).then(
    (code) => {
      if (code >= 0) process.exitCode = code;
    },
    (error: unknown) => {
      if (error instanceof ConfigError) {
        process.stderr.write(error.message + '\n');
        process.exit(78); // EX_CONFIG
      }
      process.stderr.write(`parcours: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
