import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * On the booking page: the first free slot with `practitioner`, today's or the next day's that has
 * one (two weeks at most). Each day is awaited: pressed, then its slots (anyone's) or « Aucun créneau
 * libre » shown — a day may offer slots of other practitioners only.
 */
export async function firstSlotWith(page: Page, practitioner: string): Promise<Locator> {
  const slots = page.getByRole('button', { name: new RegExp(`^\\d\\d:\\d\\d avec ${practitioner}$`) });
  const days = page.getByRole('group', { name: 'Jour' }).getByRole('button');
  for (let index = 0; index < 14; index++) {
    const day = days.nth(index);
    await day.click();
    await expect.poll(() => day.getAttribute('aria-pressed')).toBe('true');
    await page
      .getByText(/Aucun créneau libre/)
      .or(page.getByRole('button', { name: /^\d\d:\d\d avec / }).first())
      .waitFor();
    if ((await slots.count()) > 0) return slots.first();
  }
  throw new Error(`no free slot with ${practitioner} in 14 days`);
}

/**
 * The first free video slot with `practitioner`, booked as referred by the treating doctor once the
 * estimate says it is reimbursed. Resolves with the confirmation dialog, open on « Rendez-vous confirmé ».
 */
export async function bookReferredSlot(page: Page, practitioner: string): Promise<Locator> {
  await (await firstSlotWith(page, practitioner)).click();
  const dialog = page.getByRole('dialog', { name: 'Confirmer le rendez-vous' });
  await dialog.getByRole('radio', { name: 'm’a orienté(e) vers ce praticien' }).check();
  await expect.poll(async () => (await dialog.getByTestId('verdict').textContent())?.trim()).toBe('Remboursée par l’Assurance Maladie');
  await dialog.getByRole('button', { name: 'Confirmer le rendez-vous' }).click();
  await dialog.getByText(/Rendez-vous confirmé/).waitFor();
  return dialog;
}
