import net from 'node:net';
import Provider from 'oidc-provider';

export interface LocalOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A real OpenID Connect provider (oidc-provider) shaped like Pro Santé Connect: the subject's
 * `SubjectNameID` claim is the national identifier `8` + RPPS. Its development login form takes any
 * login — the test types the identifier there.
 */
export async function startOidcProvider(redirectUri: string): Promise<LocalOidcProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'parcours-e2e';
  const clientSecret = 'e2e-client-secret-0123456789abcdef';
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub', 'SubjectNameID'] },
    findAccount: (_ctx: unknown, sub: string) => ({ accountId: sub, claims: () => ({ sub, SubjectNameID: sub }) }),
    pkce: { required: () => true },
    cookies: { keys: ['parcours-e2e-cookie-key'] },
    features: { devInteractions: { enabled: true } },
  });
  const server = provider.listen(port);
  await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())));
  return { issuer, clientId, clientSecret, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
