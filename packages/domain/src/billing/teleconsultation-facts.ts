// From what is known of one teleconsultation (the patient's record and insurance situation, the
// practitioner's profile, the answers about this act) to the question the rules contract asks.
import { ageOn } from '../rules/calendar.js';
import { PARTICIPATION_EXEMPT_FROM_PREGNANCY_MONTH } from '../rules/tariffs.js';
import type {
  Coverage,
  IsoDate,
  ParsedTeleconsultationRequest,
  Residence,
  TeleconsultationRequest,
  TreatingDoctorStatus,
  WallTime,
} from '../rules/types.js';
import type { InsuranceSituation } from './insurance.js';

export interface TeleconsultationFacts {
  date: IsoDate;
  time?: WallTime;
  modality: 'video' | 'phone';
  completed?: boolean;
  practitioner: TeleconsultationRequest['practitioner'];
  patient: {
    birthDate: IsoDate;
    insurance: InsuranceSituation;
    /** The médecin traitant's part in this act: referred the patient, could have been seen, was not available in time, or none. */
    treatingDoctor: TreatingDoctorStatus;
    /** The act concerns the patient's affection de longue durée. */
    concernsAld?: boolean;
    /** The act follows an accident du travail or a maladie professionnelle. */
    workAccident?: boolean;
    pregnancyMonth?: number;
    residence?: Residence;
    livesInZip?: boolean;
    participationsPaidThisYear?: number;
    lastInPersonVisit?: IsoDate;
  };
  context?: TeleconsultationRequest['context'];
}

/**
 * The contract's teleconsultation request for these facts, every field spelled out (the contract's
 * defaults for what the facts leave open), so that it shows in full beside its decision. The
 * patient's age is taken on the day of the act.
 */
export function teleconsultationRequest(facts: TeleconsultationFacts): ParsedTeleconsultationRequest {
  const { patient, practitioner, context = {} } = facts;
  return {
    kind: 'teleconsultation',
    date: facts.date,
    time: facts.time,
    modality: facts.modality,
    completed: facts.completed ?? true,
    practitioner: {
      ...practitioner,
      specialty: practitioner.specialty ?? 'general-practice',
      sector: practitioner.sector ?? 1,
      optam: practitioner.optam ?? false,
      isTreatingDoctor: practitioner.isTreatingDoctor ?? false,
      local: practitioner.local ?? true,
    },
    patient: {
      age: ageOn(patient.birthDate, facts.date),
      treatingDoctor: patient.treatingDoctor,
      residence: patient.residence ?? 'home',
      livesInZip: patient.livesInZip ?? false,
      coverage: coverageOf(facts),
      pregnancyMonth: patient.pregnancyMonth,
      participationsPaidThisYear: patient.participationsPaidThisYear ?? 0,
      lastInPersonVisit: patient.lastInPersonVisit,
    },
    context: { ...context, emergency: context.emergency ?? false, sasReferral: context.sasReferral ?? false },
  };
}

function coverageOf({ patient }: TeleconsultationFacts): Coverage[] {
  const coverage: Coverage[] = [];
  // The 100 % of an ALD covers the care of that condition only, whatever the profile says (factsheet §2.6).
  if (patient.concernsAld) coverage.push('ald');
  // Maternity insurance pays everything from the first day of the 6th month (factsheet §2.6, §2.7).
  if (patient.pregnancyMonth !== undefined && patient.pregnancyMonth >= PARTICIPATION_EXEMPT_FROM_PREGNANCY_MONTH) {
    coverage.push('maternity');
  }
  if (patient.workAccident) coverage.push('at-mp');
  if (patient.insurance.cover === 'css' || patient.insurance.cover === 'ame') coverage.push(patient.insurance.cover);
  return coverage;
}
