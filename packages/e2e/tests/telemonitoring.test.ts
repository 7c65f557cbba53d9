import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailCatcher } from '../../server/src/platform/testing/smtp.js';
import { launchChromium } from '../src/chromium.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, logInAs, logInWith } from '../src/demo.js';
import { startServer, type TestServer } from '../src/server.js';

const HOUR = 3_600_000;

/** Dr Martin's API session outside the browser (password, then TOTP), as the enrolment screens would act. */
async function doctorSession(baseUrl: string) {
  let cookie = '';
  let csrf = '';
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(baseUrl + path, {
      method,
      headers: { 'content-type': 'application/json', cookie, ...(csrf ? { 'x-csrf-token': csrf } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = res.headers.getSetCookie().map((h) => h.split(';')[0]);
    if (setCookie.length) cookie = setCookie.join('; ');
    const text = await res.text();
    const json = (text ? JSON.parse(text) : null) as T & { csrfToken?: string };
    if (json && typeof json.csrfToken === 'string') csrf = json.csrfToken;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return json;
  };
  await call('POST', '/api/v1/auth/login', { email: 'dr.martin@demo.parcours.fr', password: DEMO_PASSWORD });
  await call('POST', '/api/v1/auth/second-factor/verify', { code: await generate({ secret: DEMO_TOTP_SECRET }) });
  return call;
}

/** A body weight Observation as a connected scale sends it. */
const weight = (id: string, kg: number, at: number) => ({
  resource: {
    resourceType: 'Observation',
    identifier: [{ system: 'urn:e2e:balance', value: id }],
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '29463-7' }] },
    effectiveDateTime: new Date(at).toISOString(),
    valueQuantity: { value: kg, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
  },
  request: { method: 'POST', url: 'Observation' },
});

describe('telemonitoring in Chromium: a scale posts a 2.5 kg gain in two days; the operator’s open dashboard shows the urgent alert without reload, the operator acknowledges it, the chart shows it', () => {
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

  /** Resolves once the page's live connection confirms it follows a telemonitoring topic (within 20 s). */
  function following(page: Page): Promise<void> {
    return new Promise((resolve, reject) => {
      setTimeout(() => reject(new Error('the dashboard did not follow its team')), 20_000);
      page.on('websocket', (socket) => {
        socket.on('framereceived', ({ payload }) => {
          const message = JSON.parse(String(payload)) as { type: string; topic?: string };
          if (message.type === 'subscribed' && message.topic?.startsWith('telemonitoring:')) resolve();
        });
      });
    });
  }

  it('raises the alert live, lets the operator acknowledge it, mails the operator without health data, and charts the reading', async () => {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await logInAs(page, server.url, 'practitioner');
    const live = following(page);
    await page.goto(server.url + '/telesurveillance');
    await page.getByRole('heading', { level: 1, name: 'Télésurveillance' }).waitFor();
    await page.getByRole('link', { name: 'Suivi de Jean MOREAU' }).first().waitFor();
    await live;
    // Anything that reloads the page would forget this.
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    expect(await page.locator('[data-testid="alert"][data-level="urgent"]').count()).toBe(1); // Camille's low glucose, seeded

    // The operator issues a credential for Jean's scale; the scale sends two days of weighings.
    const doctor = await doctorSession(server.url);
    const patients = await doctor<{ id: string; birthName: string }[]>('GET', '/api/v1/care/patients?q=moreau');
    const jeanId = patients[0]!.id;
    const monitoring = await doctor<{ enrolments: { id: string }[] }>('GET', `/api/v1/patients/${jeanId}/telemonitoring`);
    const credential = await doctor<{ token: string }>(
      'POST',
      `/api/v1/patients/${jeanId}/telemonitoring/enrolments/${monitoring.enrolments[0]!.id}/devices`,
      {
        label: 'Balance du salon',
      },
    );
    const now = Date.now();
    const sent = await fetch(`${server.url}/api/v1/telemonitoring/fhir`, {
      method: 'POST',
      headers: { authorization: `Bearer ${credential.token}`, 'content-type': 'application/fhir+json' },
      body: JSON.stringify({
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [weight('j-1', 78.0, now - 47 * HOUR), weight('j-2', 80.5, now - HOUR)],
      }),
    });
    expect(sent.status).toBe(200);

    // The urgent alert appears on the open dashboard, without reload.
    const alert = page.locator('[data-testid="alert"][data-level="urgent"]').filter({ hasText: /Poids : \+2,/ });
    await alert.waitFor({ timeout: 15_000 });
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(await alert.getAttribute('data-state')).toBe('open');

    // The operator acknowledges it.
    await alert.getByRole('button', { name: 'Prendre en compte' }).click();
    await expect.poll(() => alert.getAttribute('data-state')).toBe('acknowledged');
    await alert.getByText(/^Prise en compte le /).waitFor();

    // The operator was mailed: a link, no value, no name, no programme.
    const mailed = await mail.next('dr.martin@demo.parcours.fr', 20_000);
    expect(mailed.subject).toBe('Parcours : une alerte urgente de télésurveillance');
    expect(mailed.text).toContain(`/telesurveillance/patients/${jeanId}`);
    expect(mailed.text).not.toMatch(/Moreau|MOREAU|kg|poids|Poids|cardiaque/);

    // Jean's follow-up: the weight chart and its values, the new reading marked critical high.
    await page.getByRole('link', { name: 'Suivi de Jean MOREAU' }).first().click();
    await page.getByRole('heading', { level: 1, name: /Télésurveillance de MOREAU Jean/ }).waitFor();
    const chart = page.getByRole('region', { name: 'Poids (kg)' });
    await chart.getByRole('img', { name: 'Poids sur la période' }).waitFor();
    await chart.getByText('Voir les valeurs').click();
    const row = chart.getByRole('row').filter({ hasText: '80,5 kg' });
    await row.waitFor();
    expect(await row.textContent()).toContain('HH');
    await page.close();
  }, 120_000);

  it('enrols from « Mes patients »: the rules answer as the choices change, then a device credential is shown once', async () => {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await logInAs(page, server.url, 'practitioner');
    await page.getByRole('main').getByRole('link', { name: 'Mes patients' }).click();
    await page.getByRole('link', { name: 'Télésurveillance de MOREAU Jean' }).click();
    await page.getByRole('heading', { level: 1, name: /Télésurveillance de MOREAU Jean/ }).waitFor();
    await page.getByRole('button', { name: 'Inscrire à un autre programme' }).click();

    // A GP may not prescribe a cardiac implant's telemonitoring: the rules say so before anything is sent.
    const decision = page.getByTestId('eligibility');
    await page.getByLabel('Indication').selectOption('cardiac-implant');
    await decision.getByText('Non prescriptible :').waitFor();
    await decision.getByText(/cardiologue/).waitFor();
    // Renal failure, by the centre not yet declared to the ARS: possible, but nothing billable.
    await page.getByLabel('Indication').selectOption('renal-failure');
    await page.getByRole('radio', { name: 'Une structure de soins' }).check();
    await decision.getByText('Éligible, mais non facturable :').waitFor();
    await decision.getByText(/ARS/).waitFor();
    await page.getByLabel('Référence de la déclaration à l’ARS').fill('DS-2026-0042');
    await decision.getByText(/Éligible et facturable : forfait opérateur 28,00\s€ par mois/).waitFor();

    // Not without the patient told it is no emergency service.
    await page.getByRole('button', { name: 'Inscrire le patient' }).click();
    await page.getByText('Corrigez les champs signalés').first().waitFor();
    await page.getByRole('checkbox', { name: /pas un service d’urgence/ }).check();
    await page.getByRole('button', { name: 'Inscrire le patient' }).click();
    await page.getByRole('status').filter({ hasText: 'Patient inscrit.' }).waitFor();
    await page.getByRole('listitem').filter({ hasText: 'Insuffisance rénale' }).first().waitFor();

    // A credential for the new scale, shown once.
    await page.getByLabel('Nom de l’appareil').fill('Balance de la chambre');
    await page.getByRole('button', { name: 'Créer un identifiant d’appareil' }).click();
    expect(await page.getByTestId('device-token').textContent()).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    await page.getByRole('button', { name: 'Révoquer Balance de la chambre' }).click();
    await page.getByText(/Balance de la chambre \(révoqué\)/).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.close();
  }, 120_000);

  it('adjusts a patient’s alert rules: checked before sending, saved, reset to default; the missing-data alert stays on', async () => {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await logInAs(page, server.url, 'practitioner');
    await page.goto(server.url + '/telesurveillance');
    await page.getByRole('link', { name: 'Suivi de Jean MOREAU' }).first().click();
    const rules = page.getByRole('region', { name: 'Règles d’alerte — Insuffisance cardiaque' });
    const gain = rules.getByRole('group', { name: 'Prise de poids rapide' });
    const missing = rules.getByRole('group', { name: 'Données non transmises' });
    await gain.getByLabel('Hausse d’au moins (kg)').waitFor();
    expect(await gain.getByLabel('Hausse d’au moins (kg)').inputValue()).toBe('2');

    // The missing-data alert cannot be switched off, and the screen says why.
    expect(await missing.getByRole('switch', { name: 'Règle active' }).isDisabled()).toBe(true);
    await missing.getByText('ne peut pas être désactivée (référentiel LATM)', { exact: false }).waitFor();
    // Nor postponed past the referential's bound: the domain's own check, before anything is sent.
    await missing.getByLabel('Alerte urgente après (heures sans donnée)').fill('1000');
    await rules.getByRole('button', { name: 'Enregistrer les règles' }).click();
    await missing.getByText(/Délais de non-transmission invalides/).waitFor();
    await rules.getByRole('alert').filter({ hasText: 'Corrigez les réglages signalés.' }).waitFor();
    await missing.getByRole('button', { name: 'Rétablir « Données non transmises » par défaut' }).click();

    // A gain of 3 kg for this patient, saved; then the default again.
    await gain.getByLabel('Hausse d’au moins (kg)').fill('');
    await rules.getByRole('button', { name: 'Enregistrer les règles' }).click();
    await gain.getByText('Indiquez une valeur.').waitFor();
    await gain.getByLabel('Hausse d’au moins (kg)').fill('3');
    await rules.getByRole('button', { name: 'Enregistrer les règles' }).click();
    await rules.getByRole('status').filter({ hasText: 'Règles enregistrées.' }).waitFor();
    const doctor = await doctorSession(server.url);
    const jeanId = (await doctor<{ id: string }[]>('GET', '/api/v1/care/patients?q=moreau'))[0]!.id;
    const rulesOf = async () =>
      (
        await doctor<{ enrolments: { programme: string; rules: { id: string; settings: Record<string, unknown> }[] }[] }>(
          'GET',
          `/api/v1/patients/${jeanId}/telemonitoring`,
        )
      ).enrolments
        .find((e) => e.programme === 'heart-failure')!
        .rules.find((r) => r.id === 'weight-gain')!.settings;
    expect(await rulesOf()).toMatchObject({ rise: 3 });
    await rules.getByRole('button', { name: 'Tout rétablir par défaut' }).click();
    expect(await gain.getByLabel('Hausse d’au moins (kg)').inputValue()).toBe('2');
    await rules.getByRole('button', { name: 'Enregistrer les règles' }).click();
    await rules.getByRole('status').filter({ hasText: 'Règles enregistrées.' }).waitFor();
    expect(await rulesOf()).toMatchObject({ rise: 2 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.close();
  }, 120_000);

  it('reads the patient’s scale over Web Bluetooth into the reading form, for the patient to check and save', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    // A standard weight scale (Weight Scale service 0x181D, Weight Measurement 0x2A9D): SI, 78.4 kg = 15680 × 5 g.
    await context.addInitScript(() => {
      const characteristic = Object.assign(new EventTarget(), {
        value: undefined as DataView | undefined,
        async startNotifications() {
          setTimeout(() => {
            characteristic.value = new DataView(Uint8Array.from([0x00, 0x40, 0x3d]).buffer);
            characteristic.dispatchEvent(new Event('characteristicvaluechanged'));
          }, 100);
          return characteristic;
        },
        async writeValue() {},
      });
      const service = {
        getCharacteristic: async (uuid: number) => (uuid === 0x2a9d ? characteristic : Promise.reject(new Error('no such characteristic'))),
      };
      const device = Object.assign(new EventTarget(), {
        name: 'Balance Bluetooth',
        gatt: { connected: true, connect: async () => ({ getPrimaryService: async () => service }), disconnect() {} },
      });
      Object.defineProperty(Navigator.prototype, 'bluetooth', { get: () => ({ requestDevice: async () => device }) });
    });
    const page = await context.newPage();
    await logInWith(page, server.url, 'jean.moreau@demo.parcours.fr', false);
    await page.goto(server.url + '/ma-telesurveillance');
    const form = page.getByRole('region', { name: 'Saisir une mesure' });
    await form.getByRole('button', { name: 'Lire depuis un appareil Bluetooth' }).click();
    await form.getByText('Mesure lue sur Balance Bluetooth : vérifiez-la, puis enregistrez.').waitFor();
    expect(await form.getByLabel('Valeur (kg)').inputValue()).toBe('78,4');
    await form.getByRole('button', { name: 'Enregistrer la mesure' }).click();
    await form.getByRole('status').filter({ hasText: 'Mesure enregistrée.' }).waitFor();
    await context.close();
  }, 120_000);

  it('the patient answers her oncology questionnaire on her phone; a fever under treatment raises an urgent alert the operator sees', async () => {
    const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await logInAs(phone, server.url, 'patient');
    await phone.goto(server.url + '/ma-telesurveillance');
    const questionnaire = phone.getByRole('region', { name: 'Questionnaire de symptômes' });
    const answer = async (question: RegExp, choice: string) =>
      questionnaire.getByRole('radiogroup', { name: question }).getByRole('radio', { name: choice, exact: true }).check();
    await answer(/38 °C ou plus/, 'Oui');
    await questionnaire.getByLabel(/température la plus haute/).fill('38,7');
    await answer(/essoufflé/, 'Non');
    await answer(/saigné/, 'Non');
    await questionnaire.getByRole('button', { name: 'Suivant' }).click();
    await answer(/Diarrhée/, 'Pas de diarrhée');
    await answer(/Vomissements/, 'Pas de vomissement');
    await answer(/mal dans la bouche/, 'Non');
    await questionnaire.getByRole('button', { name: 'Suivant' }).click();
    await questionnaire.getByLabel(/douleur la plus forte/).fill('2');
    await answer(/fatigué/, 'Oui, le repos me soulage');
    await questionnaire.getByRole('button', { name: 'Terminer' }).click();
    const score = questionnaire.getByTestId('symptom-score');
    await score.getByText('Réponses transmises : l’équipe est alertée.').waitFor();
    expect(await score.getAttribute('data-level')).toBe('urgent');
    await score.getByText(/Fièvre ≥ 38 °C sous traitement \(38,7 °C\) : risque de neutropénie fébrile/).waitFor();
    await questionnaire
      .getByRole('alert')
      .filter({ hasText: /appelez sans attendre/ })
      .waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.close();

    // The operator's dashboard: Camille's symptom alert, urgent; her follow-up lists what the grade was made of.
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await logInAs(page, server.url, 'practitioner');
    await page.goto(server.url + '/telesurveillance');
    const alert = page.locator('[data-testid="alert"][data-level="urgent"]').filter({ hasText: 'Grade des symptômes à 3' });
    await alert.first().waitFor();
    await page.getByRole('link', { name: 'Suivi de Camille PETIT' }).first().click();
    const reports = page.getByRole('region', { name: 'Questionnaires de symptômes' });
    await reports
      .getByTestId('symptom-report')
      .first()
      .getByText(/neutropénie fébrile/)
      .waitFor();
    await page.close();
  }, 120_000);
});
