import {
  MIDWIFE_ACTS,
  RESIDENCES,
  SPECIALTIES,
  SUPPLEMENTARY_COVERS,
  TeleconsultationDecision,
  TeleconsultationRequest,
  TREATING_DOCTOR_DECLARATIONS,
  TREATING_DOCTOR_STATUSES,
} from '@parcours/domain';
import { z } from 'zod';
import { isoDate } from '../../platform/http/text.js';

const Money = z
  .number()
  .min(0)
  .max(10_000)
  .refine((euros) => Math.abs(euros * 100 - Math.round(euros * 100)) < 1e-6, {
    params: { code: 'invalid-amount', message: { fr: 'Un montant en euros, au centime près.', en: 'An amount in euros, to the cent.' } },
  });
/** Europe/Paris wall time, HH:MM. */
const WallTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

/** What both sides know of a teleconsultation about to happen or just done. */
const Act = {
  date: isoDate().describe('The day of the act (YYYY-MM-DD): the rules of that day apply'),
  time: WallTime.optional().describe('Europe/Paris wall time'),
  modality: z.enum(['video', 'phone']).default('video'),
  treatingDoctor: z
    .enum(TREATING_DOCTOR_STATUSES)
    .describe('referred: the médecin traitant referred the patient; available: could have been seen; unavailable: not in time; none'),
  concernsAld: z.boolean().default(false).describe('The act concerns the patient’s affection de longue durée'),
  workAccident: z.boolean().default(false).describe('The act follows an accident du travail or a maladie professionnelle'),
  pregnancyMonth: z.number().int().min(1).max(9).optional(),
  emergency: z.boolean().default(false),
  sasReferral: z.boolean().default(false).describe('Referred by the service d’accès aux soins (SAS) or the SAMU-Centre 15'),
  midwifeAct: z.enum(MIDWIFE_ACTS).optional(),
  feeCharged: Money.optional().describe('What is charged, when not the conventional tariff'),
};

/** The patient's answers before booking; the practitioner's facts are those the booking shows. */
export const EstimateBody = z
  .object({
    ...Act,
    practitioner: z
      .object({
        profession: z.enum(['doctor', 'midwife']),
        specialty: z.enum(SPECIALTIES).default('general-practice'),
        sector: z.union([z.literal(1), z.literal(2)]).default(1),
        optam: z.boolean().default(false),
        isTreatingDoctor: z.boolean().default(false),
        local: z.boolean().default(true).describe('Practises in the patient’s territory'),
      })
      .strict(),
  })
  .strict();

/** The practitioner's statement at the end of the act; their profession, specialty and sector come from their profile. */
export const BillingBody = z
  .object({
    ...Act,
    completed: z.boolean().default(true).describe('false: cut off or reoriented before the act was done'),
    isTreatingDoctor: z.boolean().default(false),
    local: z.boolean().default(true),
    residence: z.enum(RESIDENCES).default('home'),
    livesInZip: z.boolean().default(false).describe('The patient lives in a zone d’intervention prioritaire'),
    lastInPersonVisit: isoDate().optional(),
    participationsPaidThisYear: Money.max(1000).optional(),
  })
  .strict();

const Share = z.object({
  charged: z.number().nullable(),
  excess: z.number(),
  amo: z.number(),
  supplementary: z.number(),
  outOfPocket: z.number().nullable(),
  advance: z.number().nullable(),
  advanceWithAmoTiersPayant: z.number().nullable(),
});

export const TeleconsultationBilling = z.object({
  request: TeleconsultationRequest.describe('The rules contract request the decision answers, every field spelled out'),
  decision: TeleconsultationDecision,
  share: Share.describe('Who pays what: the Assurance Maladie, the supplementary cover, the patient'),
  insuranceStated: z.boolean().describe('false: the patient has not stated their supplementary cover; the share assumes none'),
});

/** The insurance situation as the patient states it (null: not stated). */
export const Insurance = z
  .object({
    treatingDoctor: z.enum(TREATING_DOCTOR_DECLARATIONS).nullable(),
    ald: z.boolean(),
    cover: z.enum(SUPPLEMENTARY_COVERS).nullable(),
  })
  .strict();
