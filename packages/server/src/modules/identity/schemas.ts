import { z } from 'zod';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../platform/auth/passwords.js';
import { checkNir, SUPPLEMENTARY_COVERS, TREATING_DOCTOR_DECLARATIONS } from '@parcours/domain';

export const Email = z
  .email()
  .max(254)
  .transform((e) => e.toLowerCase());
export const Password = z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH);
export const Locale = z.enum(['fr', 'en']);
const Name = z.string().trim().min(1).max(100);
const Token = z
  .string()
  .min(20)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/);

/** The INS traits (référentiel INS): birth name, birth first names, sex, birth date, INSEE code of the birth place. */
export const PatientIdentity = z
  .object({
    birthName: Name,
    firstNames: z.string().trim().min(1).max(200),
    usedName: Name.optional(),
    sex: z.enum(['F', 'M', 'I']),
    birthDate: z.iso.date().refine((d) => d >= '1900-01-01' && d <= new Date().toISOString().slice(0, 10), 'birth date out of range'),
    birthPlaceInsee: z
      .string()
      .regex(/^(\d{2}|2A|2B)\d{3}$|^99\d{3}$/, 'INSEE code: 5 characters (Corsica 2A/2B, abroad 99xxx)')
      .optional(),
    nir: z
      .string()
      .optional()
      .superRefine((value, ctx) => {
        if (value === undefined) return;
        const check = checkNir(value);
        if (!check.valid) ctx.addIssue({ code: 'custom', message: `NIR invalid (${check.reasons.join(', ')})` });
      })
      .transform((value) => (value === undefined ? undefined : (checkNir(value).normalized ?? undefined))),
  })
  .strict();

export const Registration = z
  .object({ email: Email, password: Password, givenName: Name, familyName: Name, locale: Locale.default('fr'), identity: PatientIdentity })
  .strict();
export type Registration = z.infer<typeof Registration>;

export const TokenBody = z.object({ token: Token }).strict();
export const LoginBody = z.object({ email: Email, password: z.string().min(1).max(PASSWORD_MAX_LENGTH) }).strict();
export const LoginReply = z.object({ next: z.enum(['done', 'second-factor', 'enrol-second-factor']), csrfToken: z.string() });
export const TotpCode = z.string().regex(/^\d{6}$/, 'six digits');
export const SecondFactorBody = z
  .object({ code: TotpCode.optional(), recoveryCode: z.string().min(6).max(20).optional() })
  .strict()
  .refine((b) => Boolean(b.code) !== Boolean(b.recoveryCode), { message: 'give either code or recoveryCode', path: ['code'] });
export const EnrolmentReply = z.object({ secret: z.string(), uri: z.string() });
export const RecoveryCodesReply = z.object({ recoveryCodes: z.array(z.string()) });
export const ForgotBody = z.object({ email: Email }).strict();
export const ResetBody = z.object({ token: Token, password: Password }).strict();

export const Me = z.object({
  id: z.uuid(),
  email: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  locale: Locale,
  csrfToken: z.string(),
  secondFactor: z.object({ enrolled: z.boolean(), pending: z.boolean() }),
  isProfessional: z.boolean(),
  memberships: z.array(
    z.object({ organisationId: z.uuid(), organisationName: z.string(), role: z.enum(['admin', 'practitioner', 'regulator']) }),
  ),
  patients: z.array(z.object({ id: z.uuid(), firstNames: z.string(), birthName: z.string(), isSelf: z.boolean() })),
});
/** The insurance situation as the patient states it (null: not stated). */
export const Insurance = z
  .object({
    treatingDoctor: z.enum(TREATING_DOCTOR_DECLARATIONS).nullable(),
    ald: z.boolean(),
    cover: z.enum(SUPPLEMENTARY_COVERS).nullable(),
  })
  .strict();

export const MeUpdate = z.object({ locale: Locale.optional(), givenName: Name.optional(), familyName: Name.optional() }).strict();
