import { hashPassword } from '../../platform/auth/passwords.js';
import type { Tx } from '../../platform/database/database.js';
import type { DemoIds } from '../../platform/module.js';
import { accountsDb } from './store.js';

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
  // A second GP, by video only: whom a patient is referred to when her own treating doctor
  // (Dr Martin) has no slot soon enough — the report then goes back to Dr Martin.
  {
    email: 'dr.garnier@demo.parcours.fr',
    given: 'Hélène',
    family: 'Garnier',
    role: 'practitioner',
    profession: 'doctor',
    specialty: 'general-practice',
    rpps: '81000000059',
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
  { email: 'camille.petit@demo.parcours.fr', given: 'Camille', family: 'Petit' },
  { email: 'jean.moreau@demo.parcours.fr', given: 'Jean', family: 'Moreau' },
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

/** The demo's accounts (staff with their professional profile, and patients). Fictitious people. */
export async function seedAccountsDemo(tx: Tx, ids: DemoIds): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const own = accountsDb(tx);
  const demoAccount = {
    password_hash: passwordHash,
    email_verified_at: new Date(),
    is_demo: true,
    totp_secret: null,
    totp_enrolled_at: null,
    disabled_at: null,
  };
  for (const person of DEMO_STAFF) {
    const account = await own
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
      await own
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
    ids.set(person.email, account.id);
  }
  for (const person of DEMO_PATIENTS) {
    const account = await own
      .insertInto('accounts')
      .values({ email: person.email, given_name: person.given, family_name: person.family, ...demoAccount })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(person.email, account.id);
  }
}
