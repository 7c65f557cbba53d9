import { nirKey } from '@parcours/domain';
import { describe, expect, it } from 'vitest';
import { fieldIssues } from '../../platform/http/validation.js';
import { PatientIdentity } from './schemas.js';

const identity = { birthName: 'PETIT', firstNames: 'Zoé', sex: 'F', birthDate: '2020-05-05' };
const withKey = (first13: string) => first13 + String(nirKey(first13)).padStart(2, '0');

describe('PatientIdentity', () => {
  it('refuses a NIR whose key is right but whose first digit is not 1, 2, 3, 7 or 8 (the database refuses it too)', () => {
    for (const first of '04569') {
      const result = PatientIdentity.safeParse({ ...identity, nir: withKey(`${first}200575056001`) }, { reportInput: true });
      expect(fieldIssues(result.error!.issues, 'en')).toEqual([
        { field: 'nir', code: 'invalid-nir', message: expect.stringContaining('NIR: first digit 1, 2, 3, 7 or 8') as string },
      ]);
    }
    for (const first of '12378')
      expect(PatientIdentity.safeParse({ ...identity, nir: withKey(`${first}200575056001`) }).success).toBe(true);
  });

  it('takes a Corsican NIR (2A, 2B), which migration 0010 lets the database store', () => {
    expect(PatientIdentity.parse({ ...identity, nir: withKey('220052A004001') }).nir).toBe(withKey('220052A004001'));
  });

  it('refuses a birth date in the future or before 1900, and a NUL in any name', () => {
    const result = PatientIdentity.safeParse(
      { ...identity, birthDate: '1899-12-31', birthName: 'PE\u0000TIT', usedName: 'x'.repeat(10_000) },
      { reportInput: true },
    );
    expect(fieldIssues(result.error!.issues, 'en').map((i) => [i.field, i.code])).toEqual([
      ['birthName', 'control-character'],
      ['usedName', 'too-big'],
      ['birthDate', 'out-of-range'],
    ]);
    expect(PatientIdentity.safeParse({ ...identity, birthDate: '2999-01-01' }).success).toBe(false);
  });
});
