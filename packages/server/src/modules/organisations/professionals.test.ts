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

  it('makes an existing account a member only once its owner accepts, and shows the administrator only what they typed', async () => {
    const invited = await admin.post<{ invitationId: string }>(`/api/v1/organisations/${organisationId}/invitations`, {
      email: 'jean.moreau@demo.parcours.fr',
      givenName: 'Typed',
      familyName: 'Bytheadmin',
      role: 'practitioner',
      profession: 'nurse',
    });
    expect(invited.status).toBe(201);
    expect(Object.keys(invited.body)).toEqual(['invitationId']);
    expect((await mail.next('jean.moreau@demo.parcours.fr')).text).toMatch(/accepter ou refuser/);
    const listed = await admin.get<
      { email: string; givenName: string; familyName: string; invitationPending: boolean; accountId: string | null }[]
    >(`/api/v1/organisations/${organisationId}/members`);
    const row = listed.body.find((m) => m.email === 'jean.moreau@demo.parcours.fr');
    expect(row).toMatchObject({ givenName: 'Typed', familyName: 'Bytheadmin', invitationPending: true, accountId: null });
    expect(JSON.stringify(listed.body)).not.toMatch(/Moreau/);

    // Not a member yet: nothing changed for him, not even a second factor to enrol.
    const jean = new ApiClient(server.url);
    expect(
      (await jean.post<{ next: string }>('/api/v1/auth/login', { email: 'jean.moreau@demo.parcours.fr', password: DEMO_PASSWORD })).body
        .next,
    ).toBe('done');
    expect((await jean.get(`/api/v1/organisations/${organisationId}/members`)).status).toBe(404);
    const mine = await jean.get<{ id: string; organisationId: string; role: string }[]>('/api/v1/me/invitations');
    expect(mine.body).toEqual([expect.objectContaining({ id: invited.body.invitationId, organisationId, role: 'practitioner' })]);

    // Someone else cannot answer it for him.
    expect((await admin.post(`/api/v1/me/invitations/${invited.body.invitationId}/accept`)).status).toBe(404);
    expect((await jean.post(`/api/v1/me/invitations/${invited.body.invitationId}/accept`)).status).toBe(204);
    expect((await jean.post(`/api/v1/me/invitations/${invited.body.invitationId}/accept`)).status).toBe(404);
    const after = await admin.get<{ email: string; familyName: string; invitationPending: boolean }[]>(
      `/api/v1/organisations/${organisationId}/members`,
    );
    expect(after.body.filter((m) => m.email === 'jean.moreau@demo.parcours.fr')).toEqual([
      expect.objectContaining({ familyName: 'Moreau', invitationPending: false }),
    ]);
  });

  it('lets the invited person decline, and nothing changes', async () => {
    const invited = await admin.post<{ invitationId: string }>(`/api/v1/organisations/${organisationId}/invitations`, {
      email: 'camille.petit@demo.parcours.fr',
      givenName: 'C',
      familyName: 'P',
      role: 'admin',
    });
    const camille = new ApiClient(server.url);
    await camille.login('camille.petit@demo.parcours.fr', DEMO_PASSWORD);
    expect((await camille.post(`/api/v1/me/invitations/${invited.body.invitationId}/decline`)).status).toBe(204);
    expect((await camille.get<{ memberships: unknown[] }>('/api/v1/me')).body.memberships).toEqual([]);
    const members = await admin.get<{ email: string }[]>(`/api/v1/organisations/${organisationId}/members`);
    expect(members.body.some((m) => m.email === 'camille.petit@demo.parcours.fr')).toBe(false);
  });

  it('answers an invitation made while the mail server is down, and mails its link once the server is back', async () => {
    const port = Number(new URL(mail.url).port);
    await mail.close();
    const invited = await admin.post(`/api/v1/organisations/${organisationId}/invitations`, {
      email: 'dr.roux@example.org',
      givenName: 'Inès',
      familyName: 'Roux',
      role: 'practitioner',
      profession: 'doctor',
    });
    expect(invited.status).toBe(201);
    // The first attempt finds no mail server; the job retries.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    mail = await startMailCatcher(port);
    const message = await mail.next('dr.roux@example.org', 30_000);
    expect(message.subject).toContain('invitation');
    const doctor = new ApiClient(server.url);
    expect(
      (await doctor.post('/api/v1/auth/invitation/accept', { token: linkToken(message.text), password: 'stethoscope-42-roux' })).status,
    ).toBe(204);
  });
});
