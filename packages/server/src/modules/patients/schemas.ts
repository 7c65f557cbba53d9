import { checkNir, REASON_EXPLANATIONS } from '@parcours/domain';
import { z } from 'zod';
import { isoDate, isoDateTime, name, searchText, today } from '../../platform/http/text.js';

/** The NIR as the domain checks it; refused, the message is the domain's explanation of the first reason. */
const Nir = z
  .string()
  .max(30)
  .superRefine((value, ctx) => {
    const check = checkNir(value);
    const reason = check.reasons[0];
    if (reason) {
      const { fr, en } = REASON_EXPLANATIONS[reason];
      ctx.addIssue({ code: 'custom', input: value, params: { code: 'invalid-nir', message: { fr, en } } });
    }
  })
  .transform((value) => checkNir(value).normalized ?? value);

/** The INS traits (référentiel INS): birth name, birth first names, sex, birth date, INSEE code of the birth place. */
export const PatientIdentity = z
  .object({
    birthName: name(),
    /** The list of birth first names, space-separated: several names, hence twice a name's length. */
    firstNames: name(200),
    usedName: name().optional(),
    sex: z.enum(['F', 'M', 'I']),
    birthDate: isoDate({ max: today }),
    /** INSEE code of the birth place: 5 characters (Corsica 2A/2B, abroad 99xxx). */
    birthPlaceInsee: z
      .string()
      .regex(/^(\d{2}|2A|2B)\d{3}$|^99\d{3}$/)
      .optional(),
    nir: Nir.optional(),
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
  .object({ limit: z.coerce.number().int().min(1).max(200).default(50), before: isoDateTime().optional() })
  .strict();

export const Created = z.object({ id: z.uuid() });

export const CarePatientQuery = z
  .object({
    q: searchText().optional().describe('Part of a name, any case'),
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
