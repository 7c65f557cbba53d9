import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { startTestServer } from '../testing/server.js';
import type { RunningServer } from '../../server.js';
import type { ProblemDocument } from './problem.js';

const problemOf = async (res: Response) => (await res.json()) as ProblemDocument;

describeEachDatabase('HTTP errors are problem+json, never 5xx', (database) => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer(database());
  });
  afterAll(async () => {
    await server.app.close();
  });

  it('answers an unknown route with a 404 problem in French by default', async () => {
    const res = await fetch(`${server.url}/api/v1/nowhere`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await problemOf(res)).toMatchObject({ type: 'urn:parcours:problem:not-found', status: 404, title: 'Ressource introuvable' });
  });

  it('answers in English when the client prefers it', async () => {
    const res = await fetch(`${server.url}/api/v1/nowhere`, { headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect((await problemOf(res)).title).toBe('Resource not found');
  });

  it('answers a malformed JSON body with a 400 problem', async () => {
    const res = await fetch(`${server.url}/api/v1/rules/evaluate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"kind": "teleconsultation",',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await problemOf(res)).toMatchObject({ type: 'urn:parcours:problem:malformed-json', status: 400 });
  });

  it('names the offending field of a body that fails its schema', async () => {
    const res = await fetch(`${server.url}/api/v1/rules/evaluate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'en' },
      body: JSON.stringify({ kind: 'astrology' }),
    });
    expect(res.status).toBe(400);
    const body = await problemOf(res);
    expect(body.type).toBe('urn:parcours:problem:validation');
    expect(body.errors!.map((e) => e.field)).toContain('kind');
  });

  it('refuses an unsupported content type with a 415 problem', async () => {
    const res = await fetch(`${server.url}/api/v1/rules/evaluate`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: 'a,b',
    });
    expect(res.status).toBe(415);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('serves /health, /ready and the OpenAPI document', async () => {
    expect(await (await fetch(`${server.url}/health`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${server.url}/ready`)).json()).toEqual({ status: 'ready', database: database().kind });
    const openapi = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(openapi.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.paths)).toContain('/api/v1/rules/evaluate');
    const docs = await fetch(`${server.url}/api/docs`);
    expect(docs.status).toBe(200);
  });
});
