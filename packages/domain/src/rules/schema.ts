// The rules contract (shared/rules/contract.md) as zod schemas: the one statement of the questions
// and answers of the rules engine. Validation (`parseRulesRequest`), the TypeScript types
// (`z.input`: what a client sends; `z.output`: the same with the contract's defaults filled in) and
// the OpenAPI of POST /api/v1/rules/evaluate all come from here. Every object is strict: an unknown
// field, at any level, is an error.
import { z } from 'zod';
import { FIRST_YEAR, LAST_YEAR, isIsoDate } from './calendar.js';
import { REASON_CODES, WARNING_CODES } from './codes.js';
import {
  ASSISTANCE_SETTINGS,
  COVERAGES,
  INDICATIONS,
  MIDWIFE_ACTS,
  MONITORING_LEVELS,
  REQUESTER_PROFESSIONS,
  RESIDENCES,
  SPECIALTIES,
  TREATING_DOCTOR_STATUSES,
} from './types.js';

// ── building blocks ─────────────────────────────────────────────────────────────────────────────

/** Euro amounts the engine accepts: never negative, below any plausible bill. */
const MAX_EUROS = 100_000;
/** Sick leave: up to 3 years, the longest the daily allowances (IJ) can run. */
const MAX_LEAVE_DAYS = 1095;
const MAX_MONTHS = 1200;

/** A real calendar day (2025-02-30 is not one), in the years the engine accepts. */
const IsoDate = z.iso
  .date()
  .refine(isIsoDate, { params: { issue: 'invalid-date' } })
  .describe(`A real calendar day, YYYY-MM-DD (years ${FIRST_YEAR} to ${LAST_YEAR})`);
/** The day of the act: the rules in force that day apply. */
const ActDate = IsoDate.describe('The day of the act, YYYY-MM-DD: the rules in force that day apply');
/** Europe/Paris wall time, minutes only. */
const WallTime = z.iso.time({ precision: -1 }).describe('Europe/Paris wall time, HH:MM (00:00 to 23:59)');
/** Ages in whole years: 130 is beyond any recorded human life. */
const Age = z.int().min(0).max(130).describe('Age in whole years on the day of the act');
const Euros = z.number().min(0).max(MAX_EUROS);
const Share = z.number().min(0).max(1);
const Specialty = z.enum(SPECIALTIES);
/** Repeating a coverage changes nothing: each is kept once. */
const onceEach = <T>(items: T[]): T[] => [...new Set(items)];

// ── requests ────────────────────────────────────────────────────────────────────────────────────

