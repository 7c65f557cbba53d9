import { z } from 'zod';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../platform/auth/passwords.js';
import { PatientIdentity } from '../patients/service.js';

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
export const MeUpdate = z.object({ locale: Locale.optional(), givenName: Name.optional(), familyName: Name.optional() }).strict();
