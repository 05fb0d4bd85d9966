import { expect, test } from '@playwright/test';
import { appOrigin, blockOtherOrigins, downloadBytes, downloadText, note, waitForModel } from './talk-helpers.ts';

/** Issue 14, item 8 and the evaluation bugs of item 7: a short evaluation on the stage, its log and its charts. */
test('an evaluation streams into the panes, logs every answer failures first, and exports sharp charts', async ({
  page,
  context
}, info) => {
  test.skip(info.project.name !== 'wasm', 'one backend is enough; WASM is the fast one here');
  test.setTimeout(300_000);
  const blocked = await blockOtherOrigins(page, [appOrigin(info)]);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: appOrigin(info) });
  await page.goto('/?device=wasm&dec=12_0_20_0.95_1&set=mixed_3_2022');
  await waitForModel(page);

  // An oversized count is clamped, and the field shows the clamped value, not what was typed.
  const count = page.getByTestId('eval-count');
  await count.fill('100000');
  await count.press('Tab');
  await expect(count).toHaveValue('500');
  await expect(page.getByTestId('eval-run')).toHaveText('Evaluate 500 × 3');
  await count.fill('100000');
  await count.press('Tab');
  await expect(count).toHaveValue('500');
  await count.fill('3');
  await count.press('Tab');

  await page.getByTestId('eval-run').click();
  // The panes show the question being evaluated, live.
  const caption = page.getByTestId('pane-zero-shot-cot').getByTestId('pane-caption');
  await expect(caption).toContainText(/Evaluation, question \d of 3: /, { timeout: 60_000 });
  await expect(page.getByTestId('eval-status')).toHaveAttribute('data-status', 'done', { timeout: 240_000 });

  // Every answer in the log, failures before right answers.
  const entries = page.getByTestId('eval-log-entry');
  await page.getByTestId('eval-log').locator('summary').click();
  await expect(entries).toHaveCount(9);
  const outcomes = await entries.evaluateAll((els) => els.map((e) => e.getAttribute('data-outcome') ?? ''));
  const rank = { failed: 0, wrong: 1, right: 2 } as const;
  const ranks = outcomes.map((o) => rank[o as keyof typeof rank]);
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  note(info, 'log outcomes', outcomes.join(' '));

  // PNG at three device pixels per CSS pixel, SVG, and the image on the clipboard.
  const card = page.getByTestId('chart-cost');
  await expect(card).toHaveAttribute('data-ready', 'true');
  const cssWidth = await card.locator('canvas').evaluate((c: HTMLCanvasElement) => c.getBoundingClientRect().width);
  const png = await downloadBytes(page, () => page.getByTestId('chart-cost-png').click());
  expect(png.name).toBe('think-small-cost-of-thinking-tokens.png');
  expect(png.bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  const pngWidth = png.bytes.readUInt32BE(16);
  note(info, 'png', `${pngWidth} px wide for ${cssWidth} CSS px`);
  expect(Math.abs(pngWidth - 3 * cssWidth)).toBeLessThanOrEqual(3);
  const svg = await downloadText(page, () => page.getByTestId('chart-cost-svg').click());
  expect(svg.name).toBe('think-small-cost-of-thinking-tokens.svg');
  expect(svg.text.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  expect(svg.text).toContain('The cost of thinking');
  await page.getByTestId('chart-cost-copy').click();
  await expect(page.getByTestId('chart-cost-copy')).toHaveText('Copied');
  const types = await page.evaluate(async () => (await navigator.clipboard.read()).flatMap((i) => i.types));
  expect(types).toContain('image/png');
  await page.getByTestId('eval-results').scrollIntoViewIfNeeded();
  await page.screenshot({ path: info.outputPath('eval-stage.png'), fullPage: true });
  // Presenter mode hides the evaluation until E brings it back.
  await page.keyboard.press('p');
  await page.keyboard.press('e');
  await page.getByTestId('chart-cost').scrollIntoViewIfNeeded();
  await page.getByTestId('chart-cost').screenshot({ path: info.outputPath('chart-cost-presenter.png') });
  await page.keyboard.press('Escape');

  // A stopped evaluation is labelled with what it answered, not the set size.
  await count.fill('500');
  await count.press('Tab');
  await page.getByTestId('eval-mode-few-shot-cot').uncheck();
  await page.getByTestId('eval-mode-answer-only').uncheck();
  await page.getByTestId('eval-run').click();
  await expect(page.getByTestId('acc-row-zero-shot-cot')).not.toHaveAttribute('data-n', /^[01]$/, { timeout: 60_000 });
  await page.getByTestId('eval-stop').click();
  await expect(page.getByTestId('eval-status')).toHaveAttribute('data-status', 'stopped');
  const heading = await page.locator('#results-title').textContent();
  note(info, 'stopped heading', heading ?? '');
  expect(heading).toMatch(/mixed × \d+ of 500, seed 2022 \(stopped\)/);
  expect(heading).not.toContain('× 500,');
  // A pane stopped mid-answer is not graded. A 12-token answer takes a few milliseconds, so the stop may land between
  // two answers instead, leaving the last one finished and graded: only a stopped pane is checked.
  const zeroShot = page.getByTestId('pane-zero-shot-cot');
  const status = await zeroShot.getAttribute('data-status');
  note(info, 'zero-shot pane after the stop', status ?? '');
  if (status === 'stopped') await expect(zeroShot.getByTestId('answer-mark')).toHaveCount(0);
  else expect(status).toBe('done');
  // The modes left out say they were skipped.
  await expect(page.getByTestId('pane-answer-only')).toHaveAttribute('data-status', 'skipped');
  expect(blocked).toEqual([]);
});
