import { describe, expect, it } from 'vitest';
import type { Me } from './api.js';
import { rolesOf } from './session.js';

const me = (change: Partial<Me>): Me => ({
  id: '00000000-0000-4000-8000-000000000001',
  email: 'jean.moreau@example.org',
  givenName: 'Jean',
  familyName: 'Moreau',
  locale: 'fr',
  csrfToken: 'token',
  secondFactor: { enrolled: false, pending: false },
  isProfessional: false,
  practitioner: null,
  memberships: [],
  patients: [],
  ...change,
});
const membership = (role: Me['memberships'][number]['role']) => ({
  organisationId: '00000000-0000-4000-8000-000000000002',
  organisationName: 'Centre de santé',
  role,
});
const record = { id: '00000000-0000-4000-8000-000000000003', firstNames: 'Jean', birthName: 'MOREAU', isSelf: true };

describe('the roles the navigation is built for', () => {
  it('a visitor until signed in past the second factor', () => {
    expect(rolesOf(null)).toEqual(['visitor']);
    expect(rolesOf(me({ secondFactor: { enrolled: true, pending: true } }))).toEqual(['visitor']);
  });

  it('a patient without memberships; the memberships’ roles otherwise, with the patient’s for one who manages records', () => {
    expect(rolesOf(me({}))).toEqual(['patient']);
    expect(rolesOf(me({ memberships: [membership('admin'), membership('practitioner')] }))).toEqual(['practitioner', 'admin']);
    // A patient who accepted an invitation keeps their own record's pages.
    expect(rolesOf(me({ memberships: [membership('practitioner')], patients: [record] }))).toEqual(['patient', 'practitioner']);
  });
});
