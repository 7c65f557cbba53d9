/// <reference types="node" />
// Every reason and warning code the engine can emit has a sentence in French and in English and a source.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REASON_CODES, WARNING_CODES } from './codes.js';
import { evaluate } from './evaluate.js';
import { EXPLANATIONS, explain, type RulesCode } from './explanations.js';
import { rulesRequest } from './testing/arbitraries.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const ALL_CODES: readonly string[] = [...REASON_CODES, ...WARNING_CODES];

function expectExplained(code: string): void {
  expect(Object.hasOwn(EXPLANATIONS, code), `explanation of ${code}`).toBe(true);
  const explanation = explain(code as RulesCode);
  expect(explanation.fr.trim().length, `French sentence for ${code}`).toBeGreaterThan(10);
  expect(explanation.en.trim().length, `English sentence for ${code}`).toBeGreaterThan(10);
  expect(explanation.fr, `${code} in two languages`).not.toBe(explanation.en);
  expect(explanation.source, `source of ${code}`).toMatch(/^https?:\/\/\S+$/);
}

describe('explanations', () => {
  it('explain exactly the declared codes, all kebab-case and distinct', () => {
    expect(Object.keys(EXPLANATIONS).sort()).toEqual([...ALL_CODES].sort());
    expect(new Set(ALL_CODES).size).toBe(ALL_CODES.length);
    for (const code of ALL_CODES) {
      expect(code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expectExplained(code);
    }
  });

  it('explain every code emitted by the worked scenarios and by 20,000 generated requests', () => {
    const { scenarios } = JSON.parse(fs.readFileSync(path.join(here, 'fixtures', 'scenarios.json'), 'utf8')) as {
      scenarios: { request: unknown }[];
    };
    const requests = [...scenarios.map((s) => s.request), ...fc.sample(rulesRequest, { numRuns: 20_000, seed: 20250301 })];
    const emitted = new Set<string>();
    for (const request of requests) {
      const decision = evaluate(request);
      for (const code of [...decision.reasons, ...decision.warnings]) emitted.add(code);
    }
    for (const code of emitted) expectExplained(code);
    // The sample is wide enough to reach most codes; a code never reached would mean dead rules.
    expect(emitted.size).toBeGreaterThan(ALL_CODES.length * 0.8);
  });

  it('explain every code written in the rules and identifier sources', () => {
    const folders = [here, path.join(here, '..', 'identifiers')];
    const literal = /(?:\.reason|\.warn|reasons\.push|warnings\.push)\(\s*'([^']+)'/g;
    let found = 0;
    for (const folder of folders) {
      for (const file of fs.readdirSync(folder).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
        const text = fs.readFileSync(path.join(folder, file), 'utf8');
        for (const match of text.matchAll(literal)) {
          found++;
          expectExplained(match[1]!);
        }
      }
    }
    expect(found).toBeGreaterThan(50);
  });
});
