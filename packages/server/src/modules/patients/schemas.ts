import { checkNir } from '@parcours/domain';
import { z } from 'zod';

const Name = z.string().trim().min(1).max(100);

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
export type PatientIdentity = z.infer<typeof PatientIdentity>;

export const PatientParams = z.object({ patientId: z.uuid() }).strict();

export const Patient = z.object({
  id: z.uuid(),
  birthName: z.string(),
  firstNames: z.string(),
  usedName: z.string().nullable(),
  sex: z.enum(['F', 'M', 'I']),
  birthDate: z.string(),
  birthPlaceInsee: z.string().nullable(),
  ins: z.string().nullable(),
  identityStatus: z.enum(['provisoire', 'recuperee', 'validee', 'qualifiee']),
  isSelf: z.boolean(),
});

export const AccessEntry = z.object({
  at: z.string(),
  who: z.string(),
  role: z.string(),
  organisation: z.string().nullable(),
  action: z.string(),
  resourceType: z.string(),
});

export const HistoryQuery = z
  .object({ limit: z.coerce.number().int().min(1).max(200).default(50), before: z.iso.datetime().optional() })
  .strict();

export const Created = z.object({ id: z.uuid() });

export const CarePatientQuery = z
  .object({
    q: z.string().trim().max(100).optional().describe('Part of a name, any case'),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

export const CarePatient = z.object({
  id: z.uuid(),
  birthName: z.string(),
  usedName: z.string().nullable(),
  firstNames: z.string(),
  birthDate: z.string(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  kinds: z.array(z.string()),
});
