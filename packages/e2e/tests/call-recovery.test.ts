import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { videoAppointmentSoon } from '../src/appointments.js';
import { launchChromium } from '../src/chromium.js';
import { logInAs } from '../src/demo.js';
import { createPostgresDatabase, listening, startServer, type TestServer } from '../src/server.js';

const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres:test@127.0.0.1:5432/postgres';
// The appointment starting in minutes is written beside the running server: the server runs on PostgreSQL.
const postgres = await listening(POSTGRES_URL);
const PATIENT = 'camille.petit@demo.parcours.fr';
const GP = 'dr.martin@demo.parcours.fr';

/** Before any script of the app: keeps the page's peer connections and the call's room sockets, and counts the room's joins. */
const PROBE = () => {
  const probe = { connections: [] as RTCPeerConnection[], sockets: [] as WebSocket[], joins: 0 };
  (window as unknown as { callProbe: typeof probe }).callProbe = probe;
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(config?: RTCConfiguration) {
      super(config);
      probe.connections.push(this);
    }
  } as typeof RTCPeerConnection;
  const NativeSocket = window.WebSocket;
  window.WebSocket = class extends NativeSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      if (String(url).includes('token=')) probe.sockets.push(this);
      this.addEventListener('message', (event) => {
        const message = JSON.parse(String(event.data)) as { type: string; topic?: string };
        if (message.type === 'subscribed' && message.topic?.startsWith('room:')) probe.joins++;
      });
    }
  } as typeof WebSocket;
};

interface CallView {
  /** Peer connections the page made, and those still open. */
  made: number;
  open: number;
  /** Remote video frames decoded on the open connections. */
  frames: number;
  /** The ICE username fragments of the open connections' local descriptions (a new one after each ICE restart). */
  ufrags: string[];
  joins: number;
}

function viewOf(page: Page): Promise<CallView> {
  return page.evaluate(async () => {
    const probe = (window as unknown as { callProbe: { connections: RTCPeerConnection[]; joins: number } }).callProbe;
    const open = probe.connections.filter((pc) => pc.connectionState !== 'closed');
    let frames = 0;
    for (const pc of open) {
      (await pc.getStats()).forEach((report: { type: string; kind?: string; framesDecoded?: number }) => {
        if (report.type === 'inbound-rtp' && report.kind === 'video') frames += report.framesDecoded ?? 0;
      });
    }
    const ufrags = open.map((pc) => /^a=ice-ufrag:(.+)$/m.exec(pc.localDescription?.sdp ?? '')?.[1]?.trim() ?? '');
    return { made: probe.connections.length, open: open.length, frames, ufrags, joins: probe.joins };
  });
}

/** What this page sends its peers as video: the labels of its open connections' video tracks (null: none). */
function sentVideo(page: Page): Promise<(string | null)[]> {
  return page.evaluate(() =>
    (window as unknown as { callProbe: { connections: RTCPeerConnection[] } }).callProbe.connections
      .filter((pc) => pc.connectionState !== 'closed')
      .flatMap((pc) => pc.getTransceivers().filter((t) => t.receiver.track.kind === 'video'))
      .map((t) => t.sender.track?.label ?? null),
  );
}

/** Cuts the call's room socket from the page, as a network change would. */
function cutRoomSocket(page: Page): Promise<void> {
  return page.evaluate(() => {
    for (const socket of (window as unknown as { callProbe: { sockets: WebSocket[] } }).callProbe.sockets) {
      if (socket.readyState === WebSocket.OPEN) socket.close();
    }
  });
}

