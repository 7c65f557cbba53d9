import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { languageOf } from './language.js';
import { Problem, type ProblemDocument } from './problem.js';
import type { ProblemSlug } from './problem-titles.js';
import { fieldIssues, RequestValidationError } from './validation.js';

/** Fastify's own 4xx codes, each as one of our problem types. */
const FASTIFY_CODES: Record<string, ProblemSlug> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed-json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'empty-body',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad-request',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload-too-large',
  FST_ERR_CTP_EMPTY_TYPE: 'unsupported-media-type',
  FST_ERR_BAD_URL: 'bad-request',
  FST_ERR_MAX_PARAM_LENGTH: 'uri-too-long',
  FST_ERR_ASYNC_CONSTRAINT: 'bad-request',
};

/**
 * What the router refuses before any route runs (a path with a malformed escape such as `%E0%A4%A`,
 * a path parameter longer than the router takes): a problem like any other, not Fastify's own JSON.
 */
export function sendFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendProblem(request, reply, new Problem(error.statusCode ?? 400, FASTIFY_CODES[error.code] ?? 'bad-request'));
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: Problem): FastifyReply {
  const language = languageOf(request);
  const document: ProblemDocument = error.toDocument(language, request.url.split('?')[0]);
  // A throttled client is told when to come back (RFC 9110 §10.2.3), not only in the body.
  if (typeof error.extensions.retryAfterSeconds === 'number') reply.header('retry-after', String(error.extensions.retryAfterSeconds));
  return reply.code(error.status).type('application/problem+json').header('content-language', language).send(document);
}

/** Every error leaves as application/problem+json; an unexpected one is a 500 with a correlation id, never the body. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | Error, request, reply) => {
    const language = languageOf(request);
    if (error instanceof Problem) return sendProblem(request, reply, error);
    if (error instanceof RequestValidationError) {
      const prefix = error.validationContext && error.validationContext !== 'body' ? [error.validationContext] : [];
      return sendProblem(request, reply, new Problem(400, 'validation', { errors: fieldIssues(error.issues, language, prefix) }));
    }
    const fastifyError = error as FastifyError;
    if (fastifyError.code && FASTIFY_CODES[fastifyError.code]) {
      return sendProblem(request, reply, new Problem(fastifyError.statusCode ?? 400, FASTIFY_CODES[fastifyError.code]!));
    }
    if (fastifyError.statusCode === 429) return sendProblem(request, reply, new Problem(429, 'too-many-requests'));
    if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      return sendProblem(request, reply, new Problem(fastifyError.statusCode, 'bad-request'));
    }
    request.log.error({ err: { type: error.name, message: error.message, stack: error.stack } }, 'unexpected error');
    return sendProblem(request, reply, new Problem(500, 'internal', { correlationId: request.id }));
  });
}
