/// <reference types="node" />
// Every worked case of shared/rules/scenarios.json must hold: each field of `expect` equal (amounts
// to the cent), every code of `expect.reasons`/`expect.warnings` present, `expect.reasonsExclude` absent.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate.js';

interface Scenario {
  id: string;
  title: string;
  request: unknown;
  expect: Record<string, unknown> & { reasons?: string[]; warnings?: string[]; reasonsExclude?: string[] };
}

const here = path.dirname(fileURLToPath(import.meta.url));
const fixturePath = path.join(here, 'fixtures', 'scenarios.json');
// The shared copy sits beside the repository: /work/main/packages/domain/src/rules → /work/shared/rules.
const sharedPath = path.resolve(here, '../../../../../shared/rules/scenarios.json');
const fixture = fs.readFileSync(fixturePath, 'utf8');
const { scenarios } = JSON.parse(fixture) as { scenarios: Scenario[] };

describe('worked scenarios of the rules contract', () => {
  it('holds all 41 cases', () => {
    expect(scenarios).toHaveLength(41);
  });

  it.each(scenarios.map((s) => [s.id, s] as const))('%s', (_id, scenario) => {
    const decision = evaluate(scenario.request) as unknown as Record<string, unknown> & { reasons: string[]; warnings: string[] };
    const { reasons, warnings, reasonsExclude, ...fields } = scenario.expect;
    for (const [field, expected] of Object.entries(fields)) {
      const actual = decision[field];
      if (typeof expected === 'number') {
        expect(typeof actual, `${field}`).toBe('number');
        expect(Math.round((actual as number) * 100), `${field} in cents`).toBe(Math.round(expected * 100));
      } else {
        expect(actual, field).toEqual(expected);
      }
    }
    for (const code of reasons ?? []) expect(decision.reasons, `reason ${code}`).toContain(code);
    for (const code of warnings ?? []) expect(decision.warnings, `warning ${code}`).toContain(code);
    for (const code of reasonsExclude ?? []) expect(decision.reasons, `reason ${code} absent`).not.toContain(code);
  });

  it.runIf(fs.existsSync(sharedPath))('keeps its fixture identical to the shared scenarios', () => {
    expect(fixture).toBe(fs.readFileSync(sharedPath, 'utf8'));
  });
});
