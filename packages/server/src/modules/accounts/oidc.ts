import * as oidc from 'openid-client';
import { problem } from '../../platform/http/problem.js';
import type { ServiceDeps } from '../../platform/context.js';
import { accountsDb } from './store.js';
import { openSession } from './sessions.js';

/** An OIDC log-in not finished within this time is abandoned. */
const LOGIN_TTL_MS = 10 * 60_000;

let discovered: { issuer: string; config: Promise<oidc.Configuration> } | undefined;

/** The provider's configuration, discovered once per issuer; a failed discovery is retried next time. */
function providerConfig(deps: ServiceDeps): Promise<oidc.Configuration> {
  const settings = deps.config.oidc;
  if (!settings) throw problem.notFound('oidc-not-configured');
  if (discovered?.issuer !== settings.issuer) {
    const insecure = settings.issuer.startsWith('http://');
    const config = oidc.discovery(
      new URL(settings.issuer),
      settings.clientId,
      settings.clientSecret,
      undefined,
      insecure ? { execute: [oidc.allowInsecureRequests] } : undefined,
    );
    config.catch(() => (discovered = undefined));
    discovered = { issuer: settings.issuer, config };
  }
  return discovered.config;
}

export function callbackUrl(deps: ServiceDeps): string {
  return `${deps.config.publicUrl}/api/v1/auth/oidc/callback`;
}

/** Starts a Pro Santé Connect log-in: the URL to send the browser to (authorisation code + PKCE). */
export async function startOidcLogin(deps: ServiceDeps): Promise<string> {
  const config = await providerConfig(deps);
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  await accountsDb(deps.db)
    .deleteFrom('oidc_logins')
    .where('created_at', '<', new Date(Date.now() - LOGIN_TTL_MS))
    .execute();
  await accountsDb(deps.db).insertInto('oidc_logins').values({ state, nonce, code_verifier: codeVerifier }).execute();
  return oidc
    .buildAuthorizationUrl(config, {
      redirect_uri: callbackUrl(deps),
      scope: 'openid',
      state,
      nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    })
    .toString();
}

/**
 * PSC names a professional by their national identifier, `8` followed by the 11-digit RPPS
 * (factsheet §7.4); a bare RPPS is accepted too.
 */
export function rppsFromClaim(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const digits = value.replace(/\s/g, '');
  if (/^8\d{11}$/.test(digits)) return digits.slice(1);
  if (/^\d{11}$/.test(digits)) return digits;
  return null;
}

/**
 * Finishes the log-in: exchanges the code, reads the RPPS from the ID token or the userinfo, and
 * opens a session for the professional registered with it. Strong authentication happened at the
 * provider (CPS card or e-CPS), so no second factor is asked here.
 */
export async function finishOidcLogin(deps: ServiceDeps, currentUrl: URL, address: string): Promise<{ token: string }> {
  const config = await providerConfig(deps);
  const state = currentUrl.searchParams.get('state') ?? '';
  const pending = await accountsDb(deps.db).deleteFrom('oidc_logins').where('state', '=', state).returningAll().executeTakeFirst();
  if (!pending || pending.created_at.getTime() < Date.now() - LOGIN_TTL_MS) throw problem.badRequest('oidc-failed');
  let rpps: string | null;
  try {
    const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: pending.code_verifier,
      expectedState: state,
      expectedNonce: pending.nonce,
    });
    const claims: Record<string, unknown> = tokens.claims() ?? {};
    const claim = deps.config.oidc!.rppsClaim;
    rpps =
      rppsFromClaim(claims[claim]) ??
      rppsFromClaim(
        (await oidc.fetchUserInfo(config, tokens.access_token, typeof claims.sub === 'string' ? claims.sub : oidc.skipSubjectCheck))[claim],
      );
  } catch (error) {
    deps.logger.warn({ err: { message: error instanceof Error ? error.message : 'unknown' } }, 'OIDC code exchange failed');
    throw problem.badRequest('oidc-failed');
  }
  if (!rpps) throw problem.badRequest('oidc-failed');
  const practitioner = await accountsDb(deps.db)
    .selectFrom('practitioners')
    .innerJoin('accounts', 'accounts.id', 'practitioners.account_id')
    .select(['accounts.id', 'accounts.disabled_at'])
    .where('practitioners.rpps', '=', rpps)
    .executeTakeFirst();
  if (!practitioner || practitioner.disabled_at) throw problem.forbidden('rpps-unknown');
  const { token } = await openSession(deps.db, deps.config, { accountId: practitioner.id, mfaPassed: true, via: 'oidc', address });
  return { token };
}
