// The practitioner's acts: what each act was billed, what the patient owes, what was paid, per
// organisation and month — on screen and as CSV for the accountant.
import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import { audited, type AuditedDeps } from '../../platform/audit/audit.js';
import { toCsv, type CsvCell } from '../../platform/csv/csv.js';
import { problem } from '../../platform/http/problem.js';
import { views, type BillingRecordView } from './acts.js';
import type { ActsQuery, ActsReply } from './schemas.js';
import { recordsOfPractitioner } from './store.js';

/** Where the actor practises: the organisations they are a practitioner (or regulator) of. */
function practisingOrganisations(actor: Actor): string[] {
  if (!actor.isProfessional) return [];
  return [...new Set(actor.memberships.filter((m) => m.role !== 'admin').map((m) => m.organisationId))];
}

/** The caller's acts in their organisations (or one of them), in a month or all; audited per patient. */
export async function practitionerActs(
  deps: AuditedDeps,
  actor: Actor,
  query: Omit<z.infer<typeof ActsQuery>, 'format'>,
  onlinePayment: boolean,
): Promise<z.infer<typeof ActsReply>> {
  const practising = practisingOrganisations(actor);
  // An organisation the caller does not practise in is not theirs to learn about.
  if (query.organisationId && !practising.includes(query.organisationId)) throw problem.notFound();
  const organisationIds = query.organisationId ? [query.organisationId] : practising;
  return audited(
    deps,
    {
      actor,
      kind: 'read',
      action: 'billing.acts.list',
      resource: { type: 'ChargeItem' },
      authorize: () => 'practitioner',
      entries: (reply, role) =>
        [...new Set(reply.acts.map((act) => act.patient.id))].map((patientId) => ({
          actor,
          role,
          action: 'billing.acts.list',
          resource: { type: 'ChargeItem' },
          patientId,
        })),
    },
    async (db) => {
      const rows = await recordsOfPractitioner(db, actor.accountId, organisationIds, query.month);
      let acts = await views(db, rows, onlinePayment);
      if (query.status === 'paid') acts = acts.filter((a) => a.status === 'paid' || a.status === 'nothing-due');
      if (query.status === 'unpaid') acts = acts.filter((a) => a.balance > 0);
      const sum = (pick: (act: BillingRecordView) => number) => Math.round(acts.reduce((total, act) => total + pick(act) * 100, 0)) / 100;
      return {
        acts,
        totals: {
          acts: acts.length,
          billed: sum((a) => (a.billing.decision.billable ? (a.billing.share.charged ?? 0) : 0)),
          due: sum((a) => a.amountDue),
          paid: sum((a) => a.paid),
          balance: sum((a) => a.balance),
        },
        organisations: actor.memberships
          .filter((m) => practising.includes(m.organisationId))
          .filter((m, i, all) => all.findIndex((o) => o.organisationId === m.organisationId) === i)
          .map((m) => ({ id: m.organisationId, name: m.organisationName ?? '' })),
      };
    },
  );
}

const MEANS = { cheque: 'chèque', transfer: 'virement', card: 'carte en ligne' } as const;
const OUTCOMES = { completed: 'réalisé', reoriented: 'réorienté', interrupted: 'interrompu' } as const;
const TIERS_PAYANT = { full: 'intégral', amo: 'part AMO', optional: 'facultatif' } as const;
const STATUSES = {
  'not-billed': 'non facturé',
  'nothing-due': 'rien à payer',
  unpaid: 'impayé',
  'partly-paid': 'payé en partie',
  paid: 'payé',
};

/** The acts as CSV (platform/csv: RFC 4180, formula-safe), one act a line, for the accountant. */
export function actsCsv(reply: z.infer<typeof ActsReply>): string {
  const header = [
    'date',
    'heure',
    'organisation',
    'patient',
    'issue',
    'code',
    'honoraires',
    'part AMO',
    'participation forfaitaire',
    'ticket modérateur',
    'tiers payant',
    'dû par le patient',
    'payé',
    'reste',
    'statut',
    'moyens de paiement',
  ];
  const lines = reply.acts.map((act): CsvCell[] => {
    const { decision, share } = act.billing;
    return [
      act.date,
      act.time,
      act.organisation.name,
      act.patient.name,
      OUTCOMES[act.outcome],
      decision.billable ? decision.code : null,
      decision.billable ? share.charged : null,
      decision.billable ? decision.amoAmount : null,
      decision.billable ? decision.participationForfaitaire : null,
      decision.billable ? decision.ticketModerateur : null,
      decision.billable ? TIERS_PAYANT[decision.tiersPayant] : null,
      act.amountDue,
      act.paid,
      act.balance,
      STATUSES[act.status],
      [...new Set(act.payments.map((p) => MEANS[p.means]))].join(' + '),
    ];
  });
  return toCsv(header, lines);
}
