import {
  evaluate,
  patientShare,
  RulesRequestError,
  SPECIALTIES,
  teleconsultationRequest,
  type InsuranceSituation,
  type Specialty,
  type TeleconsultationDecision,
  type TeleconsultationFacts,
} from '@parcours/domain';
import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import { audited, type AuditedDeps } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/database/database.js';
import type { Language } from '../../platform/http/language.js';
import { problem } from '../../platform/http/problem.js';
import { practitionerProfile, type PractitionerProfile } from '../accounts/service.js';
import { hasCareRelationship, patientBirthDate, patientRecordAccess } from '../patients/service.js';
import { insuranceOf } from './store.js';
import type { BillingBody, EstimateBody, TeleconsultationBilling } from './schemas.js';

/** The estimate's reply, for the routes of other modules that answer with one (booking's estimate of a slot). */
export { TeleconsultationBilling } from './schemas.js';

type Billing = z.infer<typeof TeleconsultationBilling>;
type ActAnswers = z.infer<typeof EstimateBody> | z.infer<typeof BillingBody>;

/**
 * Before booking: will this teleconsultation be reimbursed, and what will the patient pay? For the
 * patient (or parent), or a professional in a care relationship; from the record and the answers.
 */
export async function estimateTeleconsultation(
  deps: AuditedDeps,
  actor: Actor,
  patientId: string,
  answers: z.infer<typeof EstimateBody>,
  language: Language,
): Promise<Billing> {
  const { db } = deps;
  return audited(
    deps,
    {
      actor,
      kind: 'read',
      action: 'billing.estimate',
      resource: { type: 'ChargeItem' },
      patientId,
      authorize: () => patientRecordAccess(db, actor, patientId),
    },
    async (tx) => {
      const patient = await billingFacts(tx, patientId);
      return decide(actFacts(answers, patient, answers.practitioner), patient.insurance, language);
    },
  );
}

/**
 * At the end of the act: the practitioner's billing decision — the code, the fee, the tiers payant and
 * what to collect — from their own profile, the patient's record and what they state of the act.
 */
export async function decideTeleconsultationBilling(
  deps: AuditedDeps,
  actor: Actor,
  patientId: string,
  statement: z.infer<typeof BillingBody>,
  language: Language,
): Promise<Billing> {
  const { db } = deps;
  const profile = await practitionerProfile(db, actor.accountId);
  return audited(
    deps,
    {
      actor,
      kind: 'read',
      action: 'billing.decide',
      resource: { type: 'ChargeItem' },
      patientId,
      authorize: async () => {
        // Billing is for the practitioner treating the patient, not for the patient's own account.
        if (!(await hasCareRelationship(db, actor, patientId))) throw problem.notFound();
        teleconsultingProfile(profile);
        return 'practitioner';
      },
    },
    async (tx) => {
      const patient = await billingFacts(tx, patientId);
      return decide(
        actFacts(statement, patient, practitionerFacts(teleconsultingProfile(profile), statement), statement),
        patient.insurance,
        language,
      );
    },
  );
}

/** Only doctors and midwives bill a teleconsultation. */
function teleconsultingProfile(profile: PractitionerProfile | undefined): PractitionerProfile & { profession: 'doctor' | 'midwife' } {
  if (profile?.profession !== 'doctor' && profile?.profession !== 'midwife') throw problem.forbidden('not-a-teleconsulting-profession');
  return profile as PractitionerProfile & { profession: 'doctor' | 'midwife' };
}

function practitionerFacts(
  profile: PractitionerProfile & { profession: 'doctor' | 'midwife' },
  statement: z.infer<typeof BillingBody>,
): TeleconsultationFacts['practitioner'] {
  const practitioner: TeleconsultationFacts['practitioner'] = {
    profession: profile.profession,
    specialty: profile.profession === 'doctor' ? asSpecialty(profile.specialty) : undefined,
    sector: profile.sector ?? 1,
    optam: profile.optam,
    isTreatingDoctor: statement.isTreatingDoctor,
    local: statement.local,
  };
  return practitioner;
}

/** What billing knows of the patient: the birth date from the record, and the insurance situation stated. */
async function billingFacts(tx: Db, patientId: string): Promise<{ birthDate: string; insurance: InsuranceSituation }> {
  const [birthDate, insurance] = await Promise.all([patientBirthDate(tx, patientId), insuranceOf(tx, patientId)]);
  return { birthDate, insurance };
}

/** The facts of one act; `statement` holds what only the practitioner states at the end of it. */
function actFacts(
  answers: ActAnswers,
  patient: { birthDate: string; insurance: InsuranceSituation },
  practitioner: TeleconsultationFacts['practitioner'],
  statement: Partial<z.infer<typeof BillingBody>> = {},
): TeleconsultationFacts {
  return {
    date: answers.date,
    time: answers.time,
    modality: answers.modality,
    completed: statement.completed ?? true,
    practitioner,
    patient: {
      birthDate: patient.birthDate,
      insurance: patient.insurance,
      treatingDoctor: answers.treatingDoctor,
      concernsAld: answers.concernsAld,
      workAccident: answers.workAccident,
      pregnancyMonth: answers.pregnancyMonth,
      residence: statement.residence,
      livesInZip: statement.livesInZip,
      lastInPersonVisit: statement.lastInPersonVisit,
      participationsPaidThisYear: statement.participationsPaidThisYear,
    },
    context: {
      emergency: answers.emergency,
      sasReferral: answers.sasReferral,
      midwifeAct: answers.midwifeAct,
      feeCharged: answers.feeCharged,
    },
  };
}

function decide(facts: TeleconsultationFacts, insurance: InsuranceSituation, language: Language): Billing {
  if (facts.date < facts.patient.birthDate) {
    throw problem.validation([{ field: 'date', code: 'before-birth', message: BEFORE_BIRTH[language] }]);
  }
  const request = teleconsultationRequest(facts);
  let decision: TeleconsultationDecision;
  try {
    decision = evaluate(request) as TeleconsultationDecision;
  } catch (error) {
    // The schemas let through only what the contract accepts; should they drift, still a 400, never a 500.
    if (!(error instanceof RulesRequestError)) throw error;
    throw problem.validation(error.issues.map((i) => ({ field: i.path, code: i.code, message: i.message[language] })));
  }
  const share = patientShare(decision, { feeCharged: facts.context?.feeCharged, cover: insurance.cover });
  return { request, decision, share, insuranceStated: insurance.cover !== null };
}

const BEFORE_BIRTH = {
  fr: 'La date de l’acte précède la naissance du patient.',
  en: 'The date of the act is before the patient’s birth.',
} as const;

function asSpecialty(specialty: string | null): Specialty {
  return (SPECIALTIES as readonly string[]).includes(specialty ?? '') ? (specialty as Specialty) : 'general-practice';
}
