// The billing record of a teleconsultation act: made once when the act ends, from the rules engine's
// decision (code, fee, AMO share, participation forfaitaire, ticket modérateur, tiers payant, reasons,
// warnings), with the assisting professional's own act when one took part; then what the patient
// and the practitioner see of it.
import { ASSISTANCE_SETTINGS, evaluate, wallTimeOf, type AssistanceDecision, type AssistanceSetting } from '@parcours/domain';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import { managesPatient } from '../../platform/auth/policy.js';
import { audited, type AuditedDeps } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/database/database.js';
import { problem } from '../../platform/http/problem.js';
import { accountNames, practitionerProfile } from '../accounts/service.js';
import { organisationNames } from '../organisations/service.js';
import { patientRecordAccess, patientSummaries } from '../patients/service.js';
import { actFacts, billingFacts, decide, practitionerFacts, teleconsultingProfile, type Billing } from './decision.js';
import type { BillingBody, BillingRecord } from './schemas.js';
import {
  insertRecordOnce,
  paymentsOf,
  recordOfAppointment,
  recordsOfPatient,
  type NewRecord,
  type PaymentRow,
  type RecordRow,
} from './store.js';
import type { ActOutcome } from './tables.js';

export type BillingRecordView = z.infer<typeof BillingRecord>;

/** What billing needs of an act that just ended: the appointment's parties and how it ended. */
export interface EndedAct {
  appointmentId: string;
  patientId: string;
  practitionerAccountId: string;
  organisationId: string;
  modality: string;
  startsAt: Date;
  outcome: ActOutcome;
  /**
   * The assisting professional on the patient's side, when one took part (teleconsultation records
   * them): a nurse's setting decides TLS, TLL or TLD; a pharmacist bills TLM.
   */
  assistant?: { profession: string | null; setting?: string | null } | null;
}

export interface BillingDeps extends AuditedDeps {
  logger: Logger;
}

/** Acts are dated at the site's wall time: Europe/Paris, as every appointment. */
const ACT_TIME_ZONE = 'Europe/Paris';
const cents = (euros: number | null | undefined): number => Math.round((euros ?? 0) * 100);
const euros = (amount: number): number => amount / 100;

/**
 * The act ended: its billing record, from the rules. Completed, it is billed as the rules decide;
 * reoriented or interrupted, it is recorded unbilled with the rules' reason. Made once: a second
 * call (ending twice, the job that follows the end) finds the record and makes nothing. Throws when
 * the database fails. `by`: the practitioner ending the act, or null when Parcours makes the record
 * itself (the job, after the end could not).
 */
export async function billEndedAct(deps: BillingDeps, by: Actor | null, act: EndedAct): Promise<void> {
  if (await recordOfAppointment(deps.db, act.appointmentId)) return;
  const profile = await practitionerProfile(deps.db, act.practitionerAccountId);
  if (profile?.profession !== 'doctor' && profile?.profession !== 'midwife') {
    deps.logger.info({ appointmentId: act.appointmentId }, 'act by a profession that does not bill teleconsultations: no billing record');
    return;
  }
  await audited(
    deps,
    {
      actor: by,
      kind: 'change',
      action: 'billing.record',
      resource: { type: 'ChargeItem', id: act.appointmentId },
      patientId: act.patientId,
      organisationId: act.organisationId,
      authorize: () => (by ? 'practitioner' : 'system'),
    },
    async (tx) => insertRecordOnce(tx, recordOf(teleconsultingProfile(profile), act, await billingFacts(tx, act.patientId))),
  );
}

/**
 * The same at the end of the act, by the request that ends it: a failure never undoes the end. It
 * is logged (ids only), and the record is left to the job the end queued (teleconsultation).
 */
export async function recordActBilling(deps: BillingDeps, actor: Actor, act: EndedAct): Promise<void> {
  try {
    await billEndedAct(deps, actor, act);
  } catch (error) {
    deps.logger.error(
      { err: { message: error instanceof Error ? error.message : String(error) }, appointmentId: act.appointmentId },
      'billing record not made at the end of the act; the job will make it',
    );
  }
}

