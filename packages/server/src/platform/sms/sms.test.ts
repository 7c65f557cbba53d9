import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { createSmsSender, httpSmsSender, SmsRefusedError } from './sms.js';

/** A stand-in for the provider's API on loopback: it keeps each request, and answers as told. */
let server: http.Server;
let url: string;
let answer = 201;
const received: { headers: http.IncomingHttpHeaders; body: unknown }[] = [];

beforeAll(async () => {
  server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: JSON.parse(body) });
      response.writeHead(answer, { 'content-type': 'application/json' }).end(JSON.stringify({ messageId: 1 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/v3/transactionalSMS/sms`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it('sends a text through the HTTP provider: its API key, the sender, the number without its plus', async () => {
  const sender = createSmsSender(
    { sms: { url, apiKey: 'key-of-the-test', sender: 'Parcours' }, dataDir: '/nonexistent' },
    createLogger('silent'),
  );
  expect(sender.kind).toBe('http');
  await sender.send({ to: '+33612345678', text: 'Parcours : rappel, rendez-vous demain à 10:30.' });
  expect(received).toHaveLength(1);
  expect(received[0]!.headers['api-key']).toBe('key-of-the-test');
  expect(received[0]!.body).toEqual({
    type: 'transactional',
    sender: 'Parcours',
    recipient: '33612345678',
    content: 'Parcours : rappel, rendez-vous demain à 10:30.',
  });
});

it('says when the provider refuses a text', async () => {
  answer = 400;
  await expect(
    httpSmsSender({ url, apiKey: 'key-of-the-test', sender: 'Parcours' }).send({ to: '+33600000000', text: 'x' }),
  ).rejects.toBeInstanceOf(SmsRefusedError);
  answer = 201;
});

it('writes texts to an outbox folder when no provider is set', async () => {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'parcours-sms-'));
  const sender = createSmsSender({ sms: undefined, dataDir }, createLogger('silent'));
  await sender.send({ to: '+33612345678', text: 'Bonjour' });
  const [file] = await fs.readdir(path.join(dataDir, 'sms-outbox'));
  expect(await fs.readFile(path.join(dataDir, 'sms-outbox', file!), 'utf8')).toBe('To: +33612345678\n\nBonjour\n');
  await fs.rm(dataDir, { recursive: true, force: true });
});
