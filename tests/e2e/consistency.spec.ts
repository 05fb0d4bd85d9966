import { expect, test } from '@playwright/test';
import { expectAllDone, note, openApp, setMaxNewTokens } from './helpers.ts';

test.beforeEach(() => test.skip(test.info().project.metadata.device !== 'wasm', 'WASM project only'));

test('self-consistency samples k chains after the modes, votes, and a seeded link reproduces them', async ({
  page
}, info) => {
  await openApp(page, info, '?device=wasm&sc=3_0.7_7');
  await setMaxNewTokens(page, 80);
  await expect(page.getByTestId('self-consistency')).toBeChecked();
  await expect(page.getByTestId('chains-k')).toHaveValue('3');
  const chainsPane = page.getByTestId('pane-self-consistency');
  await expect(chainsPane).toBeVisible();

  const runOnce = async (): Promise<string[]> => {
    await page.getByTestId('run').click();
    await expectAllDone(page);
    await expect(chainsPane).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
    return chainsPane.getByTestId('chain').locator('.text').allInnerTexts();
  };
  const first = await runOnce();
  expect(first).toHaveLength(3);
  for (const text of first) expect(text.trim()).not.toBe('');
  await expect(chainsPane.getByTestId('chain-answer')).toHaveCount(3);
  await expect(chainsPane.getByTestId('tally')).toBeVisible();
  await expect(chainsPane.getByTestId('majority-value')).not.toHaveText('none');
  await expect(chainsPane.getByTestId('chains-stats')).toContainText('tokens in all 3 chains');
  note(info, 'majority', `${await chainsPane.getByTestId('majority-value').innerText()} of ${JSON.stringify(first)}`);

  // The same seed samples the same chains.
  expect(await runOnce()).toEqual(first);
});
