import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { videoAppointmentSoon } from '../src/appointments.js';
import { launchChromium } from '../src/chromium.js';
import { logInAs } from '../src/demo.js';
import { createPostgresDatabase, freePort, listening, startServer, type TestServer } from '../src/server.js';
import { startTurnServer, turnserver, type TurnServer } from '../src/turn.js';

const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres:test@127.0.0.1:5432/postgres';
// The appointment starting in minutes is written beside the running server: the server runs on PostgreSQL.
const postgres = await listening(POSTGRES_URL);
const TURN_SECRET = 'e2e-device-check-turn-secret';

describe.skipIf(!postgres || !turnserver)('the equipment and connectivity check in Chromium (coturn on loopback)', () => {
  let server: TestServer;
  let blocked: TestServer;
  let browser: Browser;
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let coturn: TurnServer;

  beforeAll(async () => {
    const closedPort = await freePort();
    coturn = await startTurnServer(TURN_SECRET, { min: 49201, max: 49240 }, { tls: true });
    database = await createPostgresDatabase();
    [server, blocked, browser] = await Promise.all([
      // The relay answers over UDP and over TLS.
      startServer({ DATABASE_URL: database.url, TURN_URLS: `${coturn.url},${coturn.tlsUrl!}`, TURN_SECRET }),
      // Its TLS address is a port where nothing listens: a network that blocks 443 looks the same.
      startServer({ TURN_URLS: `${coturn.url},turns:127.0.0.1:${closedPort}?transport=tcp`, TURN_SECRET }),
      // The relay's certificate is self-signed (see turn.ts).
      launchChromium({ media: true, args: ['--ignore-certificate-errors'] }),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([server?.stop(), blocked?.stop()]);
    coturn?.stop();
    await database?.drop();
  });

  it('tells the patient when the secure relay does not get through', async () => {
    const patient = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await logInAs(patient, blocked.url, 'patient');
    await patient.getByRole('main').getByRole('link', { name: 'Tester mon matériel' }).click();
    await patient.getByRole('button', { name: 'Tester la connexion' }).click();
    const result = patient.getByTestId('connectivity-result');
    await result.getByText('Joignable : direct').waitFor({ timeout: 20_000 });
    await result.getByText('Relais (UDP) : fonctionne').waitFor();
    await result.getByText('Relais sécurisé (TLS, port 443) : ne passe pas').waitFor();
    await patient.context().close();
  }, 60_000);

  it('tests the devices and each path from the patient’s home, and shows the practitioner the waiting patient’s result', async () => {
    const patient = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await logInAs(patient, server.url, 'patient');
    // From her home, outside any appointment.
    await patient.getByRole('main').getByRole('link', { name: 'Tester mon matériel' }).click();
    await patient.getByRole('heading', { level: 1, name: 'Tester mon matériel' }).waitFor();
    await patient.getByRole('button', { name: 'Lancer le test' }).click();
    await patient.getByText('Caméra et micro fonctionnent.').waitFor();
    await patient.getByRole('button', { name: 'Tester le haut-parleur' }).click();
    await patient.getByText('Avez-vous entendu le son ?').waitFor();
    await patient.getByRole('button', { name: 'Non', exact: true }).click();
    await patient.getByText(/Montez le volume de l’appareil/).waitFor();

    await patient.getByRole('button', { name: 'Tester la connexion' }).click();
    const result = patient.getByTestId('connectivity-result');
    await result.getByText('Joignable : direct').waitFor({ timeout: 20_000 });
    await result.getByText('Relais (UDP) : fonctionne').waitFor();
    await result.getByText('Relais sécurisé (TLS, port 443) : fonctionne').waitFor();
    expect(await result.getByText('transmis au praticien').count()).toBe(0);

    // In the waiting room of an appointment, the check goes to the practitioner, who sees it live.
    const { appointmentId } = await videoAppointmentSoon(database.url, {
      patient: 'camille.petit@demo.parcours.fr',
      practitioner: 'dr.martin@demo.parcours.fr',
      startsInMinutes: 5,
    });
    await patient.goto(`${server.url}/teleconsultation/${appointmentId}`);
    await patient.getByRole('button', { name: 'Je suis arrivé·e' }).click();
    await patient.getByTestId('visit-state').getByText('Vous êtes en salle d’attente').waitFor();
    const gp = await (await browser.newContext()).newPage();
    await logInAs(gp, server.url, 'practitioner');
    await gp.goto(`${server.url}/salle-d-attente`);
    const card = gp.locator(`[data-appointment-id="${appointmentId}"]`);
    await card.getByTestId('connectivity').getByText('Connexion non testée').waitFor();
    await patient.getByRole('button', { name: 'Tester la connexion' }).click();
    await patient.getByText('Le résultat a été transmis au praticien.').waitFor({ timeout: 20_000 });
    await card
      .getByTestId('connectivity')
      .getByText(/Joignable : direct \(testée à \d\d:\d\d\)/)
      .waitFor();
    await Promise.all([patient.context().close(), gp.context().close()]);
  }, 90_000);
});
