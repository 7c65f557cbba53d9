import { z } from 'zod';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../platform/auth/passwords.js';
import { name, opaque } from '../../platform/http/text.js';
import { PatientIdentity } from '../patients/service.js';

export const Email = z
  .email()
  .max(254)
  .transform((e) => e.toLowerCase());
/**
 * A new password: any characters a person can type, so none of the control ones, and no lone
 * surrogate half (not text: it would be hashed as a replacement character, so two different
 * passwords would open the account).
 */
export const Password = z
  .string()
  .min(PASSWORD_MIN_LENGTH)
  .max(PASSWORD_MAX_LENGTH)
  .refine((p) => !/[\p{Cc}\p{Cs}]/u.test(p), { params: { code: 'control-character' } });
export const Locale = z.enum(['fr', 'en']);
const Name = name();
const Token = z
  .string()
  .min(20)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/);

export const Registration = z
  .object({ email: Email, password: Password, givenName: Name, familyName: Name, locale: Locale.default('fr'), identity: PatientIdentity })
  .strict();
export type Registration = z.infer<typeof Registration>;

export const TokenBody = z.object({ token: Token }).strict();
export const LoginBody = z.object({ email: Email, password: z.string().min(1).max(PASSWORD_MAX_LENGTH) }).strict();
export const LoginReply = z.object({ next: z.enum(['done', 'second-factor', 'enrol-second-factor']), csrfToken: z.string() });
export const TotpCode = z.string().regex(/^\d{6}$/);
const EITHER_CODE = {
  fr: 'Saisissez soit le code à six chiffres, soit un code de secours.',
  en: 'Enter either the six-digit code or a recovery code.',
};
export const SecondFactorBody = z
  .object({ code: TotpCode.optional(), recoveryCode: opaque(20).min(6).optional() })
  .strict()
  .refine((b) => Boolean(b.code) !== Boolean(b.recoveryCode), { path: ['code'], params: { code: 'required', message: EITHER_CODE } });
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
  /** The professional's own facts (the rules contract's profession, specialty); null for anyone else. */
  practitioner: z.object({ profession: z.string(), specialty: z.string().nullable() }).nullable(),
  memberships: z.array(
    z.object({ organisationId: z.uuid(), organisationName: z.string(), role: z.enum(['admin', 'practitioner', 'regulator']) }),
  ),
  patients: z.array(z.object({ id: z.uuid(), firstNames: z.string(), birthName: z.string(), isSelf: z.boolean() })),
});
export const MeUpdate = z.object({ locale: Locale.optional(), givenName: Name.optional(), familyName: Name.optional() }).strict();
