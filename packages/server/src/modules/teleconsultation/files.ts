// Files shared in the call's chat: an image (JPEG, PNG, WebP) or a PDF, its type read from its first
// bytes (never from its name or the type the browser declared), 10 MB at most, kept in the patient's
// record (records' documents), audited, and announced to the room's peers live; they read it back
// through the audited routes. Over HTTP, not the peers' data channel: the record must keep it.
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import { audited, recordAuditMany } from '../../platform/audit/audit.js';
import type { Language } from '../../platform/http/language.js';
import { Problem, problem } from '../../platform/http/problem.js';
import { publishLive } from '../../platform/realtime/index.js';
import { accountNames } from '../accounts/service.js';
import {
  keepSharedFile,
  sharedFile,
  sharedFilesOfVisit,
  type FileEntry,
  type SharedFileType,
  type StoredFile,
} from '../records/service.js';
import type { AssistantRow } from './assist-store.js';
import type { SharedFile } from './file-schemas.js';
import { assistantAuditEntry } from './invitations.js';
import { roomTopic } from './live.js';
import { visitById } from './store.js';
import { participation, type TeleconsultationDeps } from './visits.js';

/** 10 MB: a phone's photo or a scanned letter, not a video. */
export const MAX_SHARED_FILE_BYTES = 10 * 1024 * 1024;

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
  bytes.length >= at + signature.length && signature.every((byte, i) => bytes[at + i] === byte);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** Each accepted type, its signature (the file's first bytes) and its extension. */
const SIGNATURES: readonly { type: SharedFileType; matches: (bytes: Uint8Array) => boolean; extensions: readonly string[] }[] = [
  { type: 'application/pdf', matches: (b) => startsWith(b, ascii('%PDF-')), extensions: ['.pdf'] },
  { type: 'image/png', matches: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), extensions: ['.png'] },
  { type: 'image/jpeg', matches: (b) => startsWith(b, [0xff, 0xd8, 0xff]), extensions: ['.jpg', '.jpeg'] },
  {
    type: 'image/webp',
    matches: (b) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8),
    extensions: ['.webp'],
  },
];

/** What the bytes are, by their signature; null for anything we do not take. */
export function sniffFileType(bytes: Uint8Array): SharedFileType | null {
  return SIGNATURES.find((s) => s.matches(bytes))?.type ?? null;
}

/** The name kept: no folder, and the extension of what the file is (a PNG named `x.exe` is kept as `x.exe.png`). */
export function keptName(name: string, type: SharedFileType): string {
  const base = name.split(/[/\\]/).pop()!.trim() || 'fichier';
  const extensions = SIGNATURES.find((s) => s.type === type)!.extensions;
  const named = extensions.some((extension) => base.toLowerCase().endsWith(extension)) ? base : `${base}${extensions[0]}`;
  return named.length > 200 ? named.slice(named.length - 200) : named;
}

const MESSAGES = {
  empty: { fr: 'Le fichier est vide', en: 'The file is empty' },
  tooLarge: { fr: 'Le fichier dépasse 10 Mo', en: 'The file is larger than 10 MB' },
  type: {
    fr: 'Seules les images (JPEG, PNG, WebP) et les PDF peuvent être partagés',
    en: 'Only images (JPEG, PNG, WebP) and PDFs can be shared',
  },
};

/** The refusal of a file over the limit: 413, naming the field (the body is the file). */
export const fileTooLarge = (language: Language) =>
  new Problem(413, 'file-too-large', {
    errors: [{ field: 'file', code: 'too_big', message: MESSAGES.tooLarge[language] }],
    maxBytes: MAX_SHARED_FILE_BYTES,
  });

/** The file's type, or a problem naming the field. */
function checkedType(bytes: Uint8Array, language: Language): SharedFileType {
  if (bytes.byteLength === 0) throw problem.validation([{ field: 'file', code: 'too_small', message: MESSAGES.empty[language] }]);
  if (bytes.byteLength > MAX_SHARED_FILE_BYTES) throw fileTooLarge(language);
  const type = sniffFileType(bytes);
  if (!type) throw problem.validation([{ field: 'file', code: 'file_type', message: MESSAGES.type[language] }]);
  return type;
}

export interface Upload {
  name: string;
  bytes: Uint8Array;
}

const viewOf = (entry: FileEntry, url: string): z.infer<typeof SharedFile> => ({
  id: entry.id,
  name: entry.filename,
  mediaType: entry.media_type,
  size: entry.size_bytes,
  sharedAt: entry.created_at.toISOString(),
  sharedBy: { subject: entry.shared_by, name: entry.shared_by_name },
  url,
});
const participantUrl = (entry: FileEntry) => `/api/v1/appointments/${entry.appointment_id}/teleconsultation/files/${entry.id}`;
const assistantUrl = (entry: FileEntry) => `/api/v1/teleconsultation/assist/files/${entry.id}`;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The room's peers learn of it at once (identifiers only); they read it through the audited routes. */
function announceFile(deps: TeleconsultationDeps, appointmentId: string, fileId: string): void {
  publishLive(deps.events, roomTopic.topic({ appointmentId }), 'file.shared', { appointmentId, fileId });
}

async function admittedVisit(deps: TeleconsultationDeps, appointmentId: string): Promise<void> {
  const visit = await visitById(deps.db, appointmentId);
  if (visit?.state !== 'admitted') throw problem.conflict('not-admitted');
}

