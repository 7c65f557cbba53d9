// Assisted teleconsultations: the practitioner or the patient invites an assisting professional
// (nurse, pharmacist…), a relative or an interpreter by a single-use link that expires with the
// visit. Opening it, the assistant says who they are (profession, RPPS, setting: what the
// assistance rules and billing read) and accepts the information; their browser then holds a
// credential for this one visit, with which it joins the call as one more peer.
import type { AssistanceSetting } from '@parcours/domain';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import { randomToken, tokenHash } from '../../platform/auth/secrets.js';
import { audited, recordAuditMany, type AuditEntryInput } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/database/database.js';
import type { Language } from '../../platform/http/language.js';
import { Problem, problem } from '../../platform/http/problem.js';
import { signLiveToken } from '../../platform/realtime/index.js';
import { accountNames } from '../accounts/service.js';
import { appointmentParties } from '../scheduling/service.js';
import { announceAssistant } from './assist-live.js';
import type { Assistant, AssistVisit, InvitationRequest, RedeemRequest } from './assist-schemas.js';
import {
  assistantByCredentialHash,
  assistantsOf,
  insertInvitation,
  invitationByTokenHash,
  pendingInvitationCount,
  redeemInvitation,
  revokeInvitation,
  type AssistantRow,
} from './assist-store.js';
import { iceServers } from './ice.js';
import { roomTopic } from './live.js';
import type { RoomToken } from './schemas.js';
import { visitById } from './store.js';
import { participation, type TeleconsultationDeps } from './visits.js';

const MINUTE = 60_000;
/** A link holds until this long after the slot's end: a visit running late keeps its assistant. */
export const INVITATION_MARGIN_MS = 30 * MINUTE;
/** Invitations waiting to be opened, per visit: the room holds four peers anyway. */
const MAX_PENDING_INVITATIONS = 5;
const ROOM_TOKEN_SECONDS = 600;
/** The path of the web page a link opens; the token rides in the fragment, which no server logs. */
const ASSIST_PAGE = '/assister';

/**
 * What the assistant accepts before joining. A new wording is a new version: the assistant's row
 * names the one accepted.
 */
export const ASSIST_INFORMATION = {
  version: '2026-12',
  fr: 'Vous allez participer à la téléconsultation d’un patient, à sa demande ou à celle de son médecin. Ce que vous voyez et entendez est couvert par le secret : professionnel de santé, vous y êtes tenu·e ; proche ou interprète, vous vous engagez à le respecter. Votre nom, et pour un professionnel sa profession, son numéro RPPS et le cadre de l’assistance, sont enregistrés avec la consultation. Les mesures que vous partagez sont versées au dossier du patient. La vidéo passe directement entre les participants, chiffrée, sans être enregistrée. Vous pouvez quitter l’appel à tout moment.',
  en: 'You are about to take part in a patient’s teleconsultation, at their request or their doctor’s. What you see and hear is confidential: as a health professional you are bound by professional secrecy; as a relative or an interpreter you undertake to respect it. Your name, and for a professional their profession, RPPS number and the setting of the assistance, are recorded with the consultation. The measurements you share are added to the patient’s record. The video goes directly between the participants, encrypted, and is not recorded. You may leave the call at any time.',
} as const;

export const assistantSubject = (assistantId: string) => `assistant:${assistantId}`;

/** What an assistant did with their credential, for the audit: no account behind it (no actor, the role says who), about the visit's patient. */
export function assistantAuditEntry(
  assistant: Pick<AssistantRow, 'patient_id'>,
  address: string,
  action: string,
  resource: AuditEntryInput['resource'],
): AuditEntryInput {
  return { actor: null, role: 'assistant', action, resource, patientId: assistant.patient_id, address };
}

const LINK_STATUS = (row: AssistantRow, now: number): z.infer<typeof Assistant>['status'] =>
  row.redeemed_at ? 'joined' : row.revoked_at ? 'withdrawn' : row.expires_at.getTime() <= now ? 'expired' : 'pending';

function assistantView(row: AssistantRow, now: number): z.infer<typeof Assistant> {
  return {
    id: row.id,
    kind: row.kind,
    status: LINK_STATUS(row, now),
    invitedAs: row.invited_as,
    expiresAt: row.expires_at.toISOString(),
    joinedAt: row.redeemed_at?.toISOString() ?? null,
    name: row.name,
    profession: row.profession,
    rpps: row.rpps,
    place: row.place,
    setting: row.setting,
    subject: assistantSubject(row.id),
  };
}

