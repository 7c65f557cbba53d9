import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signLiveToken } from '../../server/src/platform/realtime/token.js';
import { videoAppointmentSoon } from '../src/appointments.js';
import { launchChromium } from '../src/chromium.js';
import { DEMO_PASSWORD, logInAs } from '../src/demo.js';
import { clusterServices, createPostgresDatabase, listening, startServer, type TestServer } from '../src/server.js';
import { startTurnServer, turnserver, type TurnServer } from '../src/turn.js';

const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres:test@127.0.0.1:5432/postgres';
// The test arranges a video appointment starting in minutes, which no booking rule offers: it writes
// it in the database beside the running server, so the server runs on PostgreSQL.
const postgres = await listening(POSTGRES_URL);
const SECRET = 'e2e-live-token-secret-of-at-least-32-bytes';
const PATIENT = 'camille.petit@demo.parcours.fr';
const GP = 'dr.martin@demo.parcours.fr';
/** A 1×1 PNG, to share in the call. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/**
 * Before any script of the app: keeps every RTCPeerConnection the page makes, and notes when the
 * room's socket confirmed the join and when each connection first decoded a remote video frame
 * (getStats polled every 20 ms), by the shared wall clock, and that frame's height.
 */
const PROBE = () => {
  const probe = { connections: [] as RTCPeerConnection[], joinedAt: 0, connectedAt: 0, firstFrameAt: 0, firstFrameHeight: 0 };
  (window as unknown as { callProbe: typeof probe }).callProbe = probe;
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(config?: RTCConfiguration) {
      // The relay test forces the TURN server's path, as a network blocking everything else would.
      const relayOnly = (window as unknown as { relayOnly?: boolean }).relayOnly;
      super(relayOnly ? { ...config, iceTransportPolicy: 'relay' } : config);
      probe.connections.push(this);
      this.addEventListener('connectionstatechange', () => {
        if (this.connectionState === 'connected' && !probe.connectedAt) probe.connectedAt = Date.now();
      });
      const timer = setInterval(async () => {
        if (this.connectionState === 'closed') return clearInterval(timer);
        const stats = await this.getStats();
        stats.forEach((report: { type: string; kind?: string; framesDecoded?: number; frameHeight?: number }) => {
          if (report.type === 'inbound-rtp' && report.kind === 'video' && (report.framesDecoded ?? 0) > 0 && !probe.firstFrameAt) {
            probe.firstFrameAt = Date.now();
            probe.firstFrameHeight = report.frameHeight ?? 0;
          }
        });
        if (probe.firstFrameAt) clearInterval(timer);
      }, 20);
    }
  } as typeof RTCPeerConnection;
  const NativeSocket = window.WebSocket;
  window.WebSocket = class extends NativeSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener('message', (event) => {
        const message = JSON.parse(String(event.data)) as { type: string; topic?: string };
        if (message.type === 'subscribed' && message.topic?.startsWith('room:')) probe.joinedAt = Date.now();
      });
    }
  } as typeof WebSocket;
};

interface Probe {
  joinedAt: number;
  connectedAt: number;
  firstFrameAt: number;
  firstFrameHeight: number;
}

/** The video frames this page's peer connections decoded from the other side. */
function framesDecoded(page: Page): Promise<number> {
  return page.evaluate(async () => {
    let frames = 0;
    for (const pc of (window as unknown as { callProbe: { connections: RTCPeerConnection[] } }).callProbe.connections) {
      const stats = await pc.getStats();
      stats.forEach((report: { type: string; kind?: string; framesDecoded?: number }) => {
        if (report.type === 'inbound-rtp' && report.kind === 'video') frames += report.framesDecoded ?? 0;
      });
    }
    return frames;
  });
}

/** How much each of the page's connections scales its camera down for sending (1: as captured). */
function sentVideoScales(page: Page): Promise<number[]> {
  return page.evaluate(() =>
    (window as unknown as { callProbe: { connections: RTCPeerConnection[] } }).callProbe.connections
      .filter((pc) => pc.connectionState !== 'closed')
      .flatMap((pc) => pc.getSenders().filter((sender) => sender.track?.kind === 'video'))
      .map((sender) => sender.getParameters().encodings[0]?.scaleResolutionDownBy ?? 1),
  );
}

const probeOf = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { callProbe: Probe }).callProbe && { ...(window as unknown as { callProbe: Probe }).callProbe },
  );