/**
 * The patient's side or the practitioner shares a file while the call is on. A stranger to the
 * appointment learns nothing (404) before anything of the file is looked at.
 */
export async function shareFile(
  deps: TeleconsultationDeps,
  actor: Actor,
  appointmentId: string,
  upload: Upload,
  language: Language,
): Promise<z.infer<typeof SharedFile>> {
  const { parties, role } = await participation(deps.db, actor, appointmentId);
  const mediaType = checkedType(upload.bytes, language);
  const name = (await accountNames(deps.db, [actor.accountId])).get(actor.accountId) ?? '';
  const entry = await audited<FileEntry>(
    deps,
    {
      actor,
      kind: 'change',
      action: 'teleconsultation.file-share',
      resource: { type: 'DocumentReference' },
      patientId: parties.patientId,
      authorize: async () => {
        await admittedVisit(deps, appointmentId);
        return role;
      },
      entries: (stored, auditRole) => [
        {
          actor,
          role: auditRole,
          action: 'teleconsultation.file-share',
          resource: { type: 'DocumentReference', id: stored.id },
          patientId: parties.patientId,
        },
      ],
    },
    (tx) =>
      keepSharedFile(tx, {
        patientId: parties.patientId,
        appointmentId,
        sharedBy: `account:${actor.accountId}`,
        sharedByName: name,
        filename: keptName(upload.name, mediaType),
        mediaType,
        sha256: sha256(upload.bytes),
        content: upload.bytes,
      }),
  );
  announceFile(deps, appointmentId, entry.id);
  return viewOf(entry, participantUrl(entry));
}

/** The files shared in the visit, for its patient's side and its practitioner. Audited. */
export async function visitFiles(deps: TeleconsultationDeps, actor: Actor, appointmentId: string): Promise<z.infer<typeof SharedFile>[]> {
  const { parties, role } = await participation(deps.db, actor, appointmentId);
  return audited(
    deps,
    {
      actor,
      kind: 'read',
      action: 'teleconsultation.files',
      resource: { type: 'DocumentReference' },
      patientId: parties.patientId,
      authorize: () => role,
    },
    async (db) => (await sharedFilesOfVisit(db, appointmentId)).map((entry) => viewOf(entry, participantUrl(entry))),
  );
}

/** One file shared in the visit, with its bytes, for its patient's side and its practitioner. Audited. */
export async function visitFile(deps: TeleconsultationDeps, actor: Actor, appointmentId: string, fileId: string): Promise<StoredFile> {
  const { parties, role } = await participation(deps.db, actor, appointmentId);
  return audited(
    deps,
    {
      actor,
      kind: 'read',
      action: 'teleconsultation.file-download',
      resource: { type: 'DocumentReference', id: fileId },
      patientId: parties.patientId,
      authorize: () => role,
    },
    async (db) => {
      const file = await sharedFile(db, fileId);
      if (file?.entry.appointment_id !== appointmentId) throw problem.notFound();
      return file;
    },
  );
}

/** The assistant shares a file while the call is on: the same checks, audited as the assistant's. */
export async function shareFileAsAssistant(
  deps: TeleconsultationDeps,
  assistant: AssistantRow,
  upload: Upload,
  language: Language,
  address: string,
): Promise<z.infer<typeof SharedFile>> {
  await admittedVisit(deps, assistant.appointment_id);
  const mediaType = checkedType(upload.bytes, language);
  const entry = await deps.db.transaction().execute(async (tx) => {
    const stored = await keepSharedFile(tx, {
      patientId: assistant.patient_id,
      appointmentId: assistant.appointment_id,
      sharedBy: `assistant:${assistant.id}`,
      sharedByName: assistant.name ?? '',
      filename: keptName(upload.name, mediaType),
      mediaType,
      sha256: sha256(upload.bytes),
      content: upload.bytes,
    });
    await recordAuditMany(tx, [
      assistantAuditEntry(assistant, address, 'teleconsultation.file-share', { type: 'DocumentReference', id: stored.id }),
    ]);
    return stored;
  });
  announceFile(deps, assistant.appointment_id, entry.id);
  return viewOf(entry, assistantUrl(entry));
}

/** The files shared in the assistant's visit. Audited as the assistant's read. */
export async function assistantFiles(
  deps: TeleconsultationDeps,
  assistant: AssistantRow,
  address: string,
): Promise<z.infer<typeof SharedFile>[]> {
  const views = (await sharedFilesOfVisit(deps.db, assistant.appointment_id)).map((entry) => viewOf(entry, assistantUrl(entry)));
  await deps.audit.record(assistantAuditEntry(assistant, address, 'teleconsultation.files', { type: 'DocumentReference' }));
  return views;
}

/** One file of the assistant's visit, with its bytes. Audited as the assistant's read. */
export async function assistantFile(deps: TeleconsultationDeps, assistant: AssistantRow, fileId: string, address: string) {
  const file = await sharedFile(deps.db, fileId);
  if (file?.entry.appointment_id !== assistant.appointment_id) throw problem.notFound();
  await deps.audit.record(
    assistantAuditEntry(assistant, address, 'teleconsultation.file-download', { type: 'DocumentReference', id: fileId }),
  );
  return file;
}
