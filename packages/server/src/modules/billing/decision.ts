// The billing decision of one teleconsultation, from the facts known of it: shared by the estimate,
// the practitioner's decision and the billing record made when an act ends.
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
import type { Db } from '../../platform/database/database.js';
import type { Language } from '../../platform/http/language.js';
import { problem } from '../../platform/http/problem.js';
import type { PractitionerProfile } from '../accounts/service.js';
import { patientBirthDate } from '../patients/service.js';
import type { BillingBody, EstimateBody, TeleconsultationBilling } from './schemas.js';
import { insuranceOf } from './store.js';

export type Billing = z.infer<typeof TeleconsultationBilling>;
type ActAnswers = z.infer<typeof EstimateBody> | z.infer<typeof BillingBody>;

/** Only doctors and midwives bill a teleconsultation. */
export function teleconsultingProfile(
  profile: PractitionerProfile | undefined,
): PractitionerProfile & { profession: 'doctor' | 'midwife' } {
  if (profile?.profession !== 'doctor' && profile?.profession !== 'midwife') throw problem.forbidden('not-a-teleconsulting-profession');
  return profile as PractitionerProfile & { profession: 'doctor' | 'midwife' };
}

export function practitionerFacts(
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
export async function billingFacts(tx: Db, patientId: string): Promise<{ birthDate: string; insurance: InsuranceSituation }> {
  const [birthDate, insurance] = await Promise.all([patientBirthDate(tx, patientId), insuranceOf(tx, patientId)]);
  return { birthDate, insurance };
}

/** The facts of one act; `statement` holds what only the practitioner states at the end of it. */
export function actFacts(
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

export function decide(facts: TeleconsultationFacts, insurance: InsuranceSituation, language: Language): Billing {
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

export function asSpecialty(specialty: string | null): Specialty {
  return (SPECIALTIES as readonly string[]).includes(specialty ?? '') ? (specialty as Specialty) : 'general-practice';
}
