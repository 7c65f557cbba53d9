import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../src/chromium.js';
import { logInAs, type SignedInRole } from '../src/demo.js';
import { appPages, type AppPage, type Role } from '../src/routes.js';
import { startServer, type TestServer } from '../src/server.js';

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const WIDTHS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 900 },
] as const;

/** The practitioner first: the patients' access histories then have entries to show. */
const ROLES: readonly Role[] = ['visitor', 'practitioner', 'admin', 'regulator', 'patient'];

/** How to open a page whose address has parameters, and as whom. A new such page needs a line here. */
const PARAMETERS: Record<string, { role: SignedInRole; address: (page: Page) => Promise<string> }> = {
  '/patients/:patientId/facturation': {
    role: 'practitioner',
    address: async (page) => {
      const patients = await page.evaluate(() => fetch('/api/v1/care/patients').then((r) => r.json() as Promise<{ id: string }[]>));
      return `/patients/${patients[0]!.id}/facturation`;
    },
  },
  '/telesurveillance/patients/:patientId': {
    role: 'practitioner',
    address: async (page) => {
      const dashboard = await page.evaluate(() =>
        fetch('/api/v1/telemonitoring/dashboard').then((r) => r.json() as Promise<{ patients: { patientId: string }[] }>),
      );
      return `/telesurveillance/patients/${dashboard.patients[0]!.patientId}`;
    },
  },
  // The patient's waiting room and call page of her next video appointment (not yet open: the state is shown).
  '/teleconsultation/:appointmentId': {
    role: 'patient',
    address: async (page) => `/teleconsultation/${await nextVideoAppointment(page)}`,
  },
  '/teleconsultation/:appointmentId/appel': {
    role: 'patient',
    address: async (page) => `/teleconsultation/${await nextVideoAppointment(page)}/appel`,
  },
  // Her answers to the questionnaire, given again before that call.
  '/rendez-vous/:appointmentId/questionnaire': {
    role: 'patient',
    address: async (page) => `/rendez-vous/${await nextVideoAppointment(page)}/questionnaire`,
  },
  '/rendez-vous/:appointmentId': {
    role: 'patient',
    address: async (page) => {
      const id = await page.evaluate(async () => {
        const me = (await (await fetch('/api/v1/me')).json()) as { patients: { id: string }[] };
        const list = (await (await fetch(`/api/v1/patients/${me.patients[0]!.id}/appointments`)).json()) as { id: string }[];
        return list[0]!.id;
      });
      return `/rendez-vous/${id}`;
    },
  },
  // Records: Dr Martin's report of his last video consultation with Jean (opened as a draft), the
  // demo's message from Dr Benali in his inbox, and the demo prescription's verification page.
  '/rendez-vous/:appointmentId/compte-rendu': {
    role: 'practitioner',
    address: async (page) => `/rendez-vous/${await lastVideoActWithJean(page)}/compte-rendu`,
  },
  '/messagerie/:messageId': {
    role: 'practitioner',
    address: async (page) => {
      const inbox = await page.evaluate(() => fetch('/api/v1/records/inbox').then((r) => r.json() as Promise<{ id: string }[]>));
      return `/messagerie/${inbox[0]!.id}`;
    },
  },
  '/verify/:number': {
    role: 'practitioner',
    address: async (page) => {
      const number = await page.evaluate(async () => {
        const patients = (await (await fetch('/api/v1/care/patients?q=moreau')).json()) as { id: string }[];
        const documents = (await (await fetch(`/api/v1/patients/${patients[0]!.id}/documents`)).json()) as {
          kind: string;
          title: string;
        }[];
        return /OR-[0-9A-Z-]{14}/.exec(documents.find((d) => d.kind === 'prescription')!.title)![0];
      });
      return `/verify/${number}`;
    },
  },
};

/** Dr Martin's last completed video consultation with Jean (the demo's). */
async function lastVideoActWithJean(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const from = new Date(Date.now() - 14 * 86_400_000).toISOString().slice(0, 10);
    const agenda = (await (await fetch(`/api/v1/agenda?from=${from}&days=15`)).json()) as {
      id: string;
      status: string;
      modality: string;
      patient: { name: string };
    }[];
    return agenda.filter((a) => a.status === 'completed' && a.modality === 'video' && a.patient.name.includes('MOREAU')).at(-1)!.id;
  });
}

/** The signed-in patient's next video appointment. */
async function nextVideoAppointment(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const me = (await (await fetch('/api/v1/me')).json()) as { patients: { id: string }[] };
    const list = (await (await fetch(`/api/v1/patients/${me.patients[0]!.id}/appointments?when=upcoming`)).json()) as {
      id: string;
      modality: string;
      status: string;
    }[];
    return list.find((a) => a.modality === 'video' && a.status === 'booked')!.id;
  });
}

