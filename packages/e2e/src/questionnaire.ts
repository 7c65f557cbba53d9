import type { Page } from 'playwright-core';

/** Answers the questionnaire's question named `question` (a yes/no or a choice). */
export async function choose(page: Page, question: string | RegExp, answer: string): Promise<void> {
  await page.getByRole('radiogroup', { name: question }).getByRole('radio', { name: answer, exact: true }).check();
}

/** The questionnaire's next screen (or its end, on the last one). */
export async function next(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^(Suivant|Terminer)$/ }).click();
}

/** "Nothing of that" for every yes/no question of the screen shown that is not answered yet. */
export async function noToAll(page: Page): Promise<void> {
  const groups = page.getByRole('radiogroup');
  for (let i = 0; i < (await groups.count()); i++) {
    const no = groups.nth(i).getByRole('radio', { name: 'Non', exact: true });
    if ((await no.count()) > 0 && !(await groups.nth(i).getByRole('radio', { checked: true }).count())) await no.check();
  }
}

/**
 * The default questionnaire answered for a mild sore throat with a 38.2 °C fever for two days,
 * from its first screen to the booking it leads to (a teleconsultation).
 */
export async function answerMildSoreThroat(page: Page): Promise<void> {
  await choose(page, 'Pour quoi consultez-vous ?', 'Un petit souci courant (rhume, mal de gorge…)');
  await page.getByLabel(/Depuis combien de jours/).fill('2');
  await next(page);
  await page.getByText('Étape 2 sur 7').waitFor();
  await noToAll(page);
  await next(page);
  await choose(page, 'Comment respirez-vous ?', 'Normalement');
  await noToAll(page);
  await next(page);
  await page.getByLabel(/Température la plus élevée/).fill('38,2');
  await choose(page, 'Avez-vous mal au ventre ?', 'Non');
  await noToAll(page);
  await next(page);
  await page.getByText('Étape 5 sur 7').waitFor();
  await noToAll(page);
  await next(page);
  await choose(page, /Pouvez-vous voir, entendre/, 'Oui');
  await choose(page, /Avez-vous besoin d’un interprète/, 'Non');
  await next(page);
  await page.getByText('Étape 7 sur 7').waitFor();
  await next(page); // the coverage questions are optional
}
