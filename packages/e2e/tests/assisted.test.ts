import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { videoAppointmentSoon } from '../src/appointments.js';
import { launchChromium } from '../src/chromium.js';
import { logInAs } from '../src/demo.js';
import { createPostgresDatabase, listening, startServer, type TestServer } from '../src/server.js';

const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres:test@127.0.0.1:5432/postgres';
// The test writes a video appointment starting now beside the running server: it runs on PostgreSQL.
const postgres = await listening(POSTGRES_URL);
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PATIENT = 'camille.petit@demo.parcours.fr';
const GP = 'dr.martin@demo.parcours.fr';

/** Before any script of the app: keeps every RTCPeerConnection the page makes, for getStats(), and every WebSocket, to cut them. */
const PROBE = () => {
  const connections: RTCPeerConnection[] = [];
  const sockets: WebSocket[] = [];
  Object.assign(window, { peerConnections: connections, sockets });
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(config?: RTCConfiguration) {
      super(config);
      connections.push(this);
    }
  } as typeof RTCPeerConnection;
  const NativeSocket = window.WebSocket;
  window.WebSocket = class extends NativeSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      sockets.push(this);
    }
  } as typeof WebSocket;
};

/** The connections the page made, and the ICE username fragment of each open one (a new one: ICE restarted). */
function connectionsOf(page: Page): Promise<{ made: number; ufrags: string[] }> {
  return page.evaluate(() => {
    const made = (window as unknown as { peerConnections: RTCPeerConnection[] }).peerConnections;
    const open = made.filter((pc) => pc.connectionState !== 'closed');
    return { made: made.length, ufrags: open.map((pc) => /^a=ice-ufrag:(.+)$/m.exec(pc.localDescription?.sdp ?? '')?.[1]?.trim() ?? '') };
  });
}

/** How many of this page's open peer connections decoded video frames from the other side: the peers it sees. */
function peersSeen(page: Page): Promise<number> {
  return page.evaluate(async () => {
    let seen = 0;
    for (const pc of (window as unknown as { peerConnections: RTCPeerConnection[] }).peerConnections) {
      if (pc.connectionState === 'closed') continue;
      let frames = 0;
      (await pc.getStats()).forEach((report: { type: string; kind?: string; framesDecoded?: number }) => {
        if (report.type === 'inbound-rtp' && report.kind === 'video') frames += report.framesDecoded ?? 0;
      });
      if (frames > 0) seen++;
    }
    return seen;
  });
}

