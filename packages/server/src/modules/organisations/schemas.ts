import { checkFiness, checkRpps, compactIdentifier, PROFESSIONS, SPECIALTIES } from '@parcours/domain';
import { z } from 'zod';
import { address, name } from '../../platform/http/text.js';
import { Email, Locale } from '../accounts/service.js';

/** RPPS: 11 digits (rules contract); a Luhn mismatch is only a warning there, so only the form is enforced. */
export const Rpps = z
  .string()
  .max(30)
  .transform(compactIdentifier)
  .refine((v) => checkRpps(v).valid, {
    params: { code: 'invalid-rpps', message: { fr: 'Numéro RPPS invalide : 11 chiffres.', en: 'Invalid RPPS number: 11 digits.' } },
  });

export const Finess = z
  .string()
  .max(30)
  .transform(compactIdentifier)
  .refine((v) => checkFiness(v).valid, {
    params: {
      code: 'invalid-finess',
      message: {
        fr: 'Numéro FINESS invalide : 9 caractères, les deux premiers un département.',
        en: 'Invalid FINESS number: 9 characters, the first two a département.',
      },
    },
  });

export const SiteInput = z
  .object({
    name: name(),
    address: address().optional(),
    postalCode: z
      .string()
      .regex(/^\d{5}$/)
      .optional(),
    city: name().optional(),
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
    givenName: name(),
    familyName: name(),
    role: z.enum(['admin', 'practitioner', 'regulator']),
    profession: Profession.optional(),
    specialty: Specialty.optional(),
    rpps: Rpps.optional(),
    sector: z.union([z.literal(1), z.literal(2)]).optional(),
    optam: z.boolean().optional(),
    locale: Locale.default('fr'),
  })
  .strict()
  .refine((i) => i.role === 'admin' || i.profession, { path: ['profession'], params: { code: 'required' } });
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
export const InvitationParams = z.object({ invitationId: z.uuid() }).strict();
export const MyInvitation = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  role: z.enum(['admin', 'practitioner', 'regulator']),
  invitedAt: z.string(),
});
/** A member, or a pending invitation (then as the administrator typed it: no account id). */
export const Member = z.object({
  accountId: z.uuid().nullable(),
  invitationId: z.uuid().nullable(),
  email: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  role: z.enum(['admin', 'practitioner', 'regulator']),
  profession: z.string().nullable(),
  specialty: z.string().nullable(),
  rpps: z.string().nullable(),
  invitationPending: z.boolean(),
});
