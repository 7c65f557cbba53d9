import { hashPassword } from '../../platform/auth/passwords.js';
import type { Tx } from '../../platform/database/database.js';

/**
 * The demo's shared password and the TOTP secret of its professionals: printed at start, usable
 * only by accounts flagged `is_demo`, which log-in refuses when NODE_ENV=production.
 */
export const DEMO_PASSWORD = 'parcours-demo-2026';
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** Who can log in to the demo; printed by `npm start`. */
export interface DemoLogin {
  email: string;
  role: string;
}

export const DEMO_ORGANISATION = 'Centre de santé Parcours (démo)';

const DEMO_STAFF = [
  {
    email: 'dr.martin@demo.parcours.fr',
    given: 'Claire',
    family: 'Martin',
    role: 'practitioner',
    profession: 'doctor',
    specialty: 'general-practice',
    rpps: '81000000014',
  },
  {
    email: 'dr.benali@demo.parcours.fr',
    given: 'Karim',
    family: 'Benali',
    role: 'practitioner',
    profession: 'doctor',
    specialty: 'psychiatry',
    rpps: '81000000022',
  },
  {
    email: 'inf.durand@demo.parcours.fr',
    given: 'Sophie',
    family: 'Durand',
    role: 'practitioner',
    profession: 'nurse',
    specialty: null,
    rpps: '81000000030',
  },
  {
    email: 'regulation@demo.parcours.fr',
    given: 'Paul',
    family: 'Lefèvre',
    role: 'regulator',
    profession: 'doctor',
    specialty: 'general-practice',
    rpps: '81000000048',
  },
  { email: 'admin@demo.parcours.fr', given: 'Nadia', family: 'Robert', role: 'admin', profession: null, specialty: null, rpps: null },
] as const;

const DEMO_PATIENTS = [
  { email: 'camille.petit@demo.parcours.fr', given: 'Camille', family: 'Petit', sex: 'F', birth: '1988-04-12', insee: '75056' },
  { email: 'jean.moreau@demo.parcours.fr', given: 'Jean', family: 'Moreau', sex: 'M', birth: '1951-09-30', insee: '60175' },
] as const;

export function demoLogins(): DemoLogin[] {
  return [
    ...DEMO_STAFF.map((p) => ({
      email: p.email,
      role: p.role + (p.specialty ? ` (${p.specialty})` : p.profession ? ` (${p.profession})` : ''),
    })),
    ...DEMO_PATIENTS.map((p) => ({ email: p.email, role: 'patient' })),
  ];
}

/**
 * The demo organisation: two sites, a GP, a psychiatrist, a nurse, a regulator, an administrator and
 * patients (one with a child). Fictitious people; RPPS numbers from the test range of the ANS (8xxxx).
 */
export async function seedIdentityDemo(tx: Tx): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const demoAccount = {
    password_hash: passwordHash,
    email_verified_at: new Date(),
    is_demo: true,
    totp_secret: null,
    totp_enrolled_at: null,
    disabled_at: null,
  };
  const organisation = await tx
    .insertInto('organisations')
    .values({ name: DEMO_ORGANISATION, finess: '750000001' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('sites')
    .values([
      { organisation_id: organisation.id, name: 'Site Belleville', address: '12 rue de Belleville', postal_code: '75020', city: 'Paris' },
      { organisation_id: organisation.id, name: 'Site Creil', address: '3 place Carnot', postal_code: '60100', city: 'Creil' },
    ])
    .execute();

  const staffIds = new Map<string, string>();
  for (const person of DEMO_STAFF) {
    const account = await tx
      .insertInto('accounts')
      .values({
        email: person.email,
        given_name: person.given,
        family_name: person.family,
        ...demoAccount,
        totp_secret: DEMO_TOTP_SECRET,
        totp_enrolled_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (person.profession) {
      await tx
        .insertInto('practitioners')
        .values({
          account_id: account.id,
          profession: person.profession,
          specialty: person.specialty,
          rpps: person.rpps,
          sector: 1,
          optam: false,
        })
        .execute();
    }
    await tx.insertInto('memberships').values({ account_id: account.id, organisation_id: organisation.id, role: person.role }).execute();
    staffIds.set(person.email, account.id);
  }

  for (const person of DEMO_PATIENTS) {
    const account = await tx
      .insertInto('accounts')
      .values({ email: person.email, given_name: person.given, family_name: person.family, ...demoAccount })
      .returning('id')
      .executeTakeFirstOrThrow();
    const patient = await tx
      .insertInto('patients')
      .values({
        account_id: account.id,
        is_self: true,
        birth_name: person.family.toUpperCase(),
        first_names: person.given,
        sex: person.sex,
        birth_date: person.birth,
        birth_place_insee: person.insee,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Dr Martin is everyone's treating doctor (care team); Dr Benali follows Jean.
    const carers = person.given === 'Jean' ? ['dr.martin@demo.parcours.fr', 'dr.benali@demo.parcours.fr'] : ['dr.martin@demo.parcours.fr'];
    await tx
      .insertInto('care_relationships')
      .values(
        carers.map((email) => ({
          patient_id: patient.id,
          practitioner_account_id: staffIds.get(email)!,
          organisation_id: organisation.id,
          kind: 'care-team' as const,
          ends_at: null,
        })),
      )
      .execute();
    if (person.given === 'Camille') {
      // Camille manages her son's record: a dependant without an account of his own.
      await tx
        .insertInto('patients')
        .values({
          account_id: account.id,
          is_self: false,
          birth_name: 'PETIT',
          first_names: 'Léo',
          sex: 'M',
          birth_date: '2017-06-02',
          birth_place_insee: '75056',
        })
        .execute();
    }
  }
}