const MAIL = {
  fr: (link: string, until: string) => ({
    subject: 'Invitation à une téléconsultation',
    text: `Bonjour,\n\nVous êtes invité·e à rejoindre une téléconsultation sur Parcours.\n\nOuvrez ce lien, valable une seule fois et jusqu’au ${until} :\n${link}\n\nSi vous n’attendiez pas cette invitation, ignorez ce message.\n`,
  }),
  en: (link: string, until: string) => ({
    subject: 'Invitation to a teleconsultation',
    text: `Hello,\n\nYou are invited to join a teleconsultation on Parcours.\n\nOpen this link, which works once and until ${until}:\n${link}\n\nIf you were not expecting this invitation, ignore this message.\n`,
  }),
};

/**
 * The practitioner or the patient's side invites someone to a video visit not yet over. The link is
 * shown once (and mailed if asked, with nothing of the visit in the mail); the database keeps its
 * hash. Audited.
 */
export async function invite(
  deps: TeleconsultationDeps,
  actor: Actor,
  appointmentId: string,
  request: z.infer<typeof InvitationRequest>,
  language: Language,
  now = Date.now(),
): Promise<{ id: string; kind: AssistantRow['kind']; link: string; expiresAt: string; emailed: boolean }> {
  const { parties, role } = await participation(deps.db, actor, appointmentId);
  if (parties.modality !== 'video') throw problem.conflict('not-a-video-appointment');
  const visit = await visitById(deps.db, appointmentId);
  const expiresAt = new Date(parties.endsAt.getTime() + INVITATION_MARGIN_MS);
  const over =
    visit?.state === 'cancelled' || visit?.state === 'ended' || !['booked', 'checked-in', 'in-progress'].includes(parties.status);
  if (over || expiresAt.getTime() <= now) throw problem.conflict('invitation-closed');
  const token = randomToken();
  const row = await audited(
    deps,
    {
      actor,
      kind: 'change',
      action: 'teleconsultation.invite',
      resource: { type: 'Encounter', id: appointmentId },
      patientId: parties.patientId,
      organisationId: parties.organisationId,
      authorize: () => role,
    },
    async (tx) => {
      if ((await pendingInvitationCount(tx, appointmentId, new Date(now))) >= MAX_PENDING_INVITATIONS)
        throw problem.conflict('too-many-invitations', { max: MAX_PENDING_INVITATIONS });
      return insertInvitation(tx, {
        appointment_id: appointmentId,
        patient_id: parties.patientId,
        invited_by_account_id: actor.accountId,
        invited_as: role,
        kind: request.kind,
        token_hash: tokenHash(token),
        expires_at: expiresAt,
        revoked_at: null,
        redeemed_at: null,
        name: null,
        profession: null,
        rpps: null,
        place: null,
        setting: null,
        information_version: null,
        credential_hash: null,
      });
    },
  );
  const link = `${deps.config.publicUrl}${ASSIST_PAGE}#${token}`;
  let emailed = false;
  if (request.email) {
    const until = DateTime.fromJSDate(expiresAt, { zone: 'Europe/Paris' })
      .setLocale(language)
      .toFormat(language === 'fr' ? "d LLLL yyyy 'à' HH:mm" : "d LLLL yyyy 'at' HH:mm");
    try {
      await deps.mailer.send({ to: request.email, ...MAIL[language](link, until) });
      emailed = true;
    } catch (error) {
      // The link is shown to copy: a mail that failed is said, not fatal.
      deps.logger.warn({ err: { message: (error as Error).message } }, 'invitation mail not sent');
    }
  }
  return { id: row.id, kind: row.kind, link, expiresAt: row.expires_at.toISOString(), emailed };
}

/** The invitations of a visit and the assistants they became, for its practitioner and its patient's side. Audited. */
export async function visitAssistants(deps: TeleconsultationDeps, actor: Actor, appointmentId: string, now = Date.now()) {
  const { parties, role } = await participation(deps.db, actor, appointmentId);
  return audited(
    deps,
    {
      actor,
      kind: 'read',
      action: 'teleconsultation.assistants',
      resource: { type: 'Encounter', id: appointmentId },
      patientId: parties.patientId,
      authorize: () => role,
    },
    async (db) => (await assistantsOf(db, appointmentId)).map((row) => assistantView(row, now)),
  );
}

