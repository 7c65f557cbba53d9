// Before a patient is enrolled, the rules engine decides (rules contract, kind `telemonitoring`;
// factsheet §4): the indication's age limits, who may prescribe it (a cardiac implant needs a
// cardiologist), whether the operator declared itself to the ARS, and the monthly forfaits.
import { ageOn, evaluate, SPECIALTIES, type Specialty, type TelemonitoringDecision } from '@parcours/domain';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/database/database.js';
import { practitionerProfile } from '../accounts/service.js';
import { patientBirthDate } from '../patients/service.js';
import type { EligibilityBody } from './schemas.js';

const ZONE = 'Europe/Paris';

/** The prescription's first day: the one asked, or today in Paris. */
export function firstDay(startsOn: string | undefined): string {
  return startsOn ?? DateTime.now().setZone(ZONE).toISODate()!;
}

/** The decision for this patient, prescribed by the actor, on the prescription's first day (its first month). */
export async function decideEligibility(
  db: Db,
  actor: Actor,
  patientId: string,
  body: z.infer<typeof EligibilityBody>,
): Promise<TelemonitoringDecision> {
  const date = firstDay(body.startsOn);
  const [birthDate, profile] = await Promise.all([patientBirthDate(db, patientId), practitionerProfile(db, actor.accountId)]);
  const specialty = SPECIALTIES.find((s) => s === profile?.specialty) as Specialty | undefined;
  return evaluate({
    kind: 'telemonitoring',
    date,
    indication: body.programme,
    level: body.level,
    patient: { age: ageOn(birthDate, date) },
    prescriber: specialty ? { specialty } : {},
    operator: { declaredToArs: body.operator.arsDeclaration !== null },
    monthsSincePrescription: 1,
  }) as TelemonitoringDecision;
}

/** Reasons that forbid the prescription itself; the others (an undeclared operator…) only stop billing. */
export function refusesEnrolment(decision: TelemonitoringDecision): boolean {
  return !decision.eligible || decision.reasons.includes('prescriber-not-qualified');
}
