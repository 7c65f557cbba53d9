import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiClient } from '../../platform/testing/client.js';
import { describeEachDatabase } from '../../platform/testing/databases.js';
import { startTestServer } from '../../platform/testing/server.js';
import type { RunningServer } from '../../server.js';

const adult = {
  kind: 'teleconsultation',
  date: '2025-03-01',
  modality: 'video',
  practitioner: { profession: 'doctor' },
  patient: { age: 35 },
};
interface Problem {
  errors: { field: string; code: string; message: string }[];
}
interface JsonSchema {
  type?: string;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  enum?: unknown[];
  format?: string;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
}
interface JsonBody {
  content: { 'application/json': { schema: JsonSchema } };
}
interface OpenApi {
  paths: Record<string, { post: { requestBody: JsonBody; responses: { '200': JsonBody } } }>;
}
const serverRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describeEachDatabase('POST /api/v1/rules/evaluate', (database) => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer(database());
  });
  afterAll(async () => {
    await server.app.close();
  });

  it('answers one decision for one request and an array in order for an array', async () => {
    const client = new ApiClient(server.url);
    const one = await client.post('/api/v1/rules/evaluate', adult);
    expect(one.body).toMatchObject({ reimbursable: true, fee: 25, amoAmount: 15.5, participationForfaitaire: 2 });
    const many = await client.post<{ fee: number | null }[]>('/api/v1/rules/evaluate', [adult, { ...adult, date: '2024-01-10' }]);
    expect(many.body.map((d) => d.fee)).toEqual([25, 25]);
  });

  it('names the malformed field, with its index in an array', async () => {
    const client = new ApiClient(server.url, 'en');
    const reply = await client.post<{ errors: { field: string }[] }>('/api/v1/rules/evaluate', [adult, { ...adult, patient: { age: -3 } }]);
    expect(reply.status).toBe(400);
    expect(reply.body.errors.map((e) => e.field)).toEqual(['[1].patient.age']);
  });

  it('explains a malformed request with the rules engine’s own words, in the user’s language', async () => {
    const french = await new ApiClient(server.url, 'fr').post<Problem>('/api/v1/rules/evaluate', { ...adult, patient: { age: 131 } });
    expect(french.status).toBe(400);
    expect(french.headers.get('content-type')).toContain('application/problem+json');
    expect(french.body.errors).toEqual([
      { field: 'patient.age', code: 'out-of-range', message: '« patient.age » doit être compris entre 0 et 130.' },
    ]);
    const english = await new ApiClient(server.url, 'en').post<Problem>('/api/v1/rules/evaluate', [adult, 42, { ...adult, surprise: 1 }]);
    expect(english.body.errors).toEqual([{ field: '[1]', code: 'invalid-type', message: 'The request must be a JSON object.' }]);
    const unknown = await new ApiClient(server.url, 'en').post<Problem>('/api/v1/rules/evaluate', { ...adult, kind: 'consult' });
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'kind', code: 'invalid-value' })]);
  });

  it('refuses more than 1,000 requests at once, naming the body', async () => {
    const identifier = { kind: 'identifier', system: 'rpps', value: '1' };
    const reply = await new ApiClient(server.url, 'en').post<Problem>('/api/v1/rules/evaluate', Array(1_001).fill(identifier));
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([expect.objectContaining({ field: '(body)', code: 'out-of-range' })]);
  });

  it('documents the body and the reply in /api/openapi.json from the contract’s one schema', async () => {
    const document = (await new ApiClient(server.url).get<OpenApi>('/api/openapi.json')).body;
    const operation = document.paths['/api/v1/rules/evaluate']!.post;
    const body = operation.requestBody.content['application/json'].schema;
    const [one, many] = body.anyOf!;
    expect(many!.type).toBe('array');
    expect(many!.maxItems).toBe(1_000);
    const kinds = one!.oneOf!.map((form) => form.properties!['kind']!.enum);
    expect(kinds).toEqual([
      ['teleconsultation'],
      ['sick-leave'],
      ['teleexpertise'],
      ['assistance'],
      ['telemonitoring'],
      ['identifier'],
      ['activity-cap'],
    ]);
    const teleconsultation = one!.oneOf![0]!;
    expect(teleconsultation.additionalProperties).toBe(false);
    const age = teleconsultation.properties!['patient']!.properties!['age']!;
    expect(age).toMatchObject({ type: 'integer', minimum: 0, maximum: 130 });
    expect(teleconsultation.properties!['patient']!.required).toEqual(['age']);
    expect(teleconsultation.properties!['date']!.format).toBe('date');
    const reply = operation.responses['200'].content['application/json'].schema;
    const decision = reply.anyOf![0]!.anyOf![0]!;
    expect(Object.keys(decision.properties!)).toEqual(expect.arrayContaining(['billable', 'amoAmount', 'reasons', 'warnings', 'sources']));
  });
});

it('parcours rules evaluate: JSON out with exit 0, a named field with exit 2', () => {
  const run = (input: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', path.join(serverRoot, 'src/cli.ts'), 'rules', 'evaluate', '-'], {
      input,
      cwd: serverRoot,
      encoding: 'utf8',
    });
  const ok = run(JSON.stringify(adult));
  expect(ok.status).toBe(0);
  expect(JSON.parse(ok.stdout)).toMatchObject({ code: 'TCG', fee: 25 });
  const bad = run(JSON.stringify({ ...adult, surprise: 1 }));
  expect(bad.status).toBe(2);
  expect(bad.stderr).toMatch(/surprise/);
}, 60_000);