/** The record of an ended act: the rules' decision on what is known of it (see recordActBilling). */
export function recordOf(
  profile: ReturnType<typeof teleconsultingProfile>,
  act: EndedAct,
  patient: Awaited<ReturnType<typeof billingFacts>>,
): NewRecord {
  const { date, time } = wallTimeOf(act.startsAt.getTime(), ACT_TIME_ZONE);
  // Who referred the patient is the practitioner's to state; until they do, the contract's default
  // (referred) holds unless the patient said they have no treating doctor. The record says so.
  const noTreatingDoctor = patient.insurance.treatingDoctor === 'none';
  const statement: z.infer<typeof BillingBody> = {
    date,
    time,
    modality: act.modality === 'phone' ? 'phone' : 'video',
    treatingDoctor: noTreatingDoctor ? 'none' : 'referred',
    concernsAld: false,
    workAccident: false,
    emergency: false,
    sasReferral: false,
    completed: act.outcome === 'completed',
    isTreatingDoctor: false,
    local: true,
    residence: 'home',
    livesInZip: false,
  };
  const billing = decide(actFacts(statement, patient, practitionerFacts(profile, statement), statement), patient.insurance, 'fr');
  const assistance = assistanceOf(act, date);
  const { decision, share } = billing;
  return {
    appointment_id: act.appointmentId,
    patient_id: act.patientId,
    practitioner_account_id: act.practitionerAccountId,
    organisation_id: act.organisationId,
    act_date: date,
    act_time: time,
    outcome: act.outcome,
    billable: decision.billable,
    code: decision.billable ? decision.code : null,
    fee_cents: decision.fee === null ? null : cents(decision.fee),
    charged_cents: share.charged === null ? null : cents(share.charged),
    amo_cents: cents(decision.amoAmount),
    participation_cents: cents(decision.participationForfaitaire),
    ticket_moderateur_cents: cents(decision.ticketModerateur),
    tiers_payant: decision.tiersPayant,
    due_cents: decision.billable ? cents(share.advance) : 0,
    assistant_profession: assistance?.profession ?? null,
    assistant_code: assistance?.decision.code ?? null,
    assistant_fee_cents: assistance?.decision.fee == null ? null : cents(assistance.decision.fee),
    request: JSON.stringify(billing.request),
    decision: JSON.stringify(decision),
    share: JSON.stringify({ ...share, insuranceStated: billing.insuranceStated }),
    assistance: assistance ? JSON.stringify(assistance) : null,
    assumed: noTreatingDoctor ? [] : ['treatingDoctor'],
  };
}

/** The assisting nurse's or pharmacist's act, by the `assistance` rules (factsheet §2.3, §2.4). */
function assistanceOf(act: EndedAct, date: string): { profession: 'nurse' | 'pharmacist'; decision: AssistanceDecision } | null {
  const profession = act.assistant?.profession;
  if (profession !== 'nurse' && profession !== 'pharmacist') return null;
  const setting = (ASSISTANCE_SETTINGS as readonly string[]).includes(act.assistant?.setting ?? '')
    ? (act.assistant!.setting as AssistanceSetting)
    : undefined;
  const decision = evaluate({ kind: 'assistance', date, assistant: profession, ...(profession === 'nurse' && setting ? { setting } : {}) });
  return { profession, decision };
}

// ── Reading ─────────────────────────────────────────────────────────────────────────────────────

/** How the caller reaches a record: its patient's side, or its practitioner. Anyone else: 404. */
export function recordRole(actor: Actor, record: RecordRow): 'patient' | 'practitioner' {
  if (managesPatient(actor, record.patient_id)) return 'patient';
  if (actor.accountId === record.practitioner_account_id) return 'practitioner';
  throw problem.notFound();
}

/** The record of an act, for its patient's side or its practitioner. Audited. */
export async function readActBilling(deps: AuditedDeps, actor: Actor, appointmentId: string, onlinePayment: boolean) {
  const record = await recordOfAppointment(deps.db, appointmentId);
  if (!record) throw problem.notFound();
  const role = recordRole(actor, record);
  return audited(
    deps,
    {
      actor,
      kind: 'read',
      action: 'billing.record.read',
      resource: { type: 'ChargeItem', id: record.id },
      patientId: record.patient_id,
      organisationId: record.organisation_id,
      authorize: () => role,
    },
    async (db) => (await views(db, [record], onlinePayment))[0]!,
  );
}