/** A page in a state worth checking too: a result shown after answering its questions. */
const ANSWERED: Record<string, (page: Page) => Promise<void>> = {
  '/estimation': async (page) => {
    await page.getByRole('radio', { name: 'm’a orienté(e) vers ce praticien' }).check();
    await page.getByRole('button', { name: 'Estimer mon remboursement' }).click();
    await page.getByTestId('verdict').waitFor();
  },
  // The confirmation of a slot, with its estimate.
  '/prendre-rendez-vous': async (page) => {
    const days = page.getByRole('group', { name: 'Jour' }).getByRole('button');
    const slots = page.getByRole('button', { name: /^\d\d:\d\d avec / });
    for (let day = 0; day < 14 && (await slots.count()) === 0; day++) {
      await days.nth(day).click();
      await page
        .getByText(/Aucun créneau libre/)
        .or(slots.first())
        .waitFor();
    }
    await slots.first().click();
    await page.getByRole('dialog').getByTestId('verdict').waitFor();
  },
  // A professional's booking for a patient: the slot chosen, before confirming.
  '/agenda/nouveau-rendez-vous': async (page) => {
    const days = page.getByRole('group', { name: 'Jour' }).getByRole('button');
    const slots = page.getByRole('button', { name: /^\d\d:\d\d avec / });
    for (let day = 0; day < 14 && (await slots.count()) === 0; day++) {
      await days.nth(day).click();
      await page
        .getByText(/Aucun créneau libre/)
        .or(slots.first())
        .waitFor();
    }
    await slots.first().click();
    await page.getByRole('dialog').getByRole('button', { name: 'Réserver le rendez-vous' }).waitFor();
  },
  '/patients/:patientId/facturation': async (page) => {
    await page.getByRole('radio', { name: 'L’a orienté' }).check();
    await page.getByRole('radio', { name: 'Oui' }).check();
    await page.getByRole('button', { name: 'Obtenir la décision de facturation' }).click();
    await page.getByTestId('billing-headline').waitFor();
  },
};

/** The pages a role opens: its menu's, the public ones for a visitor, the home and an unknown address for all. */
function pagesOf(role: Role, pages: readonly AppPage[]): AppPage[] {
  return pages.filter((page) => {
    if (page.path === '/' || page.path === '*') return true;
    if (role === 'visitor') return !page.signedIn && !page.path.includes(':');
    if (page.menuRoles.includes(role)) return true;
    return PARAMETERS[page.path]?.role === role;
  });
}

interface Finding {
  where: string;
  rule: string;
  impact: string;
  targets: string[];
}

/** axe-core's serious and critical violations on the page as it is now. */
async function axe(page: Page, where: string): Promise<Finding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const result = await (
      window as unknown as {
        axe: {
          run(context: Document): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }>;
        };
      }
    ).axe.run(document);
    return result.violations.map((v) => ({ id: v.id, impact: v.impact ?? '', targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ where, rule: v.id, impact: v.impact, targets: v.targets.slice(0, 5) }));
}

/** What lies beyond the right edge of the screen (a table column only a sideways scroll would show). */
async function beyondTheScreen(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    for (const element of Array.from(document.querySelectorAll('main *'))) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || !(element as HTMLElement).innerText?.trim()) continue;
      if (element.children.length > 0 && Array.from(element.children).some((child) => (child as HTMLElement).innerText?.trim())) continue;
      if (box.right > width + 1)
        found.push(`${(element as HTMLElement).innerText.trim().slice(0, 40)} (right edge at ${Math.round(box.right)}px)`);
    }
    return found;
  });
}

/**
 * Words a person must never read in an error: the validation library's (its English, "Trop petit :
 * chaîne…", "date ISO"), the values of a list ("referred"|"available"), a field's path or code name.
 */
const NOT_OURS =
  /expected|Invalid (input|option)|Too (small|big)|Trop (petit|grand)|\bISO\b|doit avoir|"[\w-]+"\s*\||\b[a-z]+\.[a-z]+[A-Z]\w*|\b[a-z]+[A-Z][a-z]+\b/;

async function errorTexts(page: Page): Promise<string[]> {
  return page.locator('.mantine-InputWrapper-error, [role="alert"]').allInnerTexts();
}

async function settled(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await expect.poll(() => page.getByText('Chargement…').count(), { timeout: 15_000 }).toBe(0);
}

