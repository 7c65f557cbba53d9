import { createHmac } from 'node:crypto';
import type { Config } from '../../platform/config.js';

export interface IceServer {
  urls: string[];
  username?: string;
  credential?: string;
}

/**
 * The ICE servers a participant's browser is given: the STUN URLs as they are, and the TURN URLs
 * with time-limited credentials by the TURN REST scheme coturn implements (`use-auth-secret`):
 * username `<expiry in Unix seconds>:<user>`, password base64(HMAC-SHA1(secret, username)). Nothing
 * to store, nothing to revoke: the relay refuses them once expired.
 */
export function iceServers(turn: Config['turn'], user: string, now = Date.now()): IceServer[] {
  const stun = turn.urls.filter((url) => url.startsWith('stun:'));
  const relays = turn.urls.filter((url) => url.startsWith('turn:') || url.startsWith('turns:'));
  const servers: IceServer[] = [];
  if (stun.length > 0) servers.push({ urls: stun });
  if (relays.length > 0 && turn.secret) {
    const username = `${Math.floor((now + turn.credentialMs) / 1000)}:${user}`;
    const credential = createHmac('sha1', turn.secret).update(username).digest('base64');
    servers.push({ urls: relays, username, credential });
  }
  return servers;
}
