import { checkNir, REASON_EXPLANATIONS } from '@parcours/domain';
import { z } from 'zod';
import { ACCESS_HISTORY_MAX_LIMIT, ACCESS_HISTORY_PAGE_SIZE } from '../../platform/audit/audit.js';
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
  /** The name as it was when the entry was written; null for the oldest entries, written before names were kept. */
  who: z.string().nullable(),
  role: z.string(),
  organisation: z.string().nullable(),
  action: z.string(),
  resourceType: z.string(),
});

export const AccessHistoryPage = z.object({
  entries: z.array(AccessEntry),
  /** Where the next (older) page starts: its `before`; null on the last page. */
  next: z.string().nullable(),
});

/**
 * Where a page starts: the `next` of the page before — the last entry's time, number and chain
 * (`2026-12-02T08:00:00.123Z~42~3`), so that entries of the same millisecond are neither skipped
 * nor shown twice — or just an instant.
 */
const HistoryCursor = z
  .string()
  .max(64)
  .superRefine((cursor, ctx) => {
    const [at, seq, chain, ...rest] = cursor.split('~');
    const numbered = seq === undefined || (chain !== undefined && /^\d{1,15}$/.test(seq) && /^\d{1,4}$/.test(chain) && rest.length === 0);
    if (!isoDateTime().safeParse(at).success || !numbered)
      ctx.addIssue({
        code: 'custom',
        input: cursor,
        params: {
          code: 'invalid-cursor',
          message: {
            fr: 'Doit être le « next » d’une page précédente, ou une date et heure ISO 8601.',
            en: 'Must be the "next" of an earlier page, or an ISO 8601 date and time.',
          },
        },
      });
  })
  .transform((cursor) => {
    const [at, seq, chain] = cursor.split('~');
    return { before: new Date(at!), ...(seq !== undefined ? { beforeSeq: Number(seq), beforeChain: Number(chain) } : {}) };
  });

export const HistoryQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(ACCESS_HISTORY_MAX_LIMIT).default(ACCESS_HISTORY_PAGE_SIZE),
    before: HistoryCursor.optional(),
    hideOwnViews: z
      .enum(['true', 'false'])
      .optional()
      .transform((value) => value === 'true')
      .describe('true: leave out what this account did itself'),
  })
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
