/// <reference types="node" />
// Every worked case of shared/triage/vignettes.json, through `orientCase` (the API and the CLI run
// them too, in the server's tests). The copy here must stay the shared file, byte for byte.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { orientCase } from './orient.js';
import { OUTCOMES } from './types.js';

interface Vignette {
  id: string;
  about: string;
  case: unknown;
  expect: { outcome: string[]; severity?: string[]; flagsInclude?: string[] };
}

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = fs.readFileSync(path.join(here, 'fixtures', 'vignettes.json'), 'utf8');
// /work/main/packages/domain/src/triage → /work/shared/triage
const sharedPath = path.resolve(here, '../../../../../shared/triage/vignettes.json');
const VIGNETTES = JSON.parse(fixture) as Vignette[];

describe('worked vignettes of the triage contract', () => {
  it.runIf(fs.existsSync(sharedPath))('keeps the fixture identical to shared/triage/vignettes.json', () => {
    expect(fixture).toBe(fs.readFileSync(sharedPath, 'utf8'));
  });

  it('holds every vignette, each expecting outcomes of the contract', () => {
    expect(VIGNETTES.length).toBeGreaterThanOrEqual(13);
    for (const vignette of VIGNETTES) for (const outcome of vignette.expect.outcome) expect(OUTCOMES).toContain(outcome);
  });

  it.each(VIGNETTES.map((v) => [`${v.id}: ${v.about}`, v] as const))('%s', (_name, vignette) => {
    const orientation = orientCase(vignette.case);
    expect(vignette.expect.outcome).toContain(orientation.outcome);
    if (vignette.expect.severity) expect(vignette.expect.severity).toContain(orientation.severity);
    for (const flag of vignette.expect.flagsInclude ?? []) expect(orientation.flags).toContain(flag);
  });
});