/** Withdraws an invitation (its link, or the assistant's access if already used). Audited. */
export async function withdrawInvitation(
  deps: TeleconsultationDeps,
  actor: Actor,
  appointmentId: string,
  invitationId: string,
  now = Date.now(),
) {
  const { parties, role } = await participation(deps.db, actor, appointmentId);
  const row = await audited(
    deps,
    {
      actor,
      kind: 'change',
      action: 'teleconsultation.invitation-withdraw',
      resource: { type: 'RelatedPerson', id: invitationId },
      patientId: parties.patientId,
      organisationId: parties.organisationId,
      authorize: () => role,
    },
    async (tx) => (await revokeInvitation(tx, appointmentId, invitationId, new Date(now))) ?? Promise.reject(problem.notFound()),
  );
  announceAssistant(deps.events, parties, row.id);
  return assistantView(row, now);
}

/** Why a link opens nothing: unknown, already used, or expired (or withdrawn). */
function refusalOf(row: AssistantRow | undefined, now: number): Problem {
  if (!row) return problem.notFound('invitation-unknown');
  if (row.redeemed_at) return new Problem(410, 'invitation-used');
  if (row.revoked_at || row.expires_at.getTime() <= now) return new Problem(410, 'invitation-expired');
  return problem.notFound('invitation-unknown');
}

/** What a link is for, before it is used: its kind, its expiry and the information to accept; nothing of the visit. */
export async function invitationInfo(deps: TeleconsultationDeps, token: string, language: Language, now = Date.now()) {
  const row = await invitationByTokenHash(deps.db, tokenHash(token));
  if (!row || row.redeemed_at || row.revoked_at || row.expires_at.getTime() <= now) throw refusalOf(row, now);
  return {
    kind: row.kind,
    expiresAt: row.expires_at.toISOString(),
    information: { version: ASSIST_INFORMATION.version, text: ASSIST_INFORMATION[language] },
  };
}

function fieldIssue(field: string, code: string, message: string) {
  return { field, code, message };
}

/**
 * The assistant opens the link, once: who they are and the information accepted are recorded on the
 * visit, and their browser is given a credential for this visit until the link's expiry. A second
 * opening, racing or later, is refused (the database decides). Audited, without an account.
 */
export async function redeem(
  deps: TeleconsultationDeps,
  request: z.infer<typeof RedeemRequest>,
  language: Language,
  address: string,
  now = Date.now(),
): Promise<{ credential: string; assistantId: string; expiresAt: string }> {
  const hash = tokenHash(request.token);
  const invitation = await invitationByTokenHash(deps.db, hash);
  if (!invitation || invitation.redeemed_at || invitation.revoked_at || invitation.expires_at.getTime() <= now)
    throw refusalOf(invitation, now);
  const fr = language === 'fr';
  const issues = [];
  const professional = invitation.kind === 'professional';
  if (professional && !request.profession)
    issues.push(fieldIssue('profession', 'required', fr ? 'Indiquez votre profession.' : 'Give your profession.'));
  if (!professional && (request.profession || request.rpps || request.setting))
    issues.push(
      fieldIssue(
        request.profession ? 'profession' : request.rpps ? 'rpps' : 'setting',
        'not-a-professional',
        fr ? 'Cette invitation est celle d’un proche ou d’un interprète.' : 'This invitation is for a relative or an interpreter.',
      ),
    );
  if (request.profession === 'nurse' && !request.setting)
    issues.push(fieldIssue('setting', 'required', fr ? 'Indiquez le cadre de votre assistance.' : 'Give the setting of your assistance.'));
  if (request.setting && request.profession !== 'nurse')
    issues.push(
      fieldIssue('setting', 'nurses-only', fr ? 'Le cadre ne se précise que pour un·e infirmier·e.' : 'Only a nurse gives a setting.'),
    );
  if (issues.length) throw problem.validation(issues);
  if (request.informationVersion !== ASSIST_INFORMATION.version)
    throw problem.conflict('assistant-information-outdated', { currentVersion: ASSIST_INFORMATION.version });

  const credential = randomToken();
  const row = await deps.db.transaction().execute(async (tx) => {
    const used = await redeemInvitation(
      tx,
      hash,
      {
        name: request.name,
        profession: request.profession ?? null,
        rpps: request.rpps ?? null,
        place: request.place ?? null,
        setting: (request.setting ?? null) as AssistanceSetting | null,
        informationVersion: request.informationVersion,
        credentialHash: tokenHash(credential),
      },
      new Date(now),
    );
    // Another opening won the race (or the link expired meanwhile).
    if (!used) throw refusalOf(await invitationByTokenHash(tx, hash), now);
    await recordAuditMany(tx, [
      assistantAuditEntry(used, address, 'teleconsultation.assistant-join', { type: 'RelatedPerson', id: used.id }),
    ]);
    return used;
  });
  const parties = await appointmentParties(deps.db, row.appointment_id);
  if (parties) announceAssistant(deps.events, parties, row.id);
  return { credential, assistantId: row.id, expiresAt: row.expires_at.toISOString() };
}

