import { z } from 'zod';
import { line } from '../../platform/http/text.js';

// The files shared in a call: the upload's query (the file itself is the raw body), the file as the
// call's participants see it.

const Id = z.uuid();

export const SHARED_FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'] as const;

export const FileUploadQuery = z
  .object({
    name: z
      .string()
      .max(200)
      .pipe(line({ max: 200 }))
      .optional()
      .describe('The file’s name as the person chose it (`fichier` when none)'),
  })
  .strict();

export const FileParams = z.object({ appointmentId: Id, fileId: Id }).strict();
export const AssistFileParams = z.object({ fileId: Id }).strict();

export const SharedFile = z.object({
  id: Id,
  name: z.string(),
  mediaType: z.enum(SHARED_FILE_TYPES).describe('Read from the file’s first bytes, not from its name or the declared type'),
  size: z.number().int().describe('In bytes'),
  sharedAt: z.string().describe('ISO 8601 instant'),
  sharedBy: z.object({
    subject: z.string().describe('As the call names its peers: `account:<id>` or `assistant:<id>`'),
    name: z.string(),
  }),
  url: z.string().describe('Where a participant downloads it'),
});
export const SharedFiles = z.array(SharedFile);

/** The raw body of an upload: the file's bytes, as they are. */
export const FileBody = z
  .unknown()
  .describe('The file’s bytes (application/octet-stream): a JPEG, PNG or WebP image, or a PDF; 10 MB at most');
