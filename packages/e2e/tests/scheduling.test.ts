import ICAL from 'ical.js';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailCatcher } from '../../server/src/platform/testing/smtp.js';
import { firstSlotWith } from '../src/booking.js';
import { launchChromium } from '../src/chromium.js';
import { logInAs } from '../src/demo.js';
import { startServer, type TestServer } from '../src/server.js';

describe('scheduling in Chromium: a patient books a video slot with a GP, whose open agenda shows it without reload; the GP books for a patient', () => {
  let server: TestServer;
  let browser: Browser;
  let mail: Awaited<ReturnType<typeof startMailCatcher>>;
  beforeAll(async () => {
    mail = await startMailCatcher();
    [server, browser] = await Promise.all([startServer({ SMTP_URL: mail.url }), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await mail?.close();
  });

  it('finds the slot, shows its estimate, books it, mails the .ics, lists it in "Mes rendez-vous", and the agenda follows live; the GP books a follow-up for a patient', async () => {
    // The GP has her agenda open (this week) before anything is booked.
    const gp = await (await browser.newContext()).newPage();
    await logInAs(gp, server.url, 'practitioner');
    await gp.goto(server.url + '/agenda');
    await gp.getByRole('heading', { level: 1, name: 'Mon agenda' }).waitFor();
    await gp.getByText('Semaine').click();
    await gp.getByText('Mises à jour en direct').waitFor();

    // The patient, on a phone.
    const patient = await (await browser.newContext({ viewport: { width: 375, height: 800 } })).newPage();
    await logInAs(patient, server.url, 'patient');
    await patient.goto(server.url + '/prendre-rendez-vous');
    await patient.getByRole('heading', { level: 1, name: 'Prendre rendez-vous' }).waitFor();
    await patient.getByLabel('Spécialité').selectOption('general-practice');
    const slot = await firstSlotWith(patient, 'Claire Martin');
    const time = (await slot.textContent())!.trim();
    await slot.click();

    const dialog = patient.getByRole('dialog', { name: 'Confirmer le rendez-vous' });
    const summary = dialog.getByText(/Vidéo avec Claire Martin/);
    await summary.waitFor();
    const day = /^(.+) à \d\d:\d\d/.exec((await summary.textContent())!)![1]!;
    await dialog.getByRole('radio', { name: 'm’a orienté(e) vers ce praticien' }).check();
    await expect.poll(async () => (await dialog.getByTestId('verdict').textContent())?.trim()).toBe('Remboursée par l’Assurance Maladie');
    await dialog.getByRole('button', { name: 'Confirmer le rendez-vous' }).click();
    await dialog.getByText(/Rendez-vous confirmé/).waitFor();
    expect(await patient.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // The confirmation mail, with the event at the slot's wall time in its own VTIMEZONE.
    const confirmation = await mail.next('camille.petit@demo.parcours.fr', 30_000);
    expect(confirmation.subject).toMatch(/^Rendez-vous confirmé — .* à \d\d:\d\d \(heure de Paris\)$/);
    expect(confirmation.subject).toContain(time);
    const ics = confirmation.attachments.find((a) => a.filename.endsWith('.ics'))!.content;
    const calendar = new ICAL.Component(ICAL.parse(ics));
    expect(calendar.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Europe/Paris');
    const start = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!).startDate;
    expect(`${String(start.hour).padStart(2, '0')}:${String(start.minute).padStart(2, '0')}`).toBe(time);
    expect(start.zone?.tzid).toBe('Europe/Paris');

    // "Mes rendez-vous".
    await patient.goto(server.url + '/mes-rendez-vous');
    await patient.getByRole('heading', { level: 1, name: 'Mes rendez-vous' }).waitFor();
    const card = patient.getByRole('article').filter({ hasText: time }).filter({ hasText: 'Claire Martin' });
    await card.first().waitFor();
    expect(await card.first().getByRole('link', { name: 'Ajouter à mon agenda' }).getAttribute('href')).toMatch(/calendar\.ics$/);

    // The GP's agenda, never reloaded, shows Camille at that time.
    const entry = gp.getByRole('region', { name: day }).getByRole('article', { name: `${time} Camille PETIT` });
    await entry.waitFor({ timeout: 20_000 });
    // Before its time an appointment cannot be marked missed (the server would refuse): no "Absent", and when it can be.
    await entry.getByRole('button', { name: 'Patient arrivé' }).waitFor();
    expect(await entry.getByRole('button', { name: 'Absent' }).count()).toBe(0);
    await entry.getByText(`« Absent » : possible à partir de ${time}`, { exact: false }).waitFor();
    // Its page: the history says who booked it; the way back is to the agenda.
    await entry.getByRole('link', { name: 'Détails' }).click();
    await gp.getByRole('heading', { level: 1, name: 'Rendez-vous' }).waitFor();
    await gp.getByText(/Réservé par le patient/).waitFor();
    await gp.getByRole('link', { name: 'Retour à mon agenda' }).click();
    await gp.getByRole('heading', { level: 1, name: 'Mon agenda' }).waitFor();

    // From her agenda, the GP books a follow-up in her own agenda on behalf of Jean, whom she follows.
    await gp.getByRole('main').getByRole('link', { name: 'Rendez-vous pour un patient' }).click();
    await gp.getByRole('heading', { level: 1, name: 'Rendez-vous pour un patient' }).waitFor();
    await gp.getByLabel('Patient', { exact: true }).selectOption({ label: 'MOREAU Jean' });
    const followUp = await firstSlotWith(gp, 'Claire Martin');
    await followUp.click();
    const booking = gp.getByRole('dialog', { name: 'Réserver pour MOREAU Jean' });
    await booking.getByText(/Vidéo avec Claire Martin/).waitFor();
    await booking.getByRole('button', { name: 'Réserver le rendez-vous' }).click();
    await booking.getByText('Rendez-vous réservé pour MOREAU Jean', { exact: false }).waitFor();
    const booked = await gp.evaluate(async () => {
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
      const agenda = (await (await fetch(`/api/v1/agenda?from=${today}&days=14`)).json()) as {
        patient: { name: string };
        bookedAs: string;
        status: string;
      }[];
      return agenda.filter((a) => a.patient.name === 'Jean MOREAU' && a.bookedAs === 'practitioner' && a.status === 'booked').length;
    });
    expect(booked).toBe(1);
  });
});
