import { pino, type Logger, type LoggerOptions } from 'pino';

/**
 * Paths never written to the logs: secrets, and anything that may carry health data or identity.
 * Request and reply bodies are not logged at all; these cover what a module might pass by mistake.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.token',
  '*.secret',
  '*.totp',
  '*.code',
  '*.nir',
  '*.ins',
  '*.birthDate',
  '*.birthName',
  '*.email',
  '*.phone',
  '*.answers',
  '*.body',
  '*.report',
  '*.diagnosis',
  '*.observation',
  'body',
  'patient',
];

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      // Only the route pattern, never query strings (they may carry identifiers or tokens).
      req: (req: { method: string; routeOptions?: { url?: string }; url: string; id: string }) => ({
        id: req.id,
        method: req.method,
        route: req.routeOptions?.url ?? req.url.split('?')[0],
      }),
    },
  };
}

export function createLogger(level: string): Logger {
  return pino(loggerOptions(level));
}
