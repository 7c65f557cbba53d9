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
});
