import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/auth/hook.js';
import { languageOf } from '../../platform/http/language.js';
import { attachmentHeaders, type StoredFile } from '../records/service.js';
import type { AssistantRow } from './assist-store.js';
import { AssistFileParams, FileBody, FileParams, FileUploadQuery, SharedFile, SharedFiles } from './file-schemas.js';
import {
  assistantFile,
  assistantFiles,
  fileTooLarge,
  MAX_SHARED_FILE_BYTES,
  shareFile,
  shareFileAsAssistant,
  visitFile,
  visitFiles,
  type Upload,
} from './files.js';
import { assistantOf } from './invitations.js';
import { AppointmentParams } from './schemas.js';
import { participation, type TeleconsultationDeps } from './visits.js';

const tags = ['teleconsultation'];
const visitPath = '/api/v1/appointments/:appointmentId/teleconsultation';
const assistPath = '/api/v1/teleconsultation/assist';
const bearer = 'The assistant’s own credential (`Authorization: Bearer …`), no session: checked first, for this one visit.';
const upload =
  'The body is the file itself (`Content-Type: application/octet-stream`; a declared type is not believed), its name in `name`: a JPEG, PNG or WebP image or a PDF, ' +
  'recognised by its first bytes (400 naming `file` otherwise), 10 MB at most (413 naming `file`). Kept in the patient’s documents; ' +
  'the room’s peers hear `file.shared` on its live topic.';

const uploadOf = (request: { query: { name?: string | undefined }; body: unknown }): Upload => ({
  name: request.query.name ?? 'fichier',
  bytes: Buffer.isBuffer(request.body)
    ? new Uint8Array(request.body.buffer, request.body.byteOffset, request.body.byteLength)
    : new Uint8Array(),
});

const sendFile = (reply: FastifyReply, file: StoredFile) => reply.headers(attachmentHeaders(file.entry)).send(Buffer.from(file.content));

/**
 * Sharing files in the call: the patient's side and the practitioner with their session, the assistant
 * with their credential. Uploads are read raw, in a scope of their own that reads every body as bytes.
 */
export function registerFileRoutes(app: FastifyInstance, deps: TeleconsultationDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const signedIn = { policy: 'signed-in' as const };
  const open = { policy: 'public' as const };

  void app.register(async (raw) => {
    raw.removeAllContentTypeParsers();
    // Whatever type the browser declares, the bytes are read as bytes: their signature alone says what they are.
    raw.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_SHARED_FILE_BYTES }, (_request, body, done) => done(null, body));
    // Over the limit, the problem names the field like any other refusal; everything else goes on to the app's handler.
    raw.setErrorHandler((error: FastifyError, request) => {
      throw error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? fileTooLarge(languageOf(request)) : error;
    });
    // Who sends, and whether they may share in this visit, is checked before the body is read (up to
    // 10 MB here): no one without the right makes the node hold their bytes.
    const mayShareInVisit = async (request: FastifyRequest) => {
      const params = AppointmentParams.safeParse(request.params);
      // A malformed id: the route's validation names it, once the body is read.
      if (params.success) await participation(deps.db, actorOf(request), params.data.appointmentId);
    };
    const assistants = new WeakMap<FastifyRequest, AssistantRow>();
    const assistantSending = async (request: FastifyRequest) => {
      assistants.set(request, await assistantOf(deps.db, request.headers.authorization));
    };
    const files = raw.withTypeProvider<ZodTypeProvider>();

    files.post(
      `${visitPath}/files`,
      {
        schema: {
          tags,
          summary: 'Shares a file in the call (an image or a PDF): kept in the patient’s record',
          description: upload,
          params: AppointmentParams,
          querystring: FileUploadQuery,
          consumes: ['application/octet-stream'],
          body: FileBody,
          response: { 201: SharedFile },
        },
        bodyLimit: MAX_SHARED_FILE_BYTES,
        preParsing: mayShareInVisit,
        config: { ...signedIn, authenticateBeforeBody: true },
      },
      async (request, reply) =>
        reply.code(201).send(await shareFile(deps, actorOf(request), request.params.appointmentId, uploadOf(request), languageOf(request))),
    );

    files.post(
      `${assistPath}/files`,
      {
        schema: {
          tags,
          summary: 'The assistant shares a file in the call (an image or a PDF): kept in the patient’s record',
          description: `${bearer} ${upload}`,
          querystring: FileUploadQuery,
          consumes: ['application/octet-stream'],
          body: FileBody,
          response: { 201: SharedFile },
        },
        bodyLimit: MAX_SHARED_FILE_BYTES,
        onRequest: assistantSending,
        config: open,
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await shareFileAsAssistant(deps, assistants.get(request)!, uploadOf(request), languageOf(request), request.ip)),
    );
  });

  api.get(
    `${visitPath}/files`,
    {
      schema: { tags, summary: 'The files shared in the call, oldest first', params: AppointmentParams, response: { 200: SharedFiles } },
      config: signedIn,
    },
    async (request) => visitFiles(deps, actorOf(request), request.params.appointmentId),
  );

  api.get(
    `${visitPath}/files/:fileId`,
    { schema: { tags, summary: 'A file shared in the call, as an attachment', params: FileParams }, config: signedIn },
    async (request, reply) => sendFile(reply, await visitFile(deps, actorOf(request), request.params.appointmentId, request.params.fileId)),
  );

  api.get(
    `${assistPath}/files`,
    {
      schema: { tags, summary: 'The files shared in the assistant’s call', description: bearer, response: { 200: SharedFiles } },
      config: open,
    },
    async (request) => assistantFiles(deps, await assistantOf(deps.db, request.headers.authorization), request.ip),
  );

  api.get(
    `${assistPath}/files/:fileId`,
    { schema: { tags, summary: 'A file shared in the assistant’s call', description: bearer, params: AssistFileParams }, config: open },
    async (request, reply) =>
      sendFile(
        reply,
        await assistantFile(deps, await assistantOf(deps.db, request.headers.authorization), request.params.fileId, request.ip),
      ),
  );
}