/** A POST from the page with the session's anti-CSRF token, as the app sends it. */
function postFromPage(page: Page, path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  return page.evaluate(async (path) => {
    const { csrfToken } = (await (await fetch('/api/v1/me')).json()) as { csrfToken: string };
    const response = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
      body: '{}',
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }, path);
}

/** How a WebSocket opened from the page with `token` ends: its close code. */
function closeCodeOf(page: Page, token: string): Promise<number> {
  return page.evaluate(
    (token) =>
      new Promise<number>((resolve) => {
        const socket = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/api/v1/live?token=${encodeURIComponent(token)}`);
        socket.onclose = (event) => resolve(event.code);
      }),
    token,
  );
}

describe.skipIf(!postgres)('the teleconsultation in Chromium: waiting room, consent, a peer-to-peer call with fake media', () => {
  let server: TestServer;
  let browser: Browser;
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;

  beforeAll(async () => {
    database = await createPostgresDatabase();
    [server, browser] = await Promise.all([
      startServer({ DATABASE_URL: database.url, LIVE_TOKEN_SECRET: SECRET }),
      launchChromium({ media: true }),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  });

  async function person(login: (page: Page) => Promise<void>, viewport = { width: 1280, height: 900 }): Promise<Page> {
    const context = await browser.newContext({ viewport });
    await context.addInitScript(PROBE);
    const page = await context.newPage();
    await login(page);
    return page;
  }

  it('checks in, follows postpone and admit live, consents, and both sides decode the other’s video; the practitioner ends the act', async () => {
    const { appointmentId } = await videoAppointmentSoon(database.url, { patient: PATIENT, practitioner: GP, startsInMinutes: 5 });
    // The patient, on a phone, from "Mes rendez-vous".
    const patient = await person((page) => logInAs(page, server.url, 'patient'), { width: 390, height: 844 });
    await patient.goto(server.url + '/mes-rendez-vous');
    await patient.locator(`a[href="/teleconsultation/${appointmentId}"]`).click();
    await patient.getByRole('heading', { level: 1, name: 'Salle d’attente de la téléconsultation' }).waitFor();
    // Nothing below reloads the page: this mark would go.
    await patient.evaluate(() => ((window as unknown as { unreloaded: boolean }).unreloaded = true));
    await patient.getByRole('button', { name: 'Je suis arrivé·e' }).click();
    await patient.getByTestId('visit-state').getByText('Vous êtes en salle d’attente').waitFor();

    // The device test: a preview and a moving microphone level.
    await patient.getByRole('button', { name: 'Lancer le test' }).click();
    await patient.getByText('Caméra et micro fonctionnent.').waitFor();
    await patient.getByLabel('Caméra', { exact: true }).waitFor();

    // The GP's waiting room, from her menu.
    const gp = await person((page) => logInAs(page, server.url, 'practitioner'));
    await gp.getByRole('link', { name: 'Salle d’attente' }).first().click();
    await gp.getByRole('heading', { level: 1, name: 'Salle d’attente' }).waitFor();
    const card = gp.locator(`[data-appointment-id="${appointmentId}"]`);
    await card.getByText('En attente').waitFor();
    await card.getByText(/Arrivé·e à \d\d:\d\d/).waitFor();

    await card.getByRole('button', { name: /^Reporter/ }).click();
    const dialog = gp.getByRole('dialog', { name: 'Reporter la téléconsultation' });
    await dialog.getByLabel('Message au patient (facultatif)').fill('Je termine une consultation');
    await dialog.getByRole('button', { name: 'Reporter' }).click();
    await patient.getByText('Message du praticien : Je termine une consultation').waitFor();

    await card.getByRole('button', { name: /^Faire entrer/ }).click();
    await gp.getByRole('heading', { level: 1, name: 'Téléconsultation' }).waitFor();
    await patient.getByText('Le praticien vous attend.').waitFor();
    expect(await patient.evaluate(() => (window as unknown as { unreloaded?: boolean }).unreloaded)).toBe(true);

    // Consent, then in.
    await patient.getByRole('button', { name: 'Donner mon consentement' }).click();
    await patient.getByText('Cochez la case pour donner votre consentement.').waitFor();
    await patient.getByLabel('J’ai lu ces informations et je consens à la téléconsultation').check();
    await patient.getByRole('button', { name: 'Donner mon consentement' }).click();
    await patient.getByRole('link', { name: 'Entrer dans la consultation' }).click();

    await expect.poll(() => framesDecoded(patient), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => framesDecoded(gp), { timeout: 30_000 }).toBeGreaterThan(0);
    const [p, g] = [(await probeOf(patient))!, (await probeOf(gp))!];
    const bothJoined = Math.max(p.joinedAt, g.joinedAt);
    const firstFrame = { patient: p.firstFrameAt - bothJoined, practitioner: g.firstFrameAt - bothJoined };
    const connected = { patient: p.connectedAt - bothJoined, practitioner: g.connectedAt - bothJoined };
    process.stdout.write(
      `${JSON.stringify({ ttffMs: firstFrame, connectedMs: connected, worstMs: Math.max(firstFrame.patient, firstFrame.practitioner) })}\n`,
    );

    // The video starts light (180p, a quick first frame), then goes to the camera's 720p.
    for (const height of [p.firstFrameHeight, g.firstFrameHeight]) {
      expect(height).toBeGreaterThan(0);
      expect(height).toBeLessThanOrEqual(180);
    }
    await expect.poll(() => sentVideoScales(patient), { timeout: 10_000 }).toEqual([1]);
    await expect.poll(() => sentVideoScales(gp), { timeout: 10_000 }).toEqual([1]);

    // Chat, peer to peer.
    await gp.getByLabel('Votre message').fill('Bonjour, je vous entends bien ?');
    await gp.getByRole('button', { name: 'Envoyer' }).click();
    await patient.getByText('Bonjour, je vous entends bien ?').waitFor();

    // A file shared from the phone, through the server (kept in the record): the GP sees it live,
    // with its thumbnail, and downloads it as it was sent.
    const [chooser] = await Promise.all([
      patient.waitForEvent('filechooser'),
      patient.getByRole('button', { name: 'Partager un fichier' }).click(),
    ]);
    await chooser.setFiles({ name: 'gorge.png', mimeType: 'image/png', buffer: PNG });
    await patient.getByText('Vous avez partagé un fichier :').waitFor();
    const shared = gp.getByRole('link', { name: /^Télécharger gorge\.png/ });
    await shared.waitFor();
    await gp.getByRole('img', { name: 'Aperçu de gorge.png' }).waitFor();
    const [download] = await Promise.all([gp.waitForEvent('download'), shared.click()]);
    expect(download.suggestedFilename()).toBe('gorge.png');
    expect(fs.readFileSync(await download.path()).equals(PNG)).toBe(true);

    // The patient leaves and comes back, ten times: each time both sides decode the other's video
    // again, and the time from both joined to the first remote frame is measured.
    const calls = [Math.max(firstFrame.patient, firstFrame.practitioner)];
    for (let call = 1; call < 10; call++) {
      await patient.getByRole('button', { name: 'Quitter' }).click();
      await patient.getByText('Vous avez quitté l’appel.').waitFor();
      await Promise.all(
        [patient, gp].map((page) =>
          page.evaluate(() =>
            Object.assign((window as unknown as { callProbe: Probe }).callProbe, { joinedAt: 0, connectedAt: 0, firstFrameAt: 0 }),
          ),
        ),
      );
      await patient.getByRole('button', { name: 'Revenir dans l’appel' }).click();
      // (A closed connection reports no more stats: the frames counted now are the new call's.)
      await expect.poll(() => framesDecoded(patient), { timeout: 30_000 }).toBeGreaterThan(0);
      await expect.poll(() => framesDecoded(gp), { timeout: 30_000 }).toBeGreaterThan(0);
      await expect.poll(async () => Math.min((await probeOf(patient))!.firstFrameAt, (await probeOf(gp))!.firstFrameAt)).toBeGreaterThan(0);
      const [again, gpAgain] = [(await probeOf(patient))!, (await probeOf(gp))!];
      // The practitioner stayed in the room: the patient's join is when both are there again.
      calls.push(Math.max(again.firstFrameAt, gpAgain.firstFrameAt) - again.joinedAt);
    }
    const sorted = [...calls].sort((x, y) => x - y);
    process.stdout.write(`${JSON.stringify({ ttffCallsMs: calls, medianMs: (sorted[4]! + sorted[5]!) / 2 })}\n`);

    // The GP ends the act, noting an incident; the patient's call closes.
    await gp.getByLabel('Incident technique (facultatif)').fill('Coupure brève du côté patient');
    await gp.getByRole('button', { name: 'Terminer la téléconsultation' }).click();
    await gp.getByRole('heading', { level: 1, name: 'Salle d’attente' }).waitFor();
    await patient.getByText('Le praticien a terminé la téléconsultation.').waitFor();
    const quality = await gp.evaluate(
      async (id) =>
        (await (await fetch(`/api/v1/appointments/${id}/teleconsultation/quality`)).json()) as { side: string; samples: number }[],
      appointmentId,
    );
    expect(quality.map((q) => q.side).sort()).toEqual(['patient', 'practitioner']);
    await Promise.all([patient.context().close(), gp.context().close()]);
  }, 240_000);

  it('carries a cancellation to the patient’s page live, and refuses a user of another appointment and an expired token', async () => {
    const { appointmentId } = await videoAppointmentSoon(database.url, { patient: PATIENT, practitioner: GP, startsInMinutes: -40 });
    const patient = await person((page) => logInAs(page, server.url, 'patient'));
    await patient.goto(`${server.url}/teleconsultation/${appointmentId}`);
    await patient.getByRole('button', { name: 'Je suis arrivé·e' }).click();
    await patient.getByTestId('visit-state').getByText('Vous êtes en salle d’attente').waitFor();

    const gp = await person((page) => logInAs(page, server.url, 'practitioner'));
    await gp.goto(server.url + '/salle-d-attente');
    const card = gp.locator(`[data-appointment-id="${appointmentId}"]`);
    await card.getByRole('button', { name: /^Annuler/ }).click();
    const dialog = gp.getByRole('dialog', { name: 'Annuler la téléconsultation' });
    await dialog.getByLabel('Message au patient (facultatif)').fill('Urgence au cabinet');
    await dialog.getByRole('button', { name: 'Annuler le rendez-vous' }).click();
    await patient.getByText(/Cette téléconsultation a été annulée\..*Urgence au cabinet/).waitFor();
    await gp.getByText('Personne n’attend pour le moment.').waitFor();

    // Jean, a patient of another appointment: no token for this one, no call page, and Camille's token opens nothing for him.
    const jean = await person(async (page) => {
      await page.goto(server.url + '/connexion');
      await page.getByLabel('Adresse e-mail').fill('jean.moreau@demo.parcours.fr');
      await page.getByLabel('Mot de passe', { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('button', { name: 'Se déconnecter' }).first().waitFor({ state: 'attached' });
    });
    expect((await postFromPage(jean, `/api/v1/appointments/${appointmentId}/teleconsultation/room-token`)).status).toBe(404);
    await jean.goto(`${server.url}/teleconsultation/${appointmentId}/appel`);
    await jean.getByRole('alert').first().waitFor();
    expect(await framesDecoded(jean)).toBe(0);

    const camilleAccount = await patient.evaluate(async () => ((await (await fetch('/api/v1/me')).json()) as { id: string }).id);
    const room = `room:${appointmentId}`;
    const camilles = await signLiveToken(SECRET, { topic: room, subject: `account:${camilleAccount}` });
    expect(await closeCodeOf(jean, camilles)).toBe(4401);
    const expired = await signLiveToken(SECRET, { topic: room, subject: `account:${camilleAccount}` }, 1);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect(await closeCodeOf(patient, expired)).toBe(4401);
    await Promise.all([patient.context().close(), gp.context().close(), jean.context().close()]);
  });
});

const cluster = await clusterServices();

describe.skipIf(!cluster)('the teleconsultation across two server nodes joined by NATS', () => {
  let nodeA: TestServer;
  let nodeB: TestServer;
  let browser: Browser;
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;

  beforeAll(async () => {
    database = await createPostgresDatabase();
    const env = { DATABASE_URL: database.url, NATS_URL: cluster!.nats, LIVE_TOKEN_SECRET: SECRET };
    [nodeA, browser] = await Promise.all([startServer(env), launchChromium({ media: true })]);
    // Node A migrated the database and seeded the demo: node B joins it as it is.
    nodeB = await startServer(env, { demo: false });
  });
  afterAll(async () => {
    await browser?.close();
    await nodeB?.stop();
    await nodeA?.stop();
    await database?.drop();
  });

  it(
    'the patient on node A and the practitioner on node B meet: the waiting room, the admit and the call cross nodes',
    { timeout: 120_000 },
    async () => {
      const { appointmentId } = await videoAppointmentSoon(database.url, { patient: PATIENT, practitioner: GP, startsInMinutes: 3 });
      const contextOf = async () => {
        const context = await browser.newContext();
        await context.addInitScript(PROBE);
        return context.newPage();
      };
      const patient = await contextOf();
      await logInAs(patient, nodeA.url, 'patient');
      await patient.goto(`${nodeA.url}/teleconsultation/${appointmentId}`);
      await patient.getByRole('button', { name: 'Je suis arrivé·e' }).click();

      const gp = await contextOf();
      await logInAs(gp, nodeB.url, 'practitioner');
      await gp.goto(`${nodeB.url}/salle-d-attente`);
      const card = gp.locator(`[data-appointment-id="${appointmentId}"]`);
      await card.getByText('En attente').waitFor();
      await card.getByRole('button', { name: /^Faire entrer/ }).click();
      await patient.getByText('Le praticien vous attend.').waitFor();
      await patient.getByLabel('J’ai lu ces informations et je consens à la téléconsultation').check();
      await patient.getByRole('button', { name: 'Donner mon consentement' }).click();
      await patient.getByRole('link', { name: 'Entrer dans la consultation' }).click();
      await expect.poll(() => framesDecoded(patient), { timeout: 30_000 }).toBeGreaterThan(0);
      await expect.poll(() => framesDecoded(gp), { timeout: 30_000 }).toBeGreaterThan(0);
      await Promise.all([patient.context().close(), gp.context().close()]);
    },
  );
});

/** The kinds of the local candidates of the pairs this page's connections selected (`host`, `relay`…). */
function selectedCandidateTypes(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const types: string[] = [];
    for (const pc of (window as unknown as { callProbe: { connections: RTCPeerConnection[] } }).callProbe.connections) {
      const reports = new Map<string, Record<string, string | undefined>>();
      (await pc.getStats()).forEach((report: Record<string, string | undefined>) => reports.set(report.id!, report));
      for (const report of reports.values()) {
        if (report.type !== 'transport' || !report.selectedCandidatePairId) continue;
        const pair = reports.get(report.selectedCandidatePairId)!;
        types.push(reports.get(pair.localCandidateId!)!.candidateType!);
      }
    }
    return types;
  });
}

describe.skipIf(!postgres || !turnserver)('the teleconsultation relayed through a TURN server (coturn on loopback)', () => {
  let server: TestServer;
  let browser: Browser;
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let coturn: TurnServer;
  const TURN_SECRET = 'e2e-turn-rest-shared-secret';

  beforeAll(async () => {
    // TURN REST credentials (use-auth-secret): the server signs them with the secret coturn shares.
    coturn = await startTurnServer(TURN_SECRET, { min: 49160, max: 49200 });
    database = await createPostgresDatabase();
    [server, browser] = await Promise.all([
      startServer({ DATABASE_URL: database.url, LIVE_TOKEN_SECRET: SECRET, TURN_URLS: coturn.url, TURN_SECRET }),
      launchChromium({ media: true }),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    coturn?.stop();
    await database?.drop();
  });

  it('connects the call through the relay alone, with the time-limited credentials the server gave', async () => {
    const { appointmentId } = await videoAppointmentSoon(database.url, { patient: PATIENT, practitioner: GP, startsInMinutes: 3 });
    const contextOf = async () => {
      const context = await browser.newContext();
      await context.addInitScript(() => ((window as unknown as { relayOnly: boolean }).relayOnly = true));
      await context.addInitScript(PROBE);
      return context.newPage();
    };
    const patient = await contextOf();
    await logInAs(patient, server.url, 'patient');
    await patient.goto(`${server.url}/teleconsultation/${appointmentId}`);
    await patient.getByRole('button', { name: 'Je suis arrivé·e' }).click();
    await patient.getByTestId('visit-state').getByText('Vous êtes en salle d’attente').waitFor();
    const gp = await contextOf();
    await logInAs(gp, server.url, 'practitioner');
    await gp.goto(`${server.url}/salle-d-attente`);
    await gp
      .locator(`[data-appointment-id="${appointmentId}"]`)
      .getByRole('button', { name: /^Faire entrer/ })
      .click();
    await patient.getByLabel('J’ai lu ces informations et je consens à la téléconsultation').check();
    await patient.getByRole('button', { name: 'Donner mon consentement' }).click();
    await patient.getByRole('link', { name: 'Entrer dans la consultation' }).click();
    await expect.poll(() => framesDecoded(patient), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => framesDecoded(gp), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await selectedCandidateTypes(patient)).toEqual(['relay']);
    expect(await selectedCandidateTypes(gp)).toEqual(['relay']);
    await Promise.all([patient.context().close(), gp.context().close()]);
  });
});
