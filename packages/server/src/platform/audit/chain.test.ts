import { describe, expect, it } from 'vitest';
import { entryHash, GENESIS_HASH, type ChainedFields } from './chain.js';

const entry: ChainedFields = {
  seq: 1,
  at: new Date('2026-03-29T01:30:00.123Z'),
  actorAccountId: '6f1c1d8e-0a4b-4c55-9d7e-2f3b9a1c0d11',
  actorRole: 'practitioner',
  organisationId: null,
  patientId: '0b6e2c7a-5d4f-4e3a-8c1b-9a8f7e6d5c4b',
  action: 'patient.read',
  resourceType: 'Patient',
  resourceId: '0b6e2c7a-5d4f-4e3a-8c1b-9a8f7e6d5c4b',
  address: '203.0.113.7',
  reason: null,
};

describe('entry hash', () => {
  it('keeps the hash format of entries already stored', () => {
    // Pinned (and reproducible by an outside auditor: sha256 of 64 zeros followed by the compact JSON
    // of the fields in alphabetical order). A change here would make every stored entry fail verify.
    expect(entryHash(GENESIS_HASH, entry)).toBe('cb587049ce1eb0b20d202f8525835faa01d4c963759f773e61a48965edde8913');
  });

  it('changes with every field, the number and the previous hash', () => {
    const base = entryHash(GENESIS_HASH, entry);
    const variants: Partial<ChainedFields>[] = [
      { seq: 2 },
      { at: new Date('2026-03-29T01:30:00.124Z') },
      { actorAccountId: null },
      { actorRole: 'patient' },
      { organisationId: '6f1c1d8e-0a4b-4c55-9d7e-2f3b9a1c0d12' },
      { patientId: null },
      { action: 'patient.update' },
      { resourceType: 'Consent' },
      { resourceId: null },
      { address: null },
      { reason: 'emergency' },
    ];
    for (const variant of variants) expect(entryHash(GENESIS_HASH, { ...entry, ...variant })).not.toBe(base);
    expect(entryHash('1'.repeat(64), entry)).not.toBe(base);
  });
});
