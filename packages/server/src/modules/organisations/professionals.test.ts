import { generate } from 'otplib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '../../demo.js';
import { ApiClient } from '../../platform/testing/client.js';
import { describeEachDatabase } from '../../platform/testing/databases.js';
import { startTestServer } from '../../platform/testing/server.js';
import { startMailCatcher } from '../../platform/testing/smtp.js';
import type { RunningServer } from '../../server.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../accounts/index.js';

const linkToken = (text: string) => /token=([A-Za-z0-9_-]+)/.exec(text)![1]!;

describeEachDatabase('professionals: invitation, mandatory second factor, organisation administration', (database) => {
  let server: RunningServer;
  let mail: Awaited<ReturnType<typeof startMailCatcher>>;
  let admin: ApiClient;
  let organisationId: string;
  beforeAll(async () => {
    await seedDemo(database().db);
    mail = await startMailCatcher();
    server = await startTestServer(database(), { SMTP_URL: mail.url });
    admin = new ApiClient(server.url);
    expect((await admin.login('admin@demo.parcours.fr', DEMO_PASSWORD, DEMO_TOTP_SECRET)).status).toBe(204);
    const me = await admin.get<{ memberships: { organisationId: string; role: string }[] }>('/api/v1/me');
    organisationId = me.body.memberships.find((m) => m.role === 'admin')!.organisationId;
  });
  afterAll(async () => {
    await server.app.close();
    await mail.close();
  });

  it('asks a professional for the second factor before anything else', async () => {
    const doctor = new ApiClient(server.url);
    const login = await doctor.post('/api/v1/auth/login', { email: 'dr.martin@demo.parcours.fr', password: DEMO_PASSWORD });
    expect(login.body.next).toBe('second-factor');
    expect((await doctor.get(`/api/v1/organisations/${organisationId}`)).status).toBe(401);
    expect((await doctor.post('/api/v1/auth/second-factor/verify', { code: '12345' })).status).toBe(400);
    expect((await doctor.post('/api/v1/auth/second-factor/verify', { code: await generate({ secret: DEMO_TOTP_SECRET }) })).status).toBe(
      204,
    );
    expect((await doctor.get(`/api/v1/organisations/${organisationId}`)).status).toBe(200);
  });

  it('invites a professional who sets a password, must enrol TOTP, then logs in with it', async () => {
    const invited = await admin.post(`/api/v1/organisations/${organisationId}/invitations`, {
      email: 'dr.nguyen@example.org',
      givenName: 'Linh',
      familyName: 'Nguyen',
      role: 'practitioner',
      profession: 'doctor',
      specialty: 'pediatrics',
      rpps: '10005173140',
    });
    expect(invited.status).toBe(201);
    const message = await mail.next('dr.nguyen@example.org');
    expect(message.text).toMatch(/invitation\?token=/);

    const doctor = new ApiClient(server.url);
    expect(
      (await doctor.post('/api/v1/auth/invitation/accept', { token: linkToken(message.text), password: 'stethoscope-42-lune' })).status,
    ).toBe(204);
    const login = await doctor.post('/api/v1/auth/login', { email: 'dr.nguyen@example.org', password: 'stethoscope-42-lune' });
    expect(login.body.next).toBe('enrol-second-factor');
    expect((await doctor.get(`/api/v1/organisations/${organisationId}`)).status).toBe(401);

    const { body } = await doctor.post<{ secret: string }>('/api/v1/auth/second-factor/enrolment');
    expect((await doctor.post('/api/v1/auth/second-factor/enrolment/confirm', { code: '000000' })).status).toBeGreaterThanOrEqual(400);
    const confirmed = await doctor.post<{ recoveryCodes: string[] }>('/api/v1/auth/second-factor/enrolment/confirm', {
      code: await generate({ secret: body.secret }),
    });
    expect(confirmed.status).toBe(200);
    expect((await doctor.get(`/api/v1/organisations/${organisationId}`)).status).toBe(200);

    const again = new ApiClient(server.url);
    expect((await again.login('dr.nguyen@example.org', 'stethoscope-42-lune', body.secret)).status).toBe(204);
    const members = await admin.get<{ email: string; invitationPending: boolean }[]>(`/api/v1/organisations/${organisationId}/members`);
    expect(members.body.find((m) => m.email === 'dr.nguyen@example.org')).toMatchObject({ invitationPending: false });
  });

  it('validates RPPS and FINESS, naming the field', async () => {
    const badRpps = await admin.post<{ errors: { field: string }[] }>(`/api/v1/organisations/${organisationId}/invitations`, {
      email: 'x@example.org',
      givenName: 'X',
      familyName: 'Y',
      role: 'practitioner',
      profession: 'doctor',
      rpps: '1234',
    });
    expect(badRpps.status).toBe(400);
    expect(badRpps.body.errors.map((e) => e.field)).toEqual(['rpps']);
    const badSite = await admin.post<{ errors: { field: string }[] }>(`/api/v1/organisations/${organisationId}/sites`, {
      name: 'Site Nord',
      finess: '12',
    });
    expect(badSite.body.errors.map((e) => e.field)).toEqual(['finess']);
    expect(
      (await admin.post(`/api/v1/organisations/${organisationId}/sites`, { name: 'Site Nord', postalCode: '59000', city: 'Lille' })).status,
    ).toBe(201);
    expect((await admin.post(`/api/v1/organisations/${organisationId}/sites`, { name: 'Site Nord' })).status).toBe(409);
  });

  it('keeps the administration to administrators', async () => {
    const doctor = new ApiClient(server.url);
    await doctor.login('dr.martin@demo.parcours.fr', DEMO_PASSWORD, DEMO_TOTP_SECRET);
    expect((await doctor.get(`/api/v1/organisations/${organisationId}/members`)).status).toBe(403);
    expect((await doctor.post(`/api/v1/organisations/${organisationId}/sites`, { name: 'Site pirate' })).status).toBe(403);
  });
});