describe.skipIf(!postgres)('a call in Chromium survives its sockets being cut', () => {
  let server: TestServer;
  let browser: Browser;
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;

  beforeAll(async () => {
    database = await createPostgresDatabase();
    [server, browser] = await Promise.all([
      startServer({ DATABASE_URL: database.url }),
      // Two fake cameras (the switch), and the screen picked without a dialog (the practitioner's sharing).
      launchChromium({
        media: true,
        args: ['--use-fake-device-for-media-stream=device-count=2', '--auto-select-desktop-capture-source=Entire screen'],
      }),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  });

  async function person(role: 'patient' | 'practitioner'): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(PROBE);
    const page = await context.newPage();
    await logInAs(page, server.url, role);
    return page;
  }

  /** The patient checks in, the GP admits her, she consents and enters: both decode the other's video. */
  async function inCall(): Promise<{ patient: Page; gp: Page; appointmentId: string }> {
    const { appointmentId } = await videoAppointmentSoon(database.url, { patient: PATIENT, practitioner: GP, startsInMinutes: 3 });
    const [patient, gp] = await Promise.all([person('patient'), person('practitioner')]);
    await patient.goto(`${server.url}/teleconsultation/${appointmentId}`);
    await patient.getByRole('button', { name: 'Je suis arrivé·e' }).click();
    await patient.getByTestId('visit-state').getByText('Vous êtes en salle d’attente').waitFor();
    await gp.goto(`${server.url}/salle-d-attente`);
    await gp
      .locator(`[data-appointment-id="${appointmentId}"]`)
      .getByRole('button', { name: /^Faire entrer/ })
      .click();
    // Consent once: a second call of the same patient goes straight in.
    const agree = patient.getByLabel('J’ai lu ces informations et je consens à la téléconsultation');
    const enter = patient.getByRole('link', { name: 'Entrer dans la consultation' });
    await agree.or(enter).first().waitFor();
    if (await agree.isVisible()) {
      await agree.check();
      await patient.getByRole('button', { name: 'Donner mon consentement' }).click();
    }
    await enter.click();
    await expect.poll(async () => (await viewOf(patient)).frames, { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(async () => (await viewOf(gp)).frames, { timeout: 30_000 }).toBeGreaterThan(0);
    return { patient, gp, appointmentId };
  }

  /** After a cut: each page joined the room again, its connection is the same one, ICE restarted, and frames go on decoding on both sides. */
  async function recovered(pages: Page[], before: CallView[], cut: Page[]): Promise<CallView[]> {
    for (const [i, page] of pages.entries()) {
      if (cut.includes(page))
        await expect.poll(async () => (await viewOf(page)).joins, { timeout: 15_000 }).toBeGreaterThan(before[i]!.joins);
      // A new ICE username fragment on the same connection: ICE restarted, nothing was rebuilt.
      await expect.poll(async () => (await viewOf(page)).ufrags[0], { timeout: 15_000 }).not.toBe(before[i]!.ufrags[0]);
    }
    const after: CallView[] = [];
    for (const [i, page] of pages.entries()) {
      await expect.poll(async () => (await viewOf(page)).frames, { timeout: 15_000 }).toBeGreaterThan(before[i]!.frames + 30);
      const view = await viewOf(page);
      expect(view.made).toBe(before[i]!.made);
      expect(view.open).toBe(1);
      after.push(view);
    }
    return after;
  }

  it('rejoins the room with a fresh token and restarts ICE on the same connections: video, chat and toggles stay', async () => {
    const { patient, gp } = await inCall();
    await gp.getByLabel('Votre message').fill('Me voyez-vous bien ?');
    await gp.getByRole('button', { name: 'Envoyer' }).click();
    await patient.getByText('Me voyez-vous bien ?').waitFor();
    await patient.getByRole('button', { name: 'Couper le micro' }).click();

    // The patient's socket drops (her phone changes network): she comes back, the GP never left.
    let before: CallView[] = await Promise.all([viewOf(patient), viewOf(gp)]);
    await cutRoomSocket(patient);
    before = await recovered([patient, gp], before, [patient]);

    // Both sockets drop at once (a server node restarting).
    await Promise.all([cutRoomSocket(patient), cutRoomSocket(gp)]);
    await recovered([patient, gp], before, [patient, gp]);

    // The call's state went through: the chat, the muted microphone, no failure shown.
    await patient.getByText('Me voyez-vous bien ?').waitFor();
    await gp.getByText('Me voyez-vous bien ?').waitFor();
    await patient.getByRole('button', { name: 'Rétablir le micro' }).waitFor();
    expect(await patient.getByRole('alert').count()).toBe(0);
    await Promise.all([patient.context().close(), gp.context().close()]);
  }, 120_000);

  it('switches the patient’s camera, shares the practitioner’s screen and goes to audio alone, recorded on the visit, without renegotiating', async () => {
    const { patient, gp, appointmentId } = await inCall();
    const [gpCamera] = await sentVideo(gp);
    await gp.getByRole('button', { name: 'Partager mon écran' }).click();
    await gp.getByText('Vous partagez votre écran.').waitFor();
    await expect.poll(async () => (await sentVideo(gp))[0]).not.toBe(gpCamera);
    await gp.getByRole('button', { name: 'Arrêter le partage d’écran' }).click();
    await expect.poll(async () => (await sentVideo(gp))[0]).toBe(gpCamera);

    await patient.getByRole('button', { name: 'Passer en audio seul' }).click();
    await patient.getByTestId('audio-only').getByText('Appel en audio seul.').waitFor();
    await expect.poll(async () => (await sentVideo(patient))[0]).toBeNull();
    // Recorded on the visit once the page's request lands (the page says "audio seul" at once).
    const audioOnlyReason = () =>
      gp.evaluate(
        async (id) =>
          ((await (await fetch(`/api/v1/appointments/${id}/teleconsultation`)).json()) as { audioOnly: { reason: string } | null })
            .audioOnly?.reason,
        appointmentId,
      );
    await expect.poll(audioOnlyReason).toBe('chosen');
    await patient.getByRole('button', { name: 'Rétablir la vidéo' }).click();
    await expect.poll(async () => (await sentVideo(patient))[0]).toBeTruthy();
    // The other camera goes to the peers on the same sender. (Frames after a track is replaced by a new
    // capture are not asserted: in headless Chromium with fake cameras the encoder was seen to stop
    // after a few frames in some runs, cause not found yet.)
    await patient.getByRole('button', { name: 'Changer de caméra' }).click();
    await expect.poll(async () => (await sentVideo(patient))[0]).toBe('fake_device_1');
    expect((await viewOf(patient)).made).toBe(1);
    await Promise.all([patient.context().close(), gp.context().close()]);
  }, 90_000);
});
