import { randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';

/**
 * Short-lived signed tokens that open one live topic without a session: a relative or an
 * interpreter joining one teleconsultation from a link, a device following its own alerts. HMAC
 * (HS256) with a secret every node shares; the audience keeps them from being used anywhere else.
 */
const AUDIENCE = 'parcours:live';
const MAX_TTL_SECONDS = 3_600;

export interface LiveTokenClaims {
  /** The one topic the token opens, e.g. `room:<roomId>`. */
  topic: string;
  /** Who holds it (a guest id, an account id), for the logs and for the handlers. */
  subject: string;
}

function key(secret: string): Uint8Array {
  if (Buffer.byteLength(secret) < 32) throw new Error('The live token secret must be at least 32 bytes');
  return new TextEncoder().encode(secret);
}

export async function signLiveToken(secret: string, claims: LiveTokenClaims, ttlSeconds = 300): Promise<string> {
  if (ttlSeconds <= 0 || ttlSeconds > MAX_TTL_SECONDS) throw new Error(`A live token lives at most ${MAX_TTL_SECONDS} s`);
  return new SignJWT({ topic: claims.topic })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.subject)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .setJti(randomUUID())
    .sign(key(secret));
}

/** The claims of a valid, unexpired token; null for anything else. */
export async function verifyLiveToken(secret: string, token: string): Promise<LiveTokenClaims | null> {
  try {
    const { payload } = await jwtVerify(token, key(secret), {
      audience: AUDIENCE,
      algorithms: ['HS256'],
      maxTokenAge: `${MAX_TTL_SECONDS}s`,
    });
    if (typeof payload.topic !== 'string' || typeof payload.sub !== 'string') return null;
    return { topic: payload.topic, subject: payload.sub };
  } catch (error) {
    if (error instanceof errors.JOSEError) return null;
    throw error;
  }
}
