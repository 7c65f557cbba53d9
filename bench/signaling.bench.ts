// Signaling: N WebSocket clients (BENCH_CONNECTIONS, 10,000 by default) in rooms of two, joined with
// room tokens, exchanging an offer, an answer and candidates through one server process (started as
// `parcours start` runs it, embedded database); then a steady relay to measure its latency. Prints
// the connections held, the server's resident memory (RSS, from /proc) and the relay latency p50/p99.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { signLiveToken } from '../packages/server/src/platform/realtime/token.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10_000);
const OPEN_CONCURRENCY = 200;
/** Relayed messages timed, spread evenly over the rooms. */
const TIMED_RELAYS = 4_000;
const RELAYS_PER_SECOND = 1_000;
const SECRET = 'bench-live-token-secret-of-at-least-32-bytes';
const SDP = `v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\n${'a=candidate:1 1 udp 2122260223 192.0.2.1 50000 typ host\r\n'.repeat(30)}`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function rssMB(pid: number): Promise<number> {
  const status = await fs.readFile(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024);
}

interface Peer {
  socket: WebSocket;
  id: string;
  topic: string;
  /** Resolves each awaited message by its kind. */
  waiters: Map<string, (data: { kind: string }) => void>;
}

/** One client: connects with its token, joins its room, and hands relayed messages to whoever waits for them. */
function join(url: string, token: string, topic: string, onRelay: (peer: Peer, data: { kind: string }) => void): Promise<Peer> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${url}/api/v1/live?token=${encodeURIComponent(token)}`, { perMessageDeflate: false });
    const peer: Peer = { socket, id: '', topic, waiters: new Map() };
    socket.on('message', (raw) => {
      const message = JSON.parse(String(raw)) as { type: string; peer?: string; data?: { kind: string } };
      if (message.type === 'welcome') socket.send(JSON.stringify({ type: 'subscribe', topic }));
      else if (message.type === 'subscribed') {
        peer.id = message.peer!;
        resolve(peer);
      } else if (message.type === 'relay') onRelay(peer, message.data!);
      else if (message.type === 'error') reject(new Error(JSON.stringify(message)));
    });
    socket.once('error', reject);
  });
}

const relay = (from: Peer, to: Peer, data: unknown) =>
  from.socket.send(JSON.stringify({ type: 'relay', topic: from.topic, to: to.id, data }));

function next(peer: Peer, kind: string): Promise<{ kind: string }> {
  return new Promise((resolve) => peer.waiters.set(kind, resolve));
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'parcours-bench-signaling-'));
const port = await freePort();
const server = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/cli.ts', 'start'], {
  env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', LIVE_TOKEN_SECRET: SECRET },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const url = `http://127.0.0.1:${port}`;
try {
  for (
    let tries = 0;
    !(await fetch(`${url}/ready`).then(
      (r) => r.ok,
      () => false,
    ));
    tries++
  ) {
    if (tries > 600) throw new Error('server not ready');
    await sleep(200);
  }
  const wsUrl = url.replace(/^http/, 'ws');
  const latencies: number[] = [];
  const onRelay = (peer: Peer, data: { kind: string }) => {
    peer.waiters.get(data.kind)?.(data);
    peer.waiters.delete(data.kind);
  };

  // Rooms of two: the second joins, offers; the first answers; both send candidates.
  const pairs: [Peer, Peer][] = [];
  const rooms = Array.from({ length: Math.floor(CONNECTIONS / 2) }, () => `room:${randomUUID()}`);
  for (let i = 0; i < rooms.length; i += OPEN_CONCURRENCY / 2) {
    await Promise.all(
      rooms.slice(i, i + OPEN_CONCURRENCY / 2).map(async (topic) => {
        const [a, b] = [
          await join(wsUrl, await signLiveToken(SECRET, { topic, subject: 'guest:a' }, 3_600), topic, onRelay),
          await join(wsUrl, await signLiveToken(SECRET, { topic, subject: 'guest:b' }, 3_600), topic, onRelay),
        ];
        const answered = next(b, 'description');
        const offered = next(a, 'description');
        relay(b, a, { kind: 'description', description: { type: 'offer', sdp: SDP } });
        await offered;
        relay(a, b, { kind: 'description', description: { type: 'answer', sdp: SDP } });
        await answered;
        const candidate = { candidate: 'candidate:1 1 udp 2122260223 192.0.2.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 };
        const got = [next(a, 'candidate'), next(b, 'candidate')];
        relay(a, b, { kind: 'candidate', candidate });
        relay(b, a, { kind: 'candidate', candidate });
        await Promise.all(got);
        pairs.push([a, b]);
      }),
    );
  }
  const connections = pairs.length * 2;
  await sleep(2_000);
  const rss = await rssMB(server.pid!);

  // Steady relay: candidates stamped with their send time, one room after another.
  // The timing rides in the candidate's text, which the server relays as it is.
  const stamped = () => ({ kind: 'candidate', candidate: { candidate: `candidate:${performance.now()} 1 udp 1 192.0.2.1 1 typ host` } });
  const timedRelay = (peer: Peer, data: { kind: string; candidate?: { candidate: string } }) => {
    const sentAt = Number(/^candidate:([\d.]+)/.exec(data.candidate?.candidate ?? '')?.[1]);
    if (sentAt) latencies.push(performance.now() - sentAt);
  };
  for (const [a, b] of pairs) {
    for (const peer of [a, b]) {
      peer.socket.removeAllListeners('message');
      peer.socket.on('message', (raw) => {
        const message = JSON.parse(String(raw)) as { type: string; data: { kind: string; candidate?: { candidate: string } } };
        if (message.type === 'relay') timedRelay(peer, message.data);
      });
    }
  }
  const interval = 1_000 / RELAYS_PER_SECOND;
  const started = performance.now();
  for (let i = 0; i < TIMED_RELAYS; i++) {
    const [a, b] = pairs[i % pairs.length]!;
    relay(a, b, stamped());
    const due = started + (i + 1) * interval;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
  }
  await sleep(1_000);
  const sorted = latencies.sort((x, y) => x - y);
  const round = (ms: number) => Math.round(ms * 100) / 100;
  process.stdout.write(
    `${JSON.stringify({
      bench: 'signaling',
      connections,
      rssMB: rss,
      relayed: sorted.length,
      relayP50Ms: round(percentile(sorted, 0.5)),
      relayP99Ms: round(percentile(sorted, 0.99)),
    })}\n`,
  );
  for (const [a, b] of pairs) {
    a.socket.terminate();
    b.socket.terminate();
  }
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  await fs.rm(dataDir, { recursive: true, force: true });
}