/**
 * A patient's acts and what is left to pay: all of them for the patient (or parent); a professional
 * in the care relationship sees only the acts they billed. Audited, even when there is none.
 */
export async function patientActs(deps: AuditedDeps, actor: Actor, patientId: string, onlinePayment: boolean) {
  return audited(
    deps,
    {
      actor,
      kind: 'read',
      action: 'billing.records.list',
      resource: { type: 'ChargeItem' },
      patientId,
      authorize: () => patientRecordAccess(deps.db, actor, patientId),
    },
    async (db) => {
      const all = await recordsOfPatient(db, patientId);
      const visible = managesPatient(actor, patientId) ? all : all.filter((r) => r.practitioner_account_id === actor.accountId);
      return views(db, visible, onlinePayment);
    },
  );
}

export function statusOf(record: Pick<RecordRow, 'billable' | 'due_cents'>, paidCents: number): BillingRecordView['status'] {
  if (!record.billable) return 'not-billed';
  if (record.due_cents === 0) return 'nothing-due';
  if (paidCents >= record.due_cents) return 'paid';
  return paidCents > 0 ? 'partly-paid' : 'unpaid';
}

/** What a record shows: names, the decision in full, the payments and the balance. */
export async function views(db: Db, records: RecordRow[], onlinePayment: boolean): Promise<BillingRecordView[]> {
  if (records.length === 0) return [];
  const [payments, patients, practitioners, organisations] = await Promise.all([
    paymentsOf(
      db,
      records.map((r) => r.id),
    ),
    patientSummaries(
      db,
      records.map((r) => r.patient_id),
    ),
    accountNames(db, [...new Set(records.map((r) => r.practitioner_account_id))]),
    organisationNames(db, [...new Set(records.map((r) => r.organisation_id))]),
  ]);
  const byRecord = new Map<string, PaymentRow[]>();
  for (const payment of payments) byRecord.set(payment.record_id, [...(byRecord.get(payment.record_id) ?? []), payment]);
  return records.map((record) => {
    const paid = (byRecord.get(record.id) ?? []).reduce((sum, p) => sum + p.amount_cents, 0);
    const balance = Math.max(0, record.due_cents - paid);
    const { insuranceStated, ...share } = record.share as Billing['share'] & { insuranceStated: boolean };
    const assistance = record.assistance as { profession: 'nurse' | 'pharmacist'; decision: AssistanceDecision } | null;
    return {
      id: record.id,
      appointmentId: record.appointment_id,
      patient: { id: record.patient_id, name: patients.get(record.patient_id)?.name ?? '' },
      practitioner: { id: record.practitioner_account_id, name: practitioners.get(record.practitioner_account_id) ?? '' },
      organisation: { id: record.organisation_id, name: organisations.get(record.organisation_id) ?? '' },
      date: record.act_date,
      time: record.act_time,
      outcome: record.outcome,
      billing: {
        request: record.request as Billing['request'],
        decision: record.decision as Billing['decision'],
        share,
        insuranceStated,
      },
      assumed: record.assumed,
      assistant: assistance && {
        profession: assistance.profession,
        billable: assistance.decision.billable,
        code: assistance.decision.code,
        fee: assistance.decision.fee,
        reasons: assistance.decision.reasons,
        warnings: assistance.decision.warnings,
      },
      amountDue: euros(record.due_cents),
      paid: euros(paid),
      balance: euros(balance),
      status: statusOf(record, paid),
      payments: (byRecord.get(record.id) ?? []).map((p) => ({
        id: p.id,
        means: p.means,
        amount: euros(p.amount_cents),
        reference: p.reference,
        paidAt: p.paid_at.toISOString(),
      })),
      onlinePayment: onlinePayment && balance > 0,
      createdAt: record.created_at.toISOString(),
    };
  });
}
