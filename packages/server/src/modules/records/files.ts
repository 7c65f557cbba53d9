// Files shared in a teleconsultation's call, kept in the patient's record: teleconsultation checks
// them (type from their first bytes, size) and stores them here; the patient's documents list them
// and the record's readers download them, each download audited.
import type { Actor } from '../../platform/auth/actor.js';
import { audited, type AuditedDeps } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/database/database.js';
import { problem } from '../../platform/http/problem.js';
import { patientRecordAccess } from '../patients/service.js';
import type { SharedFileType } from './tables.js';
import { fileContent, fileEntryById, filesOfAppointment, insertFile, type FileEntry } from './store.js';

export type { FileEntry, SharedFileType };

export interface StoredFile {
  entry: FileEntry;
  content: Uint8Array;
}

export interface NewSharedFile {
  patientId: string;
  appointmentId: string;
  sharedBy: `account:${string}` | `assistant:${string}`;
  sharedByName: string;
  filename: string;
  mediaType: SharedFileType;
  sha256: string;
  content: Uint8Array;
}

/** Keeps a checked file in the patient's record (in the caller's transaction, beside its audit entry). */
export function keepSharedFile(db: Db, file: NewSharedFile): Promise<FileEntry> {
  return insertFile(db, {
    patient_id: file.patientId,
    appointment_id: file.appointmentId,
    shared_by: file.sharedBy,
    shared_by_name: file.sharedByName,
    filename: file.filename,
    media_type: file.mediaType,
    size_bytes: file.content.byteLength,
    sha256: file.sha256,
    content: file.content,
  });
}

/** The files shared in one visit, oldest first, without their bytes. */
export const sharedFilesOfVisit = (db: Db, appointmentId: string) => filesOfAppointment(db, appointmentId);

/** One file with its bytes, or undefined. */
export async function sharedFile(db: Db, fileId: string): Promise<StoredFile | undefined> {
  const entry = await fileEntryById(db, fileId);
  const content = entry && (await fileContent(db, fileId));
  return entry && content ? { entry, content: content instanceof Buffer ? new Uint8Array(content) : content } : undefined;
}

/** A shared file from the patient's documents: for the patient (or the parent managing the record) or a carer. Audited. */
export async function recordFile(deps: AuditedDeps, actor: Actor, fileId: string): Promise<StoredFile> {
  const entry = await fileEntryById(deps.db, fileId);
  if (!entry) throw problem.notFound();
  return audited(
    deps,
    {
      actor,
      kind: 'read',
      action: 'document.download',
      resource: { type: 'DocumentReference', id: entry.id },
      patientId: entry.patient_id,
      authorize: () => patientRecordAccess(deps.db, actor, entry.patient_id),
    },
    async (db) => {
      const found = await sharedFile(db, fileId);
      if (!found) throw problem.notFound();
      return found;
    },
  );
}

/** How a stored file leaves: an attachment under its name (RFC 6266), its type never sniffed as anything else. */
export function attachmentHeaders(entry: Pick<FileEntry, 'filename' | 'media_type' | 'size_bytes'>): Record<string, string> {
  const ascii = entry.filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return {
    'content-type': entry.media_type,
    'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(entry.filename)}`,
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, no-store',
  };
}
