import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';

/** Settings read from the environment once, at start. A wrong value stops start-up naming the variable. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(20),
  DATA_DIR: z.string().min(1).default('./data'),
  PUBLIC_URL: z.url().optional(),
  TRUST_PROXY: z
    .string()
    .regex(/^[0-9a-fA-F.:/]+(,\s*[0-9a-fA-F.:/]+)*$/, 'must be a comma-separated list of addresses or CIDRs')
    .optional(),
  NATS_URL: z
    .string()
    .regex(/^(nats|tls):\/\//, 'must be a nats:// URL')
    .optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Parcours <no-reply@parcours.localhost>'),
  SMS_URL: z.url({ protocol: /^https?$/ }).optional(),
  SMS_API_KEY: z.string().min(8, 'must be at least 8 characters').optional(),
  SMS_SENDER: z
    .string()
    .regex(/^[A-Za-z0-9]{3,11}$/, 'must be 3 to 11 letters or digits')
    .default('Parcours'),
  TURN_URLS: z
    .string()
    .regex(/^(turns?|stun):[^,\s]+(,(turns?|stun):[^,\s]+)*$/, 'must be a comma-separated list of turn:, turns: or stun: URLs')
    .optional(),
  TURN_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  TURN_CREDENTIAL_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(120),
  LIVE_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  AUDIT_SIGNING_KEY: z
    .string()
    .regex(/-----BEGIN PRIVATE KEY-----/, 'must be an Ed25519 private key in PKCS#8 PEM')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST: z.string().optional(),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24)
    .default(12),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_RPPS_CLAIM: z.string().min(1).default('SubjectNameID'),
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_[A-Za-z0-9_]+$/, 'must be a Stripe secret key (sk_test_…, sk_live_…)')
    .optional(),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_[A-Za-z0-9_]+$/, 'must be a Stripe webhook signing secret (whsec_…)')
    .optional(),
  STRIPE_API_URL: z.url({ protocol: /^https?$/ }).optional(),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  dataDir: string;
  publicUrl: string;
  /** Proxies whose X-Forwarded-For is believed (addresses or CIDRs); none: the peer's address is the client's. */
  trustProxy: string[];
  natsUrl: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Texts through an HTTP provider (Brevo's transactional SMS API) when SMS_URL is set, else an outbox folder. */
  sms: { url: string; apiKey: string; sender: string } | undefined;
  /** ICE servers for the calls: STUN and TURN URLs, and the TURN REST secret coturn shares (`static-auth-secret`). */
  turn: { urls: string[]; secret: string | undefined; credentialMs: number };
  /**
   * Signs the live tokens (a call's room token); set the same on every node. Random per process when
   * unset: a token then opens a room only on the node that issued it (one node, or a sticky balancer).
   */
  liveTokenSecret: string;
  /** The audit checkpoints' Ed25519 key (PKCS#8 PEM), the same on every node; else generated in DATA_DIR. */
  auditSigningKey: string | undefined;
  logLevel: string;
  webDist: string | undefined;
  session: { idleMs: number; absoluteMs: number };
  /** Pro Santé Connect or any OpenID Connect provider that names the professional's RPPS. */
  oidc: { issuer: string; clientId: string; clientSecret: string; rppsClaim: string } | undefined;
  /** Online payment by card through Stripe Checkout; unset: cheque and transfer only. `api`: another API base (a local stand-in). */
  stripe: { secretKey: string; webhookSecret: string; api?: { host: string; port: number; protocol: 'http' | 'https' } } | undefined;
}

export class ConfigError extends Error {
  constructor(readonly issues: { variable: string; message: string }[]) {
    super('Invalid configuration:\n' + issues.map((i) => `  ${i.variable}: ${i.message}`).join('\n'));
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings count as unset: `FOO= parcours start` should not fail on FOO.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? '?'),
        message: issue.message,
      })),
    );
  }
  const e = parsed.data;
  if (e.TURN_URLS?.split(',').some((u) => u.startsWith('turn')) && !e.TURN_SECRET) {
    throw new ConfigError([{ variable: 'TURN_SECRET', message: 'is required when TURN_URLS lists a TURN server' }]);
  }
  if (e.NODE_ENV === 'production' && !e.SMTP_URL) {
    throw new ConfigError([{ variable: 'SMTP_URL', message: 'is required in production (verification and reset mails)' }]);
  }
  if (e.SMS_URL && !e.SMS_API_KEY) {
    throw new ConfigError([{ variable: 'SMS_API_KEY', message: 'is required with SMS_URL' }]);
  }
  if (Boolean(e.STRIPE_SECRET_KEY) !== Boolean(e.STRIPE_WEBHOOK_SECRET)) {
    const missing = e.STRIPE_SECRET_KEY ? 'STRIPE_WEBHOOK_SECRET' : 'STRIPE_SECRET_KEY';
    throw new ConfigError([{ variable: missing, message: 'is required with the other STRIPE_ settings' }]);
  }
  const oidcSet = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET].filter(Boolean).length;
  if (oidcSet > 0 && oidcSet < 3) {
    const missing = (['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const).find((k) => !e[k])!;
    throw new ConfigError([{ variable: missing, message: 'is required with the other OIDC_ settings' }]);
  }
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    dataDir: path.resolve(e.DATA_DIR),
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    trustProxy: e.TRUST_PROXY?.split(',').map((a) => a.trim()) ?? [],
    natsUrl: e.NATS_URL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    sms: e.SMS_URL && e.SMS_API_KEY ? { url: e.SMS_URL, apiKey: e.SMS_API_KEY, sender: e.SMS_SENDER } : undefined,
    turn: { urls: e.TURN_URLS?.split(',') ?? [], secret: e.TURN_SECRET, credentialMs: e.TURN_CREDENTIAL_MINUTES * 60_000 },
    liveTokenSecret: e.LIVE_TOKEN_SECRET ?? randomBytes(32).toString('base64url'),
    auditSigningKey: e.AUDIT_SIGNING_KEY?.replace(/\\n/g, '\n'),
    logLevel: e.LOG_LEVEL,
    webDist: e.WEB_DIST,
    session: { idleMs: e.SESSION_IDLE_MINUTES * 60_000, absoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000 },
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
        ? { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET, rppsClaim: e.OIDC_RPPS_CLAIM }
        : undefined,
    stripe:
      e.STRIPE_SECRET_KEY && e.STRIPE_WEBHOOK_SECRET
        ? { secretKey: e.STRIPE_SECRET_KEY, webhookSecret: e.STRIPE_WEBHOOK_SECRET, ...stripeApi(e.STRIPE_API_URL) }
        : undefined,
  };
}

/** The SDK's host, port and protocol for another API base than Stripe's. */
function stripeApi(url: string | undefined): { api?: { host: string; port: number; protocol: 'http' | 'https' } } {
  if (!url) return {};
  const parsed = new URL(url);
  const protocol = parsed.protocol === 'http:' ? 'http' : 'https';
  return { api: { host: parsed.hostname, port: Number(parsed.port || (protocol === 'http' ? 80 : 443)), protocol } };
}