export const TeleconsultationRequest = z
  .strictObject({
    kind: z.literal('teleconsultation'),
    date: ActDate,
    time: WallTime.optional(),
    modality: z.enum(['video', 'phone']).describe('video, or phone (audio only)'),
    completed: z.boolean().default(true).describe('false: cut off or reoriented before the act was done'),
    practitioner: z
      .strictObject({
        profession: z.enum(['doctor', 'midwife']),
        specialty: Specialty.default('general-practice'),
        sector: z.literal([1, 2]).default(1).describe('Conventional sector: 1 (tariffs kept) or 2 (fees may exceed them)'),
        optam: z.boolean().default(false).describe('Has signed the OPTAM (option de pratique tarifaire maîtrisée)'),
        isTreatingDoctor: z.boolean().default(false).describe('Is the patient’s médecin traitant (treating doctor)'),
        local: z.boolean().default(true).describe('Practises in the patient’s territory'),
        company: z
          .strictObject({ approved: z.boolean().describe('The company holds the agrément of the health ministry') })
          .optional()
          .describe('Present when the practitioner is salaried by a teleconsultation company'),
      })
      .describe('Who gives the teleconsultation'),
    patient: z
      .strictObject({
        age: Age,
        treatingDoctor: z
          .enum(TREATING_DOCTOR_STATUSES)
          .default('referred')
          .describe(
            'The médecin traitant (MT): referred the patient; available (could have been seen, no referral); ' +
              'unavailable (not in time); none (no MT)',
          ),
        residence: z
          .enum(RESIDENCES)
          .default('home')
          .describe('ehpad: care home for dependent elderly people; disability-facility: for disabled adults'),
        livesInZip: z.boolean().default(false).describe('Lives in a zone d’intervention prioritaire (ZIP)'),
        coverage: z
          .array(z.enum(COVERAGES))
          .max(20)
          .overwrite(onceEach)
          .default([])
          .describe(
            'ald: the act concerns the patient’s affection de longue durée; maternity; at-mp: work accident or ' +
              'occupational disease; css: complémentaire santé solidaire; ame: aide médicale de l’État',
          ),
        pregnancyMonth: z.int().min(1).max(9).optional().describe('Month of pregnancy, 1 to 9, when pregnant'),
        participationsPaidThisYear: Euros.default(0).describe('€ of participation forfaitaire already deducted this calendar year'),
        lastInPersonVisit: IsoDate.optional().describe('Last in-person visit with this practitioner or practice'),
      })
      .describe('The patient, on the day of the act'),
    context: z
      .strictObject({
        emergency: z.boolean().default(false),
        sasReferral: z.boolean().default(false).describe('Referred by the service d’accès aux soins (SAS) or the SAMU-Centre 15'),
        midwifeAct: z.enum(MIDWIFE_ACTS).optional().describe('What a midwife’s teleconsultation is for'),
        feeCharged: Euros.optional().describe('€ billed, when not the conventional tariff'),
      })
      .prefault({}),
  })
  .describe('Is this teleconsultation billable, and who pays what?');

export const SickLeaveRequest = z
  .strictObject({
    kind: z.literal('sick-leave'),
    date: ActDate,
    prescriber: z
      .strictObject({
        isTreatingDoctor: z.boolean().default(false).describe('Is the patient’s médecin traitant'),
        isReferenceMidwife: z.boolean().default(false).describe('Is the patient’s sage-femme référente'),
      })
      .prefault({}),
    requestedDays: z.int().min(1).max(MAX_LEAVE_DAYS).describe('Days of leave asked for'),
    existingLeaveDays: z.int().min(0).max(MAX_LEAVE_DAYS).default(0).describe('Days of a running leave this one extends'),
    patientJustifiesNoInPersonAccess: z.boolean().default(false).describe('The patient shows they cannot see a practitioner in person'),
  })
  .describe('How long a sick leave (arrêt de travail) prescribed during a telemedicine act may run');

export const TeleexpertiseRequest = z
  .strictObject({
    kind: z.literal('teleexpertise'),
    date: ActDate,
    requester: z.strictObject({ profession: z.enum(REQUESTER_PROFESSIONS) }).describe('The professional who asks for the expertise'),
    expert: z.strictObject({ profession: z.enum(['doctor', 'midwife']) }).describe('The professional who gives it'),
    patient: z
      .strictObject({
        teleexpertisesThisYear: z.int().min(0).max(1000).default(0).describe('Tele-expertises already billed this calendar year'),
      })
      .prefault({}),
  })
  .describe('Is this tele-expertise billable, by the expert and by the requester?');

export const AssistanceRequest = z
  .strictObject({
    kind: z.literal('assistance'),
    date: ActDate,
    assistant: z.enum(['nurse', 'pharmacist']),
    setting: z
      .enum(ASSISTANCE_SETTINGS)
      .optional()
      .describe('Where a nurse assists: during planned care, in a dedicated place, on a home visit'),
    feeChargedToPatient: Euros.optional().describe('€ asked of the patient for the assistance'),
  })
  .describe('A professional assists a teleconsultation on the patient’s side');

