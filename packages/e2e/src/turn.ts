// A TURN server (coturn, Debian package `coturn`) on loopback for the browser tests: the TURN REST
// scheme (`use-auth-secret`), so that the credentials the Parcours server signs with the same secret
// are what lets a browser through. Plain TURN over UDP and TCP only: no certificate here.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { freePort } from './server.js';

/** The installed coturn, or null (the tests that need it are then skipped). */
export const turnserver = fs.existsSync('/usr/bin/turnserver') ? '/usr/bin/turnserver' : null;

export interface TurnServer {
  /** `turn:127.0.0.1:<port>`, for the server's TURN_URLS. */
  url: string;
  stop(): void;
}

/**
 * Starts coturn with `secret` on a free port; its relay ports are `relayPorts` (distinct per test
 * file, so that two files never fight over them).
 */
export async function startTurnServer(secret: string, relayPorts: { min: number; max: number }): Promise<TurnServer> {
  if (!turnserver) throw new Error('coturn is not installed (/usr/bin/turnserver)');
  const port = await freePort();
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
      '--no-tls',
      '--no-dtls',
      '--no-cli',
      '--allow-loopback-peers',
      `--min-port=${relayPorts.min}`,
      `--max-port=${relayPorts.max}`,
    ],
    { stdio: 'ignore' },
  );
  return { url: `turn:127.0.0.1:${port}`, stop: () => void coturn.kill('SIGTERM') };
}
