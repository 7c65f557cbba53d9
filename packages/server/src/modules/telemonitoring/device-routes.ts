// The routes devices and gateways call with their credential (`Authorization: Bearer <token>`):
// no session, no cookie; the credential writes its own patient's readings and reads nothing.
import { OBSERVATION_INTERPRETATION, readingToObservation, type Reading } from '@parcours/domain';
import type { FastifyInstance, FastifyRequest, FastifySchemaCompiler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ServiceDeps } from '../../platform/context.js';
import { languageOf } from '../../platform/http/language.js';
import { problem } from '../../platform/http/problem.js';
import { createReadingGroupCommit } from './group-commit.js';
import { deviceOf, ingestFromDevice, type Stored } from './ingest.js';
import { readBundle, readingsOf, readNdjson, readObservation, type Entry } from './payloads.js';
import { BundleBody, BundleResponse, IngestSummary, NdjsonBody, ObservationBody, ObservationReply } from './schemas.js';

const tags = ['telemonitoring'];
const FHIR_JSON = 'application/fhir+json';
const NDJSON = ['application/x-ndjson', 'application/fhir+ndjson', 'application/ndjson'];
/** A day of readings of a whole gateway fits; the platform's default (1 MiB) does not. */
const BODY_LIMIT = 16 * 1_048_576;

/** The schemas document the FHIR shapes; the domain checks them entry by entry after the credential. */
const documentedOnly: FastifySchemaCompiler<unknown> = () => (data) => ({ value: data });
const serializedAsIs = () => (data: unknown) => JSON.stringify(data);

/** Devices may call often: a gateway speaks for many patients from one address. */
const config = { policy: 'public' as const, rateLimit: { max: 6_000, timeWindow: '1 minute' } };

const interpretation = (code: string | undefined) => ({ coding: [{ system: OBSERVATION_INTERPRETATION, code: code ?? 'N' }] });

function observationOf(reading: Reading, patientId: string, stored: Stored): { resourceType: 'Observation'; [key: string]: unknown } {
  const observation = readingToObservation(
    reading,
    { reference: `Patient/${patientId}` },
    interpretation(stored.interpretations.get(reading.identifier)),
  );
  return { ...observation, resourceType: 'Observation' };
}

/** The FHIR status line and outcome of each entry of a batch, in the order sent. */
function entryResponse(entry: Entry, first: Map<string, number>, index: number, stored: Stored) {
  if (entry.ok === 'skipped') return { response: { status: '200 OK' } };
  if (entry.ok === false)
    return {
      response: {
        status: '422 Unprocessable Entity',
        outcome: {
          resourceType: 'OperationOutcome',
          issue: entry.errors.map((e) => ({
            severity: 'error',
            code: 'invalid',
            expression: [e.field],
            diagnostics: e.message,
            details: { text: e.code },
          })),
        },
      },
    };
  const isNew = stored.created.has(entry.reading.identifier) && first.get(entry.reading.identifier) === index;
  return { response: { status: isNew ? '201 Created' : '200 OK' } };
}

function firstIndexes(entries: readonly Entry[]): Map<string, number> {
  const first = new Map<string, number>();
  entries.forEach((entry, index) => {
    if (entry.ok === true && !first.has(entry.reading.identifier)) first.set(entry.reading.identifier, index);
  });
  return first;
}

