// The ended act goes to billing twice over: at once, by the request that ends it, so that the
// practitioner sees the decision straight away; and by a durable job queued in the same transaction
// as the end, a minute later, which makes the record if it is still missing — the node stopped
// between the end's commit and the billing, or the database failed the billing. Billing makes a
// record once, so the job finds it made and does nothing in the usual case.
import type { Actor } from '../../platform/auth/actor.js';
import type { Db, Tx } from '../../platform/database/database.js';
import type { Job } from '../../platform/jobs/index.js';
import { billEndedAct, recordActBilling, type EndedAct } from '../billing/service.js';
import { appointmentParties, type AppointmentParties } from '../scheduling/service.js';
import { assistantsOfVisit } from './invitations.js';
import { visitById, type VisitRow } from './store.js';
import type { TeleconsultationDeps } from './visits.js';

declare module '../../platform/jobs/job-types.js' {
  interface JobTypes {
    /** Makes the billing record of an ended act if the end of the act could not. */
    'teleconsultation.bill-act': { appointmentId: string };
  }
}

/** Long enough for the request's own billing to be done; short enough that the record is there before anyone looks for it. */
const SAFETY_NET_DELAY_SECONDS = 60;

/** Queues the job, in the transaction that ends the act: it exists if and only if the end commits. */
export function queueActBilling(deps: TeleconsultationDeps, tx: Tx, appointmentId: string): Promise<unknown> {
  return deps.jobs.send('teleconsultation.bill-act', { appointmentId }, { tx, startAfter: SAFETY_NET_DELAY_SECONDS });
}

/** The request's own billing, once the end has committed: a failure is logged, and left to the job. */
export async function billAtEnd(deps: TeleconsultationDeps, actor: Actor, parties: AppointmentParties, visit: VisitRow): Promise<void> {
  await recordActBilling(deps, actor, await endedActOf(deps.db, parties, visit));
}

/** The job: the record, made by Parcours itself, if the act ended and has none; a failure is retried. */
export async function billEndedActLater(deps: TeleconsultationDeps, job: Job<'teleconsultation.bill-act', { appointmentId: string }>) {
  const [parties, visit] = await Promise.all([
    appointmentParties(deps.db, job.data.appointmentId),
    visitById(deps.db, job.data.appointmentId),
  ]);
  if (!parties || visit?.state !== 'ended' || !visit.outcome) return;
  await billEndedAct(deps, null, await endedActOf(deps.db, parties, visit));
}

/** What billing reads of the act: its parties, how it ended, by telephone if the call went on in audio alone, who assisted. */
async function endedActOf(db: Db, parties: AppointmentParties, visit: VisitRow): Promise<EndedAct> {
  return {
    ...parties,
    ...(visit.audio_only_at ? { modality: 'phone' } : {}),
    assistant: (await assistantsOfVisit(db, parties.appointmentId)).find((a) => a.kind === 'professional') ?? null,
    outcome: visit.outcome!,
  };
}
