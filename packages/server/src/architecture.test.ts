import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { scoped } from './platform/database/database.js';
import { describeEachDatabase } from './platform/testing/databases.js';
import { MODULES } from './modules/index.js';
import type { PatientsTables } from './modules/patients/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The lint errors a file with this one import would get at this path. */
async function crossing(file: string, specifier: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(`import { x } from '${specifier}';\nexport const y = x;\n`, { filePath: path.join(ROOT, file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the architecture’s boundaries, enforced by the lint', () => {
  it('refuses a module reaching into another module’s store, and allows its service', async () => {
    expect(await crossing('packages/server/src/modules/billing/x.ts', '../patients/store.js')).toHaveLength(1);
    expect(await crossing('packages/server/src/modules/billing/x.ts', '../patients/tables.js')).toHaveLength(1);
    expect(await crossing('packages/server/src/modules/billing/x.ts', '../patients/service.js')).toEqual([]);
    expect(await crossing('packages/server/src/modules/billing/x.ts', './store.js')).toEqual([]);
  });

  it('refuses the platform importing a module', async () => {
    expect(await crossing('packages/server/src/platform/http/x.ts', '../../modules/accounts/service.js')).toHaveLength(1);
    expect(await crossing('packages/server/src/platform/http/x.ts', '../../server.js')).toHaveLength(1);
    expect(await crossing('packages/server/src/platform/http/x.ts', '../database/database.js')).toEqual([]);
  });

  it('refuses server code in the domain and in the web app', async () => {
    expect(await crossing('packages/domain/src/rules/x.ts', '@parcours/server')).toHaveLength(1);
    expect(await crossing('packages/domain/src/rules/x.ts', 'node:fs')).toHaveLength(1);
    expect(await crossing('packages/web/src/features/x.ts', '../../../server/src/platform/config.js')).toHaveLength(1);
    expect(await crossing('packages/web/src/features/x.ts', '@parcours/domain')).toEqual([]);
  });
});

it('lets a module’s store name its own tables only (a type error otherwise)', () => {
  const query = () =>
    // @ts-expect-error — `accounts` belongs to the accounts module: the patients store cannot name it.
    scoped<PatientsTables>(null as never).selectFrom('accounts');
  expect(query).toBeTypeOf('function');
});

describeEachDatabase('every table has one owner', (database) => {
  it('is claimed by exactly one module, or by the platform', async () => {
    const { rows } = await sql<{ name: string }>`
      select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(database().db);
    const owned = new Map<string, string>([
      ['parcours_migrations', 'platform'],
      ['audit_log', 'platform'],
    ]);
    for (const manifest of MODULES) for (const table of manifest.tables) owned.set(table, manifest.name);
    const platformTables = rows.map((r) => r.name).filter((name) => !owned.has(name));
    // The platform's own machinery (audit partitions and checkpoints, jobs) keeps its tables under audit_/job prefixes.
    expect(platformTables.filter((name) => !/^(audit_|job)/.test(name))).toEqual([]);
  });
});