export function registerDeviceRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  // FHIR's own media types, in this scope only: JSON as JSON, NDJSON as the text it is.
  app.addContentTypeParser(FHIR_JSON, { parseAs: 'string', bodyLimit: BODY_LIMIT }, app.getDefaultJsonParser('error', 'error'));
  app.addContentTypeParser(NDJSON, { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_request, body, done) => done(null, body));
  const address = (request: FastifyRequest) => request.ip;
  // Single readings are many small requests: they commit together (see group-commit.ts).
  const singles = createReadingGroupCommit(deps);

  api.post(
    '/api/v1/telemonitoring/fhir/Observation',
    {
      schema: {
        tags,
        summary: 'A device sends one FHIR R4 Observation (201 new, 200 already received: nothing changed)',
        description:
          'Authorization: Bearer <device token>. Refused with a 400 problem naming each field (unknown code or unit, impossible value, time in the future).',
        body: ObservationBody,
        response: { 200: ObservationReply, 201: ObservationReply },
      },
      validatorCompiler: documentedOnly,
      serializerCompiler: serializedAsIs,
      bodyLimit: BODY_LIMIT,
      config,
    },
    async (request, reply) => {
      const device = await deviceOf(deps.db, request.headers.authorization);
      const now = new Date();
      const entry = readObservation(request.body, device.patient_id, now, languageOf(request));
      if (entry.ok !== true) throw problem.validation(entry.ok === false ? entry.errors : []);
      const stored = await singles.ingest({ device, readings: [entry.reading], address: address(request) });
      return reply
        .code(stored.created.size ? 201 : 200)
        .type(FHIR_JSON)
        .send(observationOf(entry.reading, device.patient_id, stored));
    },
  );

  api.post(
    '/api/v1/telemonitoring/fhir',
    {
      schema: {
        tags,
        summary: 'A device sends a FHIR R4 batch or transaction Bundle of Observations',
        description:
          'A batch keeps every valid entry and answers each one (201, 200 if already received, 422 with an OperationOutcome naming the field). ' +
          'A transaction is kept whole or refused whole (400 naming `entry[i].resource.<field>`). Device entries (conditional creates) are acknowledged and skipped.',
        body: BundleBody,
        response: { 200: BundleResponse },
      },
      validatorCompiler: documentedOnly,
      serializerCompiler: serializedAsIs,
      bodyLimit: BODY_LIMIT,
      config,
    },
    async (request, reply) => {
      const device = await deviceOf(deps.db, request.headers.authorization);
      const now = new Date();
      const read = readBundle(request.body, device.patient_id, now, languageOf(request));
      if ('errors' in read) throw problem.validation(read.errors);
      if (read.type === 'transaction') {
        const refused = read.entries.flatMap((e) => (e.ok === false ? e.errors : []));
        if (refused.length) throw problem.validation(refused);
      }
      const stored = await ingestFromDevice(deps, device, readingsOf(read.entries), address(request), now);
      const first = firstIndexes(read.entries);
      return reply.type(FHIR_JSON).send({
        resourceType: 'Bundle',
        type: `${read.type}-response`,
        entry: read.entries.map((entry, index) => entryResponse(entry, first, index, stored)),
      });
    },
  );

  api.post(
    '/api/v1/telemonitoring/ndjson',
    {
      schema: {
        tags,
        summary: 'A device or gateway sends Observations in bulk, one per line (NDJSON)',
        description: 'Every valid line is kept; each refused line is answered with its fields named. Content type application/x-ndjson.',
        body: NdjsonBody,
        response: { 200: IngestSummary },
      },
      validatorCompiler: documentedOnly,
      serializerCompiler: serializedAsIs,
      bodyLimit: BODY_LIMIT,
      config,
    },
    async (request) => {
      const device = await deviceOf(deps.db, request.headers.authorization);
      const now = new Date();
      if (typeof request.body !== 'string')
        throw problem.validation([
          {
            field: '(body)',
            code: 'invalid-type',
            message:
              languageOf(request) === 'fr'
                ? 'Des lignes NDJSON sont attendues (application/x-ndjson).'
                : 'NDJSON lines are expected (application/x-ndjson).',
          },
        ]);
      const entries = readNdjson(request.body, device.patient_id, now, languageOf(request));
      if (!Array.isArray(entries)) throw problem.validation(entries.errors);
      const readings = readingsOf(entries);
      const stored = await ingestFromDevice(deps, device, readings, address(request), now);
      const refused = entries.flatMap((entry, index) => (entry.ok === false ? [{ index, errors: entry.errors }] : []));
      return { created: stored.created.size, unchanged: entries.length - refused.length - stored.created.size, refused };
    },
  );
}
