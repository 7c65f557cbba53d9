// The note d'honoraires (fee note) of an act: who billed it (name, RPPS, organisation), for whom,
// when, the act's code and amount, the Assurance Maladie's part, and what was paid and how. For the
// patient's records and their supplementary cover; it is not a feuille de soins.
import { PDFDocument, StandardFonts, rgb, type PDFFont } from 'pdf-lib';
import type { Actor } from '../../platform/auth/actor.js';
import { audited, type AuditedDeps } from '../../platform/audit/audit.js';
import { problem } from '../../platform/http/problem.js';
import { describeAccounts } from '../accounts/service.js';
import { documentIdentity } from '../patients/service.js';
import { recordRole, views } from './acts.js';
import { recordOfAppointment } from './store.js';

export const FEE_NOTE_TITLE = 'Note d’honoraires';

const MEANS = { cheque: 'chèque', transfer: 'virement', card: 'carte bancaire en ligne' } as const;
const ACT_LABEL = { TCG: 'TCG — téléconsultation du médecin généraliste', TC: 'TC — téléconsultation' } as const;
const OUTCOME = { reoriented: 'réorienté', interrupted: 'interrompu', completed: 'réalisé' } as const;

const frenchDate = (iso: string) => iso.split('-').reverse().join('/');
const euros = (amount: number) => `${amount.toFixed(2).replace('.', ',')} €`;

/** The fee note of an act, for its patient's side or its practitioner. Audited. */
export async function feeNotePdf(deps: AuditedDeps, actor: Actor, appointmentId: string): Promise<{ filename: string; bytes: Uint8Array }> {
  const record = await recordOfAppointment(deps.db, appointmentId);
  if (!record) throw problem.notFound();
  const role = recordRole(actor, record);
  return audited(
    deps,
    {
      actor,
      kind: 'read',
      action: 'billing.fee-note',
      resource: { type: 'ChargeItem', id: record.id },
      patientId: record.patient_id,
      organisationId: record.organisation_id,
      authorize: () => role,
    },
    async (db) => {
      const [[view], practitioners, patient] = await Promise.all([
        views(db, [record], false),
        describeAccounts(db, [record.practitioner_account_id]),
        documentIdentity(db, record.patient_id),
      ]);
      const practitioner = practitioners.get(record.practitioner_account_id) as {
        givenName: string;
        familyName: string;
        profession: string | null;
        rpps: string | null;
      };
      const { decision, share } = view!.billing;
      const lines: [string, string][] = [
        ['Date de l’acte', `${frenchDate(view!.date)}${view!.time ? ` à ${view!.time.replace(':', ' h ')}` : ''}`],
        ['Acte', decision.billable && decision.code ? ACT_LABEL[decision.code] : `Non facturé (acte ${OUTCOME[view!.outcome]})`],
      ];
      if (decision.billable) {
        lines.push(
          ['Honoraires', euros(share.charged ?? 0)],
          ['Dont part de l’Assurance Maladie', euros(decision.amoAmount)],
          ['Participation forfaitaire', euros(decision.participationForfaitaire)],
          ['Ticket modérateur', euros(decision.ticketModerateur)],
          ['À régler au praticien', euros(view!.amountDue)],
        );
      }
      if (view!.assistant?.code) lines.push(['Acte de l’assistant', `${view!.assistant.code} — ${euros(view!.assistant.fee ?? 0)}`]);
      const paid = view!.payments.map((p): [string, string] => [
        `Payé le ${frenchDate(p.paidAt.slice(0, 10))}`,
        `${euros(p.amount)} par ${MEANS[p.means]}`,
      ]);
      const bytes = await render({
        author: [
          `${practitioner.profession === 'doctor' ? 'Dr ' : ''}${practitioner.givenName} ${practitioner.familyName}`,
          `RPPS ${practitioner.rpps ?? 'non renseigné'}`,
          view!.organisation.name,
        ],
        patient: [`Patient : ${patient.firstNames} ${patient.usedName ?? patient.birthName}`, `Né(e) le ${frenchDate(patient.birthDate)}`],
        lines,
        paid: paid.length ? paid : [['Payé', euros(0)]],
        total: [
          ['Montant payé', euros(view!.paid)],
          ['Reste à payer', euros(view!.balance)],
        ],
        createdAt: record.created_at,
      });
      return { filename: `note-honoraires-${view!.date}.pdf`, bytes };
    },
  );
}

interface FeeNoteContent {
  author: string[];
  patient: string[];
  lines: [string, string][];
  paid: [string, string][];
  total: [string, string][];
  createdAt: Date;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;

async function render(content: FeeNoteContent): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(FEE_NOTE_TITLE);
  pdf.setCreator('Parcours');
  pdf.setProducer('Parcours');
  pdf.setLanguage('fr-FR');
  pdf.setCreationDate(content.createdAt);
  pdf.setModificationDate(content.createdAt);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const page = pdf.addPage(A4);
  let y = A4[1] - MARGIN;
  const write = (text: string, size: number, font: PDFFont = regular, x = MARGIN) => {
    page.drawText(printable(text, font), { x, y, size, font, color: rgb(0, 0, 0) });
  };
  const line = (text: string, size = 10, font: PDFFont = regular) => {
    y -= size * 1.4;
    write(text, size, font);
  };
  const row = ([label, value]: [string, string], font: PDFFont = regular) => {
    y -= 14;
    write(label, 10, font);
    write(value, 10, font, MARGIN + 230);
  };
  for (const text of content.author) line(text);
  y -= 12;
  for (const text of content.patient) line(text);
  y -= 18;
  line(FEE_NOTE_TITLE, 16, bold);
  y -= 6;
  for (const entry of content.lines) row(entry);
  y -= 10;
  line('Règlements', 12, bold);
  for (const entry of content.paid) row(entry);
  y -= 6;
  for (const entry of content.total) row(entry, bold);
  y -= 20;
  line('Note d’honoraires établie par Parcours. Elle ne remplace pas la feuille de soins transmise à l’Assurance Maladie.', 8);
  return pdf.save();
}

/** The standard fonts speak WinAnsi: a character outside it prints as "?" rather than failing. */
function printable(text: string, font: PDFFont): string {
  let out = '';
  for (const ch of text) {
    try {
      font.encodeText(ch);
      out += ch;
    } catch {
      out += '?';
    }
  }
  return out;
}
