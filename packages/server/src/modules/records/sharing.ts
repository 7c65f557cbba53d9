// Sending a signed report to the professionals caring for the patient (the treating doctor, the
// requesting doctor): a message in their Parcours inbox with the report attached, read receipts,
// and an e-mail that says only that something arrived (notice.ts).
import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import { audited } from '../../platform/audit/audit.js';
import type { Language } from '../../platform/http/language.js';
import { problem } from '../../platform/http/problem.js';
import { accountNames } from '../accounts/service.js';
import { liveCarers, patientSummaries } from '../patients/service.js';
import { auditRole, authorOnly, reportAccess } from './access.js';
import { queueNotice } from './notice.js';
import { loadReport, writeAccess, type RecordsDeps } from './reports.js';
import type { Message, MessageDetail, ShareBody } from './schemas.js';
import { inboxOf, insertMessage, markRead, messageById, reportById, type MessageRow } from './store.js';
import { reportView } from './views.js';

/** Who the report may go to: the professionals caring for the patient now, but its author. */
export async function reportRecipients(deps: RecordsDeps, actor: Actor, reportId: string) {
  const row = await loadReport(deps, reportId);
  // Who cares for the patient is about the patient: read and audited like the rest of the record.
  return audited(
    deps,
    {
      actor,
      kind: 'read',
      action: 'care-team.read',
      resource: { type: 'CareTeam', id: row.id },
      patientId: row.patient_id,
      authorize: () => authorOnly(deps.db, actor, row),
    },
    async (db) => {
      const ids = (await liveCarers(db, row.patient_id)).filter((id) => id !== actor.accountId);
      const names = await accountNames(db, ids);
      return ids.map((id) => ({ id, name: names.get(id) ?? '' })).sort((a, b) => a.name.localeCompare(b.name));
    },
  );
}

/** Shares a signed report; an unsigned one is refused (409 report-not-signed). Sharing twice sends nothing new. */
export async function shareReport(deps: RecordsDeps, actor: Actor, reportId: string, body: z.infer<typeof ShareBody>, language: Language) {
  const row = await loadReport(deps, reportId);
  return audited(deps, writeAccess(deps, actor, row, 'report.share'), async (db) => {
    if (!row.signed_at) throw problem.conflict('report-not-signed');
    const carers = new Set(await liveCarers(db, row.patient_id));
    for (const recipient of new Set(body.recipientAccountIds)) {
      if (!carers.has(recipient) || recipient === actor.accountId) {
        throw problem.validation([{ field: 'recipientAccountIds', code: 'recipient-not-in-care', message: NOT_IN_CARE[language] }]);
      }
      const { row: message, isNew } = await insertMessage(db, {
        sender_account_id: actor.accountId,
        recipient_account_id: recipient,
        patient_id: row.patient_id,
        report_id: row.id,
        note: body.note,
      });
      if (isNew) await queueNotice(deps, db, message.id);
    }
    return reportView(db, row, language);
  });
}

const NOT_IN_CARE = {
  fr: 'Un destinataire ne suit pas ce patient : seuls les professionnels qui le prennent en charge reçoivent son compte rendu.',
  en: 'A recipient does not care for this patient: only the professionals caring for them receive the report.',
};

async function messageViews(deps: RecordsDeps, rows: MessageRow[]): Promise<z.infer<typeof Message>[]> {
  const [senders, patients] = await Promise.all([
    accountNames(deps.db, [...new Set(rows.map((r) => r.sender_account_id))]),
    patientSummaries(
      deps.db,
      rows.map((r) => r.patient_id),
    ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    sender: senders.get(r.sender_account_id) ?? '',
    patient: { id: r.patient_id, name: patients.get(r.patient_id)?.name ?? '' },
    reportId: r.report_id,
    note: r.note,
    createdAt: r.created_at.toISOString(),
    readAt: r.read_at?.toISOString() ?? null,
  }));
}

/** The professional's inbox, newest first: one audit entry per patient named. */
export async function inbox(deps: RecordsDeps, actor: Actor) {
  if (!actor.isProfessional) throw problem.notFound();
  return audited(
    deps,
    {
      actor,
      kind: 'read',
      action: 'message.list',
      resource: { type: 'Communication' },
      authorize: () => 'practitioner',
      entries: (result: z.infer<typeof Message>[], role) =>
        result.map((m) => ({
          actor,
          role,
          action: 'message.list',
          resource: { type: 'Communication', id: m.id },
          patientId: m.patient.id,
        })),
    },
    async () => messageViews(deps, await inboxOf(deps.db, actor.accountId)),
  );
}

/** Opens a message: its report, if the recipient still cares for the patient; the first opening is the read receipt. */
export async function openMessage(
  deps: RecordsDeps,
  actor: Actor,
  messageId: string,
  language: Language,
  now = new Date(),
): Promise<z.infer<typeof MessageDetail>> {
  const message = await messageById(deps.db, messageId);
  if (!message || message.recipient_account_id !== actor.accountId) throw problem.notFound();
  const report = message.report_id ? await reportById(deps.db, message.report_id) : undefined;
  return audited(
    deps,
    {
      actor,
      kind: 'change',
      action: 'message.read',
      resource: { type: 'Communication', id: message.id },
      patientId: message.patient_id,
      authorize: async () => (report ? auditRole(await reportAccess(deps.db, actor, report)) : 'practitioner'),
    },
    async (db) => {
      await markRead(db, message.id, now);
      const [view] = await messageViews({ ...deps, db }, [{ ...message, read_at: message.read_at ?? now }]);
      return { ...view!, report: report ? await reportView(db, report, language) : null };
    },
  );
}
