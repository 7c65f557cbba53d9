// The billing module's use cases, and its only door for other modules: the estimate before booking,
// the practitioner's decision, the billing record of an act when it ends, its payments.
import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import { audited, type AuditedDeps } from '../../platform/audit/audit.js';
import type { Language } from '../../platform/http/language.js';
import { problem } from '../../platform/http/problem.js';
import { practitionerProfile } from '../accounts/service.js';
import { hasCareRelationship, patientRecordAccess } from '../patients/service.js';
import { actFacts, billingFacts, decide, practitionerFacts, teleconsultingProfile, type Billing } from './decision.js';
import type { BillingBody, EstimateBody } from './schemas.js';

/** The estimate's reply, for the routes of other modules that answer with one (booking's estimate of a slot). */
export { TeleconsultationBilling } from './schemas.js';
export { billEndedAct, recordActBilling, type EndedAct } from './acts.js';

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
