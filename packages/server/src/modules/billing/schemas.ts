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
import { isoDate, line } from '../../platform/http/text.js';

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

// ── The billing record of an act, and what was paid for it ──────────────────────────────────────

const Id = z.uuid();
const Euros = z.number().describe('Euros, to the cent');

export const AppointmentParams = z.object({ appointmentId: Id }).strict();

export const PaymentMeansName = z.enum(['cheque', 'transfer', 'card']);
export const PaymentStatus = z
  .enum(['not-billed', 'nothing-due', 'unpaid', 'partly-paid', 'paid'])
  .describe('not-billed: reoriented, interrupted or not billable; nothing-due: the tiers payant covers it all');

export const Payment = z.object({
  id: Id,
  means: PaymentMeansName,
  amount: Euros,
  reference: z.string().nullable().describe('A cheque’s number, a transfer’s label'),
  paidAt: z.string().describe('ISO 8601 instant'),
});

export const AssistantAct = z.object({
  profession: z.enum(['nurse', 'pharmacist']),
  billable: z.boolean(),
  code: z.enum(['TLS', 'TLL', 'TLD', 'TLM']).nullable(),
  fee: Euros.nullable(),
  reasons: z.array(z.string()),
  warnings: z.array(z.string()),
});

export const BillingRecord = z.object({
  id: Id,
  appointmentId: Id,
  patient: z.object({ id: Id, name: z.string() }),
  practitioner: z.object({ id: Id, name: z.string() }),
  organisation: z.object({ id: Id, name: z.string() }),
  date: z.string().describe('The day of the act, YYYY-MM-DD'),
  time: z.string().nullable(),
  outcome: z.enum(['completed', 'reoriented', 'interrupted']),
  billing: TeleconsultationBilling.describe('The rules engine’s decision the record was made from, in full'),
  assumed: z.array(z.string()).describe('Facts nobody stated, taken at the rules contract’s default'),
  assistant: AssistantAct.nullable().describe('The assisting professional’s own act, when one took part'),
  amountDue: Euros.describe('What the patient pays the practitioner for the act'),
  paid: Euros,
  balance: Euros,
  status: PaymentStatus,
  payments: z.array(Payment),
  onlinePayment: z.boolean().describe('The patient may pay the balance by card online'),
  createdAt: z.string(),
});

export const BillingRecords = z.array(BillingRecord);

export const ManualPaymentBody = z
  .object({
    means: z.enum(['cheque', 'transfer']),
    amount: Money.refine((euros) => euros > 0, {
      params: { code: 'invalid-amount', message: { fr: 'Un montant positif.', en: 'A positive amount.' } },
    }),
    reference: z
      .string()
      .max(100)
      .pipe(line({ max: 100 }))
      .optional()
      .describe('A cheque’s number, a transfer’s label'),
  })
  .strict();

export const CheckoutReply = z.object({ url: z.string().describe('The provider’s hosted payment page: send the patient there') });

const Month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
  .describe('YYYY-MM');

export const ActsQuery = z
  .object({
    month: Month.optional(),
    organisationId: Id.optional(),
    status: z.enum(['paid', 'unpaid']).optional().describe('paid: nothing left to pay; unpaid: a balance remains'),
    format: z.enum(['json', 'csv']).optional().describe('csv: the same acts as text/csv'),
  })
  .strict();

export const ActsReply = z.object({
  acts: BillingRecords,
  totals: z.object({ acts: z.number().int(), billed: Euros, due: Euros, paid: Euros, balance: Euros }),
  organisations: z.array(z.object({ id: Id, name: z.string() })).describe('Where the caller practises: the filter’s choices'),
});