/** The assistant a request's `Authorization: Bearer <credential>` belongs to, while it holds. */
export async function assistantOf(db: Db, authorization: string | undefined, now = Date.now()): Promise<AssistantRow> {
  const credential = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(authorization ?? '')?.[1];
  const assistant = credential ? await assistantByCredentialHash(db, tokenHash(credential), new Date(now)) : undefined;
  if (!assistant) throw problem.unauthorized('assistant-credential-invalid');
  return assistant;
}

/** The visit as its assistant sees it: its state (to wait for the practitioner), its times, the practitioner's name. */
export async function assistVisit(deps: TeleconsultationDeps, assistant: AssistantRow): Promise<z.infer<typeof AssistVisit>> {
  const parties = await appointmentParties(deps.db, assistant.appointment_id);
  if (!parties) throw problem.unauthorized('assistant-credential-invalid');
  const visit = await visitById(deps.db, assistant.appointment_id);
  const names = await accountNames(deps.db, [parties.practitionerAccountId]);
  return {
    appointmentId: parties.appointmentId,
    state: visit?.state ?? 'not-checked-in',
    startsAt: parties.startsAt.toISOString(),
    endsAt: parties.endsAt.toISOString(),
    expiresAt: assistant.expires_at.toISOString(),
    practitioner: { id: parties.practitionerAccountId, name: names.get(parties.practitionerAccountId) ?? '' },
    assistant: {
      id: assistant.id,
      kind: assistant.kind,
      name: assistant.name ?? '',
      profession: assistant.profession,
      subject: assistantSubject(assistant.id),
    },
  };
}

/**
 * A room token for the assistant, once the practitioner has let the patient in: bound to the
 * appointment's room and to this assistant (the subject), for a few minutes, with the ICE servers.
 * Audited as the assistant's joining of the call.
 */
export async function assistantRoomToken(
  deps: TeleconsultationDeps,
  assistant: AssistantRow,
  address: string,
  now = Date.now(),
): Promise<z.infer<typeof RoomToken>> {
  const visit = await visitById(deps.db, assistant.appointment_id);
  if (visit?.state !== 'admitted') throw problem.conflict('not-admitted');
  const topic = roomTopic.topic({ appointmentId: assistant.appointment_id });
  const subject = assistantSubject(assistant.id);
  const token = await signLiveToken(deps.config.liveTokenSecret, { topic, subject }, ROOM_TOKEN_SECONDS);
  await deps.audit.record(
    assistantAuditEntry(assistant, address, 'teleconsultation.join', { type: 'Encounter', id: assistant.appointment_id }),
  );
  return {
    token,
    topic,
    subject,
    expiresAt: new Date(now + ROOM_TOKEN_SECONDS * 1000).toISOString(),
    iceServers: iceServers(deps.config.turn, subject.replace(':', '-'), now),
  };
}

/** One assistant of a visit, as billing and the assistance rules read it. */
export interface VisitAssistant {
  id: string;
  kind: AssistantRow['kind'];
  name: string;
  /** nurse → TLS/TLL/TLD after `setting`; pharmacist → TLM. */
  profession: AssistantRow['profession'];
  rpps: string | null;
  place: AssistantRow['place'];
  setting: AssistanceSetting | null;
  joinedAt: string;
}

/**
 * The assistants who joined a visit (used their link), for another module's use case (billing),
 * which authorises and audits its own access. Unaudited here: pass the caller's transaction or db.
 */
export async function assistantsOfVisit(db: Db, appointmentId: string): Promise<VisitAssistant[]> {
  return (await assistantsOf(db, appointmentId))
    .filter((row) => row.redeemed_at !== null)
    .map((row) => ({
      id: row.id,
      kind: row.kind,
      name: row.name ?? '',
      profession: row.profession,
      rpps: row.rpps,
      place: row.place,
      setting: row.setting,
      joinedAt: row.redeemed_at!.toISOString(),
    }));
}
