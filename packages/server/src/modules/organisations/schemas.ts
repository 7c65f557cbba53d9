import { checkFiness, checkRpps, PROFESSIONS, SPECIALTIES } from '@parcours/domain';
import { z } from 'zod';
import { Email, Locale } from '../accounts/service.js';

const Name = z.string().trim().min(1).max(200);

/** RPPS: 11 digits (rules contract); a Luhn mismatch is only a warning there, so only the form is enforced. */
export const Rpps = z
  .string()
  .transform((v) => v.replace(/\s/g, ''))
  .refine((v) => checkRpps(v).valid, 'RPPS: 11 digits');

export const Finess = z
  .string()
  .transform((v) => v.replace(/\s/g, '').toUpperCase())
  .refine((v) => checkFiness(v).valid, 'FINESS: 9 characters, the first two a département');

export const SiteInput = z
  .object({
    name: Name,
    address: z.string().trim().max(300).optional(),
    postalCode: z
      .string()
      .regex(/^\d{5}$/, 'five digits')
      .optional(),
    city: z.string().trim().max(100).optional(),
    finess: Finess.optional(),
  })
  .strict();
export type SiteInput = z.infer<typeof SiteInput>;

export const Profession = z.enum(PROFESSIONS);
/** The specialties of the rules contract, so a practitioner's specialty feeds the rules unchanged. */
export const Specialty = z.enum(SPECIALTIES);

export const Invitation = z
  .object({
    email: Email,
    givenName: z.string().trim().min(1).max(100),
    familyName: z.string().trim().min(1).max(100),
    role: z.enum(['admin', 'practitioner', 'regulator']),
    profession: Profession.optional(),
    specialty: Specialty.optional(),
    rpps: Rpps.optional(),
    sector: z.union([z.literal(1), z.literal(2)]).optional(),
    optam: z.boolean().optional(),
    locale: Locale.default('fr'),
  })
  .strict()
  .refine((i) => i.role === 'admin' || i.profession, { message: 'required for a practitioner or regulator', path: ['profession'] });
export type Invitation = z.infer<typeof Invitation>;

export const OrganisationParams = z.object({ organisationId: z.uuid() }).strict();
export const Organisation = z.object({
  id: z.uuid(),
  name: z.string(),
  finess: z.string().nullable(),
  sites: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      address: z.string().nullable(),
      postalCode: z.string().nullable(),
      city: z.string().nullable(),
      finess: z.string().nullable(),
    }),
  ),
});
export const Member = z.object({
  accountId: z.uuid(),
  email: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  role: z.enum(['admin', 'practitioner', 'regulator']),
  profession: z.string().nullable(),
  specialty: z.string().nullable(),
  rpps: z.string().nullable(),
  invitationPending: z.boolean(),
});