export const TelemonitoringRequest = z
  .strictObject({
    kind: z.literal('telemonitoring'),
    date: ActDate,
    indication: z.enum(INDICATIONS),
    level: z.enum(MONITORING_LEVELS).default('standard'),
    patient: z.strictObject({ age: Age }),
    prescriber: z
      .strictObject({
        specialty: Specialty.optional(),
        rhythmologyCompetent: z.boolean().default(false).describe('Competent in cardiac rhythmology (cardiac implants)'),
      })
      .prefault({}),
    operator: z
      .strictObject({ declaredToArs: z.boolean().default(true).describe('The operator has declared its activity to the ARS') })
      .prefault({}),
    monthsSincePrescription: z.int().min(1).max(MAX_MONTHS).optional().describe('1 = the first month billed under this prescription'),
    monthsAtCurrentLevel: z.int().min(1).max(MAX_MONTHS).optional().describe('For enhanced levels, 1 = the first month at that level'),
    adherence: z
      .strictObject({
        month: z.int().min(1).max(MAX_MONTHS),
        transmissionRate: Share.describe('Share of the expected data received, 0 to 1'),
      })
      .optional(),
  })
  .describe('Is this month of télésurveillance médicale (telemonitoring) billable, and for how much?');

export const IdentifierRequest = z
  .strictObject({
    kind: z.literal('identifier'),
    system: z.enum(['nir', 'rpps', 'finess']).describe('nir: social security number; rpps: practitioner; finess: facility'),
    value: z.string().max(64),
  })
  .describe('Is this identifier well formed?');

export const ActivityCapRequest = z
  .strictObject({
    kind: z.literal('activity-cap'),
    date: ActDate,
    specialty: Specialty,
    teleconsultationShare: Share.describe('Share of annual conventioned activity, own-patient acts as médecin traitant excluded'),
  })
  .describe('Is this share of teleconsultations within the yearly cap?');

/** One request of the rules contract; its `kind` decides the other fields. */
export const RulesRequest = z
  .discriminatedUnion('kind', [
    TeleconsultationRequest,
    SickLeaveRequest,
    TeleexpertiseRequest,
    AssistanceRequest,
    TelemonitoringRequest,
    IdentifierRequest,
    ActivityCapRequest,
  ])
  .describe('One request of the rules contract: its kind decides the other fields; a field left out takes its default');

// ── decisions ───────────────────────────────────────────────────────────────────────────────────

const Amount = z.number().min(0).describe('Euros, rounded to the cent');
const NullableAmount = Amount.nullable();
/** What every decision carries: why it came out so, what the sources leave uncertain, where it comes from. */
const explained = {
  reasons: z.array(z.enum(REASON_CODES)).describe('Why the decision came out so'),
  warnings: z.array(z.enum(WARNING_CODES)).describe('What the sources leave uncertain for this case'),
  sources: z.array(z.string()).describe('URLs of the texts the decision rests on'),
};
export const Explained = z.strictObject(explained);

export const TeleconsultationDecision = z.strictObject({
  billable: z.boolean().describe('May be billed to the Assurance Maladie at all'),
  reimbursable: z.boolean().describe('The AMO (Assurance Maladie obligatoire) pays its share'),
  code: z.enum(['TCG', 'TC']).nullable(),
  fee: NullableAmount.describe('Conventional tariff'),
  amoRate: Share.describe('0.7, or 1 for ALD, maternity, AT-MP; 0 when not reimbursable'),
  amoAmount: Amount.describe('Paid by the AMO, participation forfaitaire already taken off'),
  participationForfaitaire: Amount,
  ticketModerateur: Amount.describe('fee × (1 − amoRate) when reimbursable, else 0'),
  tiersPayant: z.enum(['full', 'amo', 'optional']).describe('full: CSS or AME; amo: ALD, maternity, AT-MP'),
  ...explained,
});

export const SickLeaveDecision = z.strictObject({
  allowed: z.boolean(),
  maxDays: z.int().nullable().describe('null: no telemedicine cap applies'),
  ...explained,
});

export const TeleexpertiseDecision = z.strictObject({
  billable: z.boolean(),
  expertCode: z.literal('TE2').nullable(),
  expertFee: NullableAmount,
  requesterCode: z.literal('RQD').nullable(),
  requesterFee: NullableAmount,
  amoRate: z.literal(1),
  tiersPayant: z.literal('full'),
  ...explained,
});

