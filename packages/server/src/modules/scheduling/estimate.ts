import { SPECIALTIES, wallTimeOf, type Specialty } from '@parcours/domain';
import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import type { Language } from '../../platform/http/language.js';
import { problem } from '../../platform/http/problem.js';
import { practitionerProfile } from '../accounts/service.js';
import { estimateTeleconsultation } from '../billing/service.js';
import type { SchedulingDeps } from './appointments.js';
import { fieldIssue } from './issues.js';
import type { EstimateRequest } from './schemas.js';
import { scheduleById, typeById } from './store.js';

type Answers = Parameters<typeof estimateTeleconsultation>[3];

/**
 * Before confirming: the reimbursement estimate of that very slot — billing's, with the
 * practitioner's profession, sector and OPTAM from their profile, the specialty and fee the type
 * announces, the date at the site, and "local" when the patient's département is in the territory
 * served. Billing authorises and audits.
 */
export async function estimateSlot(
  deps: SchedulingDeps,
  actor: Actor,
  patientId: string,
  request: z.infer<typeof EstimateRequest>,
  language: Language,
) {
  const type = await typeById(deps.db, request.typeId);
  if (!type?.active) throw problem.validation([fieldIssue('typeId', 'unknown-type', language)]);
  const schedule = (await scheduleById(deps.db, type.schedule_id))!;
  const profile = await practitionerProfile(deps.db, schedule.practitioner_account_id);
  const profession = profile?.profession;
  if (type.modality === 'in-person' || (profession !== 'doctor' && profession !== 'midwife')) {
    throw problem.validation([fieldIssue('typeId', 'not-a-teleconsultation', language)]);
  }
  const { date, time } = wallTimeOf(Date.parse(request.startsAt), schedule.time_zone);
  const answers: Answers = {
    date,
    time,
    modality: type.modality,
    treatingDoctor: request.treatingDoctor,
    concernsAld: request.concernsAld,
    workAccident: false,
    emergency: false,
    sasReferral: false,
    ...(type.fee_cents !== null ? { feeCharged: type.fee_cents / 100 } : {}),
    practitioner: {
      profession,
      specialty: (SPECIALTIES as readonly string[]).includes(type.specialty) ? (type.specialty as Specialty) : 'general-practice',
      sector: profile?.sector ?? 1,
      optam: profile?.optam ?? false,
      isTreatingDoctor: request.isTreatingDoctor,
      local: request.departement ? schedule.territory.includes(request.departement) : true,
    },
  };
  return estimateTeleconsultation(deps, actor, patientId, answers, language);
}
