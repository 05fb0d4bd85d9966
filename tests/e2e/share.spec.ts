import { expect, test } from '@playwright/test';
import { waitForModel } from './talk-helpers.ts';

/** Issue 14, item 7: the share popover, long questions in links, empty links and their notices. */
test('the share panel covers nothing, closes on Esc and an outside click, and states the link limit', async ({
  page
}) => {
  await page.goto('/?device=wasm');
  await waitForModel(page);
  const summary = page.getByTestId('share').locator('summary');
  const body = page.getByTestId('share-body');
  await summary.click();
  await expect(body).toBeVisible();
  const panel = await body.boundingBox();
  const question = await page.getByTestId('question').boundingBox();
  if (panel === null || question === null) throw new Error('no boxes');
  // Below the panel, not under it.
  expect(question.y).toBeGreaterThanOrEqual(panel.y + panel.height);
  await expect(body).toContainText('A link carries questions of up to 1,000 characters.');
  await page.keyboard.press('Escape');
  await expect(body).toBeHidden();
  await summary.click();
  await expect(body).toBeVisible();
  await page.getByTestId('question').click();
  await expect(body).toBeHidden();

  // A question longer than a link carries: the link leaves it out and says so; the link opens without a notice.
  await page.getByTestId('question').fill('How many? '.repeat(543));
  await summary.click();
  await expect(page.getByTestId('link-note')).toContainText('The question is 5,430 characters');
  const href = await page.getByTestId('permalink').inputValue();
  expect(href).not.toContain('q=');
  await page.goto(new URL(href).search || '/');
  await expect(page.getByTestId('link-notices')).toHaveCount(0);
});

test('an empty q opens the default question, and every notice can be read', async ({ page }) => {
  const junk = Array.from({ length: 11 }, (_, i) => `k${i}=1`).join('&');
  await page.goto(`/?device=wasm&q=&${junk}`);
  await waitForModel(page);
  await expect(page.getByTestId('question')).not.toHaveValue('');
  await expect(page.getByTestId('run')).toBeEnabled();
  const more = page.getByTestId('link-notices-more');
  await expect(more.locator('summary')).toHaveText('… and 4 more');
  await more.locator('summary').click();
  await expect(more).toContainText('Unknown parameter “k10” ignored.');
});