export const AssistanceDecision = z.strictObject({
  billable: z.boolean(),
  code: z.enum(['TLS', 'TLL', 'TLD', 'TLM']).nullable(),
  fee: NullableAmount,
  ...explained,
});

export const TelemonitoringDecision = z.strictObject({
  eligible: z.boolean(),
  billable: z.boolean(),
  operatorFee: NullableAmount,
  technicalFee: NullableAmount,
  ...explained,
});

export const IdentifierDecision = z.strictObject({
  valid: z.boolean(),
  normalized: z.string().nullable(),
  ...explained,
});

export const ActivityCapDecision = z.strictObject({
  withinCap: z.boolean(),
  cap: Share.describe('The largest share of teleconsultations allowed'),
  ...explained,
});

/** The answer to one request; which form depends on the request's kind (none carries it). */
export const RulesDecision = z
  .union([
    TeleconsultationDecision,
    SickLeaveDecision,
    TeleexpertiseDecision,
    AssistanceDecision,
    TelemonitoringDecision,
    IdentifierDecision,
    ActivityCapDecision,
  ])
  .describe('The decision, with its reasons, warnings and sources; its fields depend on the kind of the request');

// ── types ───────────────────────────────────────────────────────────────────────────────────────

export type TeleconsultationRequest = z.input<typeof TeleconsultationRequest>;
export type ParsedTeleconsultationRequest = z.output<typeof TeleconsultationRequest>;
export type SickLeaveRequest = z.input<typeof SickLeaveRequest>;
export type ParsedSickLeaveRequest = z.output<typeof SickLeaveRequest>;
export type TeleexpertiseRequest = z.input<typeof TeleexpertiseRequest>;
export type ParsedTeleexpertiseRequest = z.output<typeof TeleexpertiseRequest>;
export type AssistanceRequest = z.input<typeof AssistanceRequest>;
export type ParsedAssistanceRequest = z.output<typeof AssistanceRequest>;
export type TelemonitoringRequest = z.input<typeof TelemonitoringRequest>;
export type ParsedTelemonitoringRequest = z.output<typeof TelemonitoringRequest>;
export type IdentifierRequest = z.input<typeof IdentifierRequest>;
export type ParsedIdentifierRequest = z.output<typeof IdentifierRequest>;
export type ActivityCapRequest = z.input<typeof ActivityCapRequest>;
export type ParsedActivityCapRequest = z.output<typeof ActivityCapRequest>;
/** What a client sends: optional fields may be left out. */
export type RulesRequest = z.input<typeof RulesRequest>;
/** The same after validation, with the contract's defaults filled in. */
export type ParsedRulesRequest = z.output<typeof RulesRequest>;
export type RulesKind = RulesRequest['kind'];

export type Explained = z.output<typeof Explained>;
export type TeleconsultationDecision = z.output<typeof TeleconsultationDecision>;
export type SickLeaveDecision = z.output<typeof SickLeaveDecision>;
export type TeleexpertiseDecision = z.output<typeof TeleexpertiseDecision>;
export type AssistanceDecision = z.output<typeof AssistanceDecision>;
export type TelemonitoringDecision = z.output<typeof TelemonitoringDecision>;
export type IdentifierDecision = z.output<typeof IdentifierDecision>;
export type ActivityCapDecision = z.output<typeof ActivityCapDecision>;
export type RulesDecision = z.output<typeof RulesDecision>;

/** The decision type that answers a request of a given kind. */
export type DecisionFor<R extends { kind: RulesKind }> = R extends { kind: 'teleconsultation' }
  ? TeleconsultationDecision
  : R extends { kind: 'sick-leave' }
    ? SickLeaveDecision
    : R extends { kind: 'teleexpertise' }
      ? TeleexpertiseDecision
      : R extends { kind: 'assistance' }
        ? AssistanceDecision
        : R extends { kind: 'telemonitoring' }
          ? TelemonitoringDecision
          : R extends { kind: 'identifier' }
            ? IdentifierDecision
            : ActivityCapDecision;
