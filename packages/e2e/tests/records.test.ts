import fs from 'node:fs/promises';
import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../src/chromium.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, logInAs } from '../src/demo.js';
import { startServer, type TestServer } from '../src/server.js';

describe('records in Chromium: the practitioner signs a report with a prescription; the patient downloads both; the treating doctor reads it in the inbox; the QR code’s page confirms the prescription', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function logIn(page: Page, email: string, totp: boolean): Promise<void> {
    await page.goto(server.url + '/connexion');
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    if (totp) {
      await page.getByLabel('Code de vérification').fill(await generate({ secret: DEMO_TOTP_SECRET }));
      await page.getByRole('button', { name: 'Vérifier' }).click();
    }
    await page.getByRole('button', { name: 'Se déconnecter' }).first().waitFor({ state: 'attached' });
  }

  it('goes from the agenda’s appointment to a signed, shared report, to the patient’s documents, the inbox and /verify', async () => {
    // Dr Martin, on a phone, opens the report of today's video consultation with Jean from the appointment's page.
    const doctor = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await logInAs(doctor, server.url, 'practitioner');
    // Past the second factor: the professional's menu is there.
    await doctor.getByRole('link', { name: 'Messagerie' }).first().waitFor({ state: 'attached' });
    const appointmentId = await doctor.evaluate(async () => {
      const from = new Date(Date.now() - 14 * 86_400_000).toISOString().slice(0, 10);
      const agenda = (await (await fetch(`/api/v1/agenda?from=${from}&days=15`)).json()) as {
        id: string;
        status: string;
        modality: string;
        patient: { name: string };
      }[];
      return agenda.filter((a) => a.status === 'completed' && a.modality === 'video' && a.patient.name.includes('MOREAU')).at(-1)!.id;
    });
    await doctor.goto(`${server.url}/rendez-vous/${appointmentId}`);
    await doctor.getByRole('link', { name: 'Compte rendu de la consultation' }).click();
    await doctor.getByRole('heading', { level: 1, name: 'Compte rendu de téléconsultation' }).waitFor();
    const narrative = doctor.getByLabel('Compte rendu de l’acte');
    await narrative.fill(`${await narrative.inputValue()}\nAngine érythémateuse, test rapide négatif.`);
    await doctor.getByLabel('Actes réalisés').fill('Téléconsultation vidéo');
    await doctor.getByLabel('Incidents techniques').fill('Aucun');

    await doctor.getByLabel('Médicament (DCI, dosage, forme)').fill('Paracétamol 1 g, comprimé');
    await doctor.getByLabel('Unité').fill('comprimé');
    await doctor.getByLabel('Prises par jour').fill('3');
    await doctor.getByLabel('Quantité à délivrer').fill('1 boîte de 8 comprimés');
    await doctor.getByRole('button', { name: 'Ajouter la prescription' }).click();
    const numberText = await doctor
      .getByText(/N° OR-/)
      .first()
      .textContent();
    const number = /OR-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(numberText ?? '')![0];

    // A 5-day sick leave by a doctor who is not the treating one: the rules refuse it, saying why.
    await doctor.getByLabel('Nombre de jours').fill('5');
    await doctor.getByLabel('Éléments d’ordre médical').fill('Angine fébrile');
    await doctor.getByRole('button', { name: 'Vérifier et préparer l’arrêt' }).click();
    await doctor
      .getByRole('alert')
      .getByText(/3 jours/)
      .waitFor();

    await doctor.getByRole('button', { name: 'Signer le compte rendu' }).click();
    await doctor.getByText(/^Signé le /).waitFor();
    await doctor.getByRole('checkbox', { name: /Benali/ }).check();
    await doctor.getByRole('button', { name: 'Adresser', exact: true }).click();
    await doctor.getByText(/^Adressé à .*Benali/).waitFor();

    // Jean finds both documents in « Mes documents », from his home, and downloads them.
    const patient = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await logIn(patient, 'jean.moreau@demo.parcours.fr', false);
    await patient
      .getByRole('main')
      .getByRole('link', { name: /Mes documents/ })
      .click();
    await patient.getByRole('heading', { level: 1, name: 'Mes documents' }).waitFor();
    for (const title of [`Ordonnance n° ${number}`, 'Compte rendu de téléconsultation']) {
      const [download] = await Promise.all([
        patient.waitForEvent('download'),
        patient
          .getByRole('link', { name: `Télécharger : ${title}` })
          .first()
          .click(),
      ]);
      const bytes = await fs.readFile((await download.path())!);
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }

    // Dr Benali finds the report in his inbox, unread, and reads it.
    const colleague = await browser.newPage();
    await logIn(colleague, 'dr.benali@demo.parcours.fr', true);
    await colleague.getByRole('link', { name: 'Messagerie' }).first().click();
    await colleague.getByRole('heading', { level: 1, name: 'Messagerie sécurisée' }).waitFor();
    await colleague
      .getByRole('link', { name: /Ouvrir le message de Claire Martin au sujet de Jean/ })
      .first()
      .click();
    await colleague.getByText('Angine érythémateuse, test rapide négatif.', { exact: false }).waitFor();

    // Anyone with the printed QR code: the verification page confirms the prescription, nothing else.
    const pharmacist = await browser.newPage();
    await pharmacist.goto(`${server.url}/verify/${number}`);
    await pharmacist.getByText('Document authentique').waitFor();
    await pharmacist.getByText('Statut : émis').waitFor();
    expect(await pharmacist.locator('main').innerText()).not.toMatch(/MOREAU|Paracétamol|Angine/);
  }, 120_000);
});
