import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '../../demo.js';
import { ApiClient } from '../../platform/testing/client.js';
import { describeEachDatabase } from '../../platform/testing/databases.js';
import { startTestServer } from '../../platform/testing/server.js';
import type { RunningServer } from '../../server.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../accounts/index.js';

interface Page {
  entries: { at: string; who: string | null; role: string; organisation: string | null; action: string }[];
  next: string | null;
}

describeEachDatabase('a patient’s access history', (database) => {
  let server: RunningServer;
  let patient: ApiClient;
  let patientId: string;
  const historyPath = () => `/api/v1/patients/${patientId}/access-history`;

  beforeAll(async () => {
    await seedDemo(database().db);
    server = await startTestServer(database());
    patient = new ApiClient(server.url);
    await patient.login('camille.petit@demo.parcours.fr', DEMO_PASSWORD);
    patientId = (await patient.get<{ patients: { id: string; isSelf: boolean }[] }>('/api/v1/me')).body.patients.find((p) => p.isSelf)!.id;
  });
  afterAll(async () => {
    await server.app.close();
  });

  it('shows the name a professional had when they opened the record, even after they renamed themselves', async () => {
    const doctor = new ApiClient(server.url);
    await doctor.login('dr.martin@demo.parcours.fr', DEMO_PASSWORD, DEMO_TOTP_SECRET);
    expect((await doctor.get(`/api/v1/patients/${patientId}`)).status).toBe(200);
    expect((await doctor.request('PATCH', '/api/v1/me', { givenName: 'Usurpateur' })).status).toBe(204);
    expect((await doctor.get(`/api/v1/patients/${patientId}`)).status).toBe(200);

    const { entries } = (await patient.get<Page>(historyPath())).body;
    const reads = entries.filter((e) => e.action === 'patient.read' && e.role === 'practitioner');
    // Newest first: the read after the change carries the new name, the one before keeps the old.
    expect(reads.slice(0, 2).map((e) => e.who)).toEqual(['Usurpateur Martin', 'Claire Martin']);
    expect(reads[0]!.organisation).toBe(reads[1]!.organisation);
    expect(reads[1]!.organisation).toEqual(expect.any(String));
    await doctor.request('PATCH', '/api/v1/me', { givenName: 'Claire' });
  });

  it('leaves out the patient’s own views when asked, and only those', async () => {
    for (let i = 0; i < 3; i++) expect((await patient.get(`/api/v1/patients/${patientId}`)).status).toBe(200);
    const all = (await patient.get<Page>(`${historyPath()}?limit=200`)).body.entries;
    const others = (await patient.get<Page>(`${historyPath()}?limit=200&hideOwnViews=true`)).body.entries;
    expect(all.some((e) => e.who === 'Camille Petit')).toBe(true);
    expect(others.some((e) => e.who === 'Camille Petit')).toBe(false);
    expect(others.length).toBeGreaterThan(0);
    expect(others).toEqual(all.filter((e) => e.who !== 'Camille Petit'));
  });

  it('pages back through every entry once, in order, by the cursor each page gives', async () => {
    const whole = (await patient.get<Page>(`${historyPath()}?limit=200&hideOwnViews=true`)).body;
    expect(whole.next).toBeNull();
    const seen: Page['entries'] = [];
    let before: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const query: string = `?limit=2&hideOwnViews=true${before ? `&before=${encodeURIComponent(before)}` : ''}`;
      const page: Page = (await patient.get<Page>(historyPath() + query)).body;
      expect(page.entries.length).toBeLessThanOrEqual(2);
      seen.push(...page.entries);
      before = page.next;
      if (!before) break;
    }
    expect(seen).toEqual(whole.entries);
  });

  it('refuses a malformed cursor or filter, naming the parameter', async () => {
    for (const query of ['before=yesterday', 'before=2026-01-01T00:00:00Z~x~1', 'before=0000-01-01T00:00:00Z', 'hideOwnViews=yes']) {
      const reply = await patient.get<{ errors?: { field: string }[] }>(`${historyPath()}?${query}`);
      expect(reply.status, query).toBe(400);
      expect(JSON.stringify(reply.body), query).toMatch(query.startsWith('before') ? /before/ : /hideOwnViews/);
    }
  });
});
