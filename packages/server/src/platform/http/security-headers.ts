// The security headers of every answer (CSP, HSTS, frame and referrer policies…), as `helmet` words
// them, computed once at start-up: they depend on configuration only. (@fastify/helmet runs helmet
// anew on every request — a few percent of a cached read's CPU, for the same headers each time.)
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/** The headers helmet sets for these options. (What it removes, X-Powered-By, fastify never sends.) */
export function securityHeaders(options: Parameters<typeof helmet>[0]): Record<string, string> {
  const set: Record<string, string> = {};
  // helmet is middleware: it speaks to a response. This one only takes notes.
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      set[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
      return response;
    },
    removeHeader() {},
  };
  let failure: unknown;
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    failure = error;
  });
  if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
  return set;
}

/** Sends those headers with every answer, errors and 404s included. */
export function applySecurityHeaders(app: FastifyInstance, options: Parameters<typeof helmet>[0]): void {
  const set = securityHeaders(options);
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(set);
    done();
  });
}