describe('accessibility in Chromium: every page of every role, on a phone and on a desktop', () => {
  let server: TestServer;
  let browser: Browser;
  let pages: AppPage[];
  beforeAll(async () => {
    [server, browser, pages] = await Promise.all([startServer(), launchChromium(), appPages()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('knows how to open every page of the route list', () => {
    const unreachable = pages.filter((page) => page.signedIn && page.path.includes(':') && !PARAMETERS[page.path]);
    expect(unreachable.map((page) => page.path)).toEqual([]);
    const signedInPages = pages.filter((page) => page.signedIn);
    const opened = new Set(ROLES.flatMap((role) => (role === 'visitor' ? [] : pagesOf(role, pages))));
    expect(signedInPages.filter((page) => !opened.has(page)).map((page) => page.path)).toEqual([]);
  });

  for (const role of ROLES) {
    it(`${role}: axe finds no serious or critical violation, nothing lies beyond a phone’s screen, and errors are in our words`, async () => {
      const findings: Finding[] = [];
      const overflows: string[] = [];
      const foreignWords: string[] = [];
      let runs = 0;
      const check = async (page: Page, where: string) => {
        findings.push(...(await axe(page, where)));
        runs++;
      };
      for (const size of WIDTHS) {
        const context = await browser.newContext({ viewport: { width: size.width, height: size.height } });
        const page = await context.newPage();
        if (role !== 'visitor') await logInAs(page, server.url, role);
        for (const appPage of pagesOf(role, pages)) {
          const address =
            appPage.path === '*'
              ? '/nulle-part'
              : appPage.path.includes(':')
                ? await PARAMETERS[appPage.path]!.address(page)
                : appPage.path;
          const where = `${role} ${size.name} ${address}`;
          await page.goto(server.url + address);
          await settled(page);
          await check(page, where);
          if (size.name === 'phone') overflows.push(...(await beyondTheScreen(page)).map((text) => `${where}: ${text}`));

          // Each form sent as it stands (mostly empty): its errors must be ours, and accessible too.
          const submits = page.locator('form button[type="submit"]');
          const count = await submits.count();
          for (let i = 0; i < count; i++) {
            if (await submits.nth(i).isVisible()) await submits.nth(i).click();
          }
          if (count > 0) {
            await page.waitForTimeout(500);
            await check(page, `${where} (forms sent)`);
            for (const text of await errorTexts(page)) if (NOT_OURS.test(text)) foreignWords.push(`${where}: ${text}`);
          }
          const answer = ANSWERED[appPage.path];
          if (answer) {
            await page.goto(server.url + address);
            await settled(page);
            await answer(page);
            await check(page, `${where} (answered)`);
            if (size.name === 'phone') overflows.push(...(await beyondTheScreen(page)).map((text) => `${where} (answered): ${text}`));
          }
        }
        await context.close();
      }
      process.stdout.write(`axe, ${role}: ${runs} runs, ${findings.length} serious or critical violations\n`);
      expect(findings).toEqual([]);
      expect(overflows).toEqual([]);
      expect(foreignWords).toEqual([]);
    }, 900_000);
  }

  it('on a phone, the tables show their key column: the patient list’s “Facturer”, the members’ state, the access history', async () => {
    const inView = async (page: Page, name: string | RegExp) => {
      const box = await page.getByText(name).first().boundingBox();
      expect(box, String(name)).not.toBeNull();
      expect(box!.x + box!.width, String(name)).toBeLessThanOrEqual(390);
    };
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await logInAs(page, server.url, 'practitioner');
    await page.goto(server.url + '/patients');
    const bill = page.getByRole('link', { name: 'Facturer une téléconsultation pour MOREAU Jean' });
    await bill.waitFor();
    const box = await bill.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await context.close();

    const admin = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await logInAs(admin, server.url, 'admin');
    await admin.goto(server.url + '/organisation');
    await admin.getByText('MARTIN Claire').waitFor();
    await inView(admin, 'MARTIN Claire');
    await inView(admin, 'Actif');
    await inView(admin, 'Site Belleville');
    await admin.context().close();

    const patient = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await logInAs(patient, server.url, 'patient');
    await patient.goto(server.url + '/acces');
    await patient.getByText('Martin', { exact: false }).first().waitFor();
    await inView(patient, /Claire Martin|MARTIN/);
    // Her own views (at least the history she just opened) can be hidden, and only those.
    await patient.reload();
    const history = patient.getByRole('main');
    await history.getByText('Camille Petit', { exact: true }).first().waitFor();
    await history.getByRole('switch', { name: 'Masquer mes propres consultations' }).check({ force: true });
    await history.getByText('Camille Petit', { exact: true }).first().waitFor({ state: 'detached' });
    await history.getByText('Claire Martin', { exact: true }).first().waitFor();
    await patient.context().close();
  });
});
