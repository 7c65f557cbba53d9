// A TURN server (coturn, Debian package `coturn`) on loopback for the browser tests: the TURN REST
// scheme (`use-auth-secret`), so that the credentials the Parcours server signs with the same secret
// are what lets a browser through. TURN over UDP, and on request over TLS with a self-signed
// certificate made for the run (a browser must then be told to accept it: see `tls`).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './server.js';

/** The installed coturn, or null (the tests that need it are then skipped). */
export const turnserver = fs.existsSync('/usr/bin/turnserver') ? '/usr/bin/turnserver' : null;

export interface TurnServer {
  /** `turn:127.0.0.1:<port>`, for the server's TURN_URLS. */
  url: string;
  /**
   * `turns:127.0.0.1:<port>?transport=tcp` when started with `tls`, the path of a network that lets
   * only TLS through (443 in production). Its certificate is self-signed: Chromium accepts it with
   * `--ignore-certificate-errors`, as it would a real one signed by a known authority.
   */
  tlsUrl: string | null;
  stop(): void;
}

/**
 * Starts coturn with `secret` on a free port; its relay ports are `relayPorts` (distinct per test
 * file, so that two files never fight over them).
 */
export async function startTurnServer(
  secret: string,
  relayPorts: { min: number; max: number },
  options: { tls?: boolean } = {},
): Promise<TurnServer> {
  if (!turnserver) throw new Error('coturn is not installed (/usr/bin/turnserver)');
  const port = await freePort();
  const tls = options.tls ? { port: await freePort(), ...selfSignedCertificate() } : null;
  const coturn = spawn(
    turnserver,
    [
      '-n',
      '--listening-ip=127.0.0.1',
      '--relay-ip=127.0.0.1',
      `--listening-port=${port}`,
      '--use-auth-secret',
      `--static-auth-secret=${secret}`,
      '--realm=parcours.test',
      ...(tls ? [`--tls-listening-port=${tls.port}`, `--cert=${tls.cert}`, `--pkey=${tls.key}`] : ['--no-tls']),
      '--no-dtls',
      '--no-cli',
      '--allow-loopback-peers',
      `--min-port=${relayPorts.min}`,
      `--max-port=${relayPorts.max}`,
    ],
    { stdio: 'ignore' },
  );
  return {
    url: `turn:127.0.0.1:${port}`,
    tlsUrl: tls ? `turns:127.0.0.1:${tls.port}?transport=tcp` : null,
    stop: () => {
      coturn.kill('SIGTERM');
      if (tls) fs.rmSync(tls.dir, { recursive: true, force: true });
    },
  };
}

/** A key and a certificate for 127.0.0.1, valid two days, made by openssl in a directory of their own (removed by `stop`). */
function selfSignedCertificate(): { dir: string; cert: string; key: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-turn-tls-'));
  const [cert, key] = [path.join(dir, 'cert.pem'), path.join(dir, 'key.pem')];
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  return { dir, cert, key };
}