/** axe-core's serious and critical violations on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(d: Document): Promise<{ violations: { id: string; impact: string | null }[] }> } }).axe;
    return (await axe.run(document)).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
  });
}

describe.skipIf(!postgres)('an assisted teleconsultation in Chromium: a nurse joins by invitation link and shares a blood pressure', () => {
  let server: TestServer;
  let browser: Browser;
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;

  beforeAll(async () => {
    database = await createPostgresDatabase();
    [server, browser] = await Promise.all([startServer({ DATABASE_URL: database.url }), launchChromium({ media: true })]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  });

  async function pageOf(viewport = { width: 1280, height: 900 }): Promise<Page> {
    const context = await browser.newContext({ viewport });
    await context.addInitScript(PROBE);
    return context.newPage();
  }

  it('the nurse is seen by both, her blood pressure reaches the doctor live, and her used link is refused', async () => {
    const { appointmentId } = await videoAppointmentSoon(database.url, { patient: PATIENT, practitioner: GP, startsInMinutes: -2 });
    const patient = await pageOf();
    await logInAs(patient, server.url, 'patient');
    await patient.goto(`${server.url}/teleconsultation/${appointmentId}`);
    await patient.getByRole('button', { name: 'Je suis arrivé·e' }).click();
    await patient.getByTestId('visit-state').getByText('Vous êtes en salle d’attente').waitFor();
    const gp = await pageOf();
    await logInAs(gp, server.url, 'practitioner');
    // From her menu, once signed in (past the second factor).
    await gp.getByRole('link', { name: 'Salle d’attente' }).first().click();
    await gp
      .locator(`[data-appointment-id="${appointmentId}"]`)
      .getByRole('button', { name: /^Faire entrer/ })
      .click();
    await gp.getByRole('heading', { level: 1, name: 'Téléconsultation' }).waitFor();
    await patient.getByLabel('J’ai lu ces informations et je consens à la téléconsultation').check();
    await patient.getByRole('button', { name: 'Donner mon consentement' }).click();
    await patient.getByRole('link', { name: 'Entrer dans la consultation' }).click();

    // The GP invites a nurse from the call and copies the link.
    const invite = gp.getByRole('region', { name: 'Inviter un participant' });
    await invite.getByLabel('Qui invitez-vous ?').selectOption('professional');
    await invite.getByRole('button', { name: 'Créer le lien d’invitation' }).click();
    const link = await invite.getByLabel('Lien d’invitation').inputValue();
    expect(link).toMatch(/\/assister#[A-Za-z0-9_-]{43}$/);

    // The nurse, on a phone, without an account: who she is, the information accepted, then the call.
    const nurse = await pageOf({ width: 375, height: 812 });
    await nurse.goto(link);
    await nurse.getByRole('heading', { level: 1, name: 'Rejoindre une téléconsultation' }).waitFor();
    await nurse.getByRole('button', { name: 'Rejoindre la téléconsultation' }).click();
    await nurse.getByText('Indiquez votre profession.').waitFor();
    expect(await seriousViolations(nurse)).toEqual([]);
    await nurse.getByLabel('Vos prénom et nom').fill('Inès Garnier');
    await nurse.getByLabel('Votre profession').selectOption('nurse');
    await nurse.getByLabel('Cadre de votre assistance').selectOption('home-visit');
    await nurse.getByLabel('Numéro RPPS (11 chiffres, si vous en avez un)').fill('10101010101');
    await nurse.getByLabel('Où êtes-vous avec le patient ?').selectOption('home');
    await nurse.getByLabel('J’ai lu ces informations et je les accepte').check();
    await nurse.getByRole('button', { name: 'Rejoindre la téléconsultation' }).click();

    // A third peer: each side decodes the video of both others.
    await expect.poll(() => peersSeen(nurse), { timeout: 30_000 }).toBe(2);
    await expect.poll(() => peersSeen(gp), { timeout: 30_000 }).toBe(2);
    await expect.poll(() => peersSeen(patient), { timeout: 30_000 }).toBe(2);
    await gp.getByText('Inès Garnier (Infirmier·e)').first().waitFor();
    await patient.getByText('Inès Garnier (Infirmier·e)').first().waitFor();

    // An impossible value is refused on the page, naming the field; a plausible one reaches the doctor without a reload.
    const share = nurse.getByRole('region', { name: 'Partager une mesure' });
    await share.getByLabel('Systolique').fill('420');
    await share.getByLabel('Diastolique').fill('91');
    await share.getByRole('button', { name: 'Partager' }).click();
    await share.getByText(/^420 mm\[Hg\] est impossible pour pression systolique/).waitFor();
    await share.getByLabel('Systolique').fill('142');
    const sharedAt = Date.now();
    await share.getByRole('button', { name: 'Partager' }).click();
    await nurse.getByText('Mesure partagée : Pression artérielle 142/91 mmHg.').waitFor();
    const measurements = gp.getByRole('region', { name: 'Mesures partagées' });
    await measurements.locator('[data-measurement-kind="bloodPressure"]').getByText('142/91 mmHg').waitFor();
    process.stdout.write(`${JSON.stringify({ measurementSeenByDoctorMs: Date.now() - sharedAt })}\n`);
    await measurements.getByText('par Inès Garnier').waitFor();

    // The nurse's socket drops (her phone changes network): she joins again with a fresh token, and
    // her two connections restart ICE rather than being made again; she still sees both.
    const before = await connectionsOf(nurse);
    await nurse.evaluate(() =>
      (window as unknown as { sockets: WebSocket[] }).sockets.forEach((socket) => socket.readyState === WebSocket.OPEN && socket.close()),
    );
    await expect
      .poll(async () => (await connectionsOf(nurse)).ufrags.filter((ufrag) => !before.ufrags.includes(ufrag)).length, { timeout: 15_000 })
      .toBe(2);
    expect((await connectionsOf(nurse)).made).toBe(before.made);
    await expect.poll(() => peersSeen(nurse), { timeout: 15_000 }).toBe(2);

    // The link served once: opened again (another browser, once the call is over), it is refused with a clear page.
    await Promise.all([patient, gp, nurse].map((page) => page.context().close()));
    const again = await pageOf();
    await again.goto(link, { waitUntil: 'commit' });
    await again.getByRole('heading', { name: 'Ce lien ne permet pas d’entrer' }).waitFor();
    await again.getByText(/a déjà servi/).waitFor();
    expect(await seriousViolations(again)).toEqual([]);
    await again.context().close();
  }, 90_000);
});
