import { expect, test, type Page } from '@playwright/test';
import { MODES, appOrigin, blockOtherOrigins, note, screenshotPath, waitForModel } from './talk-helpers.ts';

/**
 * The stage (issue 14): after a run, the three panes' answers and their verdicts are on the first screen without
 * scrolling, in presenter mode on a projector and in the normal view on a laptop, and a phone never scrolls sideways.
 * Full-length answers: the chains of thought are what pushes the verdicts down.
 */

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

async function runAndWait(page: Page): Promise<void> {
  await page.getByTestId('run').click();
  for (const mode of MODES)
    await expect(page.getByTestId(`pane-${mode}`)).toHaveAttribute('data-status', 'done', { timeout: 300_000 });
}

/** Boxes of what a viewer must see after a run: each pane's answer and ✓/✗, and the verdict strip. */
async function verdictBoxes(page: Page): Promise<Record<string, Box>> {
  return page.evaluate((modes) => {
    const box = (sel: string): Box => {
      const el = document.querySelector(sel);
      if (el === null) throw new Error(`missing ${sel}`);
      const { top, bottom, left, right } = el.getBoundingClientRect();
      return { top, bottom, left, right };
    };
    const out: Record<string, Box> = { strip: box('[data-testid="verdict-strip"]') };
    for (const m of modes) {
      out[`${m} answer`] = box(`[data-testid="pane-${m}"] [data-testid="pane-answer"]`);
      out[`${m} mark`] = box(`[data-testid="pane-${m}"] [data-testid="answer-mark"]`);
      out[`${m} strip`] = box(`[data-testid="verdict-${m}"]`);
    }
    return out;
  }, MODES);
}

async function expectVerdictsOnScreen(page: Page, label: string): Promise<void> {
  const { width, height } = page.viewportSize() ?? { width: 0, height: 0 };
  expect(await page.evaluate(() => scrollY), `${label}: the page did not scroll`).toBe(0);
  const boxes = await verdictBoxes(page);
  for (const [name, b] of Object.entries(boxes)) {
    expect(b.top, `${label}: ${name} top`).toBeGreaterThanOrEqual(0);
    expect(b.bottom, `${label}: ${name} bottom (viewport ${height})`).toBeLessThanOrEqual(height);
    expect(b.left, `${label}: ${name} left`).toBeGreaterThanOrEqual(0);
    expect(b.right, `${label}: ${name} right (viewport ${width})`).toBeLessThanOrEqual(width);
  }
  const lowest = Math.max(...Object.values(boxes).map((b) => b.bottom));
  note(test.info(), label, `lowest verdict at y = ${Math.round(lowest)} of ${height}`);
}

async function documentOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

test('after a run the answers and verdicts are on the first screen: presenter 1280×720 and 1920×1080, normal 1440×900 and 1280×720', async ({
  page
}, info) => {
  test.skip(info.project.name !== 'wasm', 'layout; checked on the fast backend');
  const blocked = await blockOtherOrigins(page, [appOrigin(info)]);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/?device=wasm');
  await waitForModel(page);

  for (const [width, height] of [
    [1440, 900],
    [1280, 720]
  ] as const) {
    await page.setViewportSize({ width, height });
    await runAndWait(page);
    await expectVerdictsOnScreen(page, `normal ${width}×${height}`);
    if (width === 1280) await page.screenshot({ path: screenshotPath(info, 'screenshot.png') });
  }

  await page.keyboard.press('p');
  await expect(page.locator('html')).toHaveAttribute('data-present', '');
  // Presenter mode keeps the question, Run and the panes; settings and evaluation wait for their keys.
  await expect(page.getByTestId('device-select')).toBeHidden();
  await expect(page.getByTestId('eval-run')).toBeHidden();
  await expect(page.getByTestId('family-select')).toBeHidden();
  for (const [width, height] of [
    [1280, 720],
    [1920, 1080]
  ] as const) {
    await page.setViewportSize({ width, height });
    await runAndWait(page);
    await expectVerdictsOnScreen(page, `presenter ${width}×${height}`);
    await expect(page.getByTestId('pane-zero-shot-cot').getByTestId('stat-line')).toBeVisible();
  }
  await page.screenshot({ path: screenshotPath(info, 'talk-presenter.png') });

  // E brings the evaluation into presenter mode and takes it away again.
  await page.keyboard.press('e');
  await expect(page.getByTestId('eval-run')).toBeVisible();
  await page.keyboard.press('e');
  await expect(page.getByTestId('eval-run')).toBeHidden();
  expect(blocked).toEqual([]);
});

test('the keys: ? lists them, N and R change the question, Esc stops a run before it leaves presenter mode', async ({
  page
}, info) => {
  test.skip(info.project.name !== 'wasm', 'keys; checked once');
  await page.goto('/?device=wasm&present=1');
  await waitForModel(page);
  const question = page.getByTestId('question');
  const first = await question.inputValue();

  await page.keyboard.press('?');
  await expect(page.getByTestId('keys-help')).toBeVisible();
  await expect(page.getByTestId('keys-help')).toContainText('Next preset question');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('keys-help')).toHaveCount(0);
  await expect(page.locator('html')).toHaveAttribute('data-present', '');

  await page.keyboard.press('n');
  await expect(question).not.toHaveValue(first);
  const second = await question.inputValue();
  await page.keyboard.press('r');
  await expect(question).not.toHaveValue(second);
  await expect(page.getByTestId('gold')).not.toHaveValue('');

  // One run first: the first run after a load can miss an interrupt (app.spec.ts's Stop test shows it on the base
  // commit too); this test is about what Esc does, not about that.
  await runAndWait(page);
  // Esc, pressed as soon as the first pane streams (a short answer may end before a test could press it), stops
  // the run: the streaming pane keeps its partial text, the rest are skipped, and presenter mode stays.
  await page.evaluate(() => {
    const root = document.querySelector('[data-testid="pane-zero-shot-cot"]');
    if (root === null) throw new Error('no zero-shot pane');
    const obs = new MutationObserver(() => {
      if (root.getAttribute('data-status') !== 'running' || (root.textContent ?? '').includes('Reading the prompt'))
        return;
      obs.disconnect();
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    obs.observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
  });
  await page.getByTestId('run').click();
  await expect(page.getByTestId('pane-zero-shot-cot')).toHaveAttribute('data-status', 'stopped', { timeout: 60_000 });
  await expect(page.getByTestId('run')).toBeVisible();
  await expect(page.getByTestId('pane-answer-only')).not.toHaveAttribute('data-status', 'done');
  await expect(page.locator('html')).toHaveAttribute('data-present', '');
  await page.keyboard.press('Escape');
  await expect(page.locator('html')).not.toHaveAttribute('data-present', '');
});

test('stats: explained, hideable, a warm-up mark on the first run, and no decode rate over a handful of tokens', async ({
  page
}, info) => {
  test.skip(info.project.name !== 'wasm', 'display only; checked once');
  await page.goto('/?device=wasm');
  await waitForModel(page);
  await runAndWait(page);
  const answerOnly = page.getByTestId('pane-answer-only');
  const generated = Number(await answerOnly.getByTestId('stat-generated-tokens').getAttribute('data-value'));
  note(info, 'answer-only tokens', String(generated));
  if (generated < 9) await expect(answerOnly.getByTestId('stat-decode')).toContainText('—');
  // Side by side (the default), the three panes share the first run's one-off costs: each carries the mark.
  await expect(page.getByTestId('stat-warmup')).toHaveCount(3);
  await expect(page.getByTestId('timings-note')).toContainText('prefill');
  await runAndWait(page);
  await expect(page.getByTestId('stat-warmup')).toHaveCount(0);

  await page.getByTestId('show-stats').click();
  for (const mode of MODES) await expect(page.getByTestId(`pane-${mode}`).getByTestId('stats')).toBeHidden();
  await page.getByTestId('show-stats').click();
  await expect(answerOnly.getByTestId('stats')).toBeVisible();
});

test('a question outside the bundled model’s families gets a calm note that points to the Hub', async ({
  page
}, info) => {
  test.skip(info.project.name !== 'wasm', 'display only; checked once');
  await page.goto('/?device=wasm');
  await expect(page.getByTestId('scope-notice')).toHaveCount(0);
  await page.getByTestId('question').fill('What is the capital of France?');
  await expect(page.getByTestId('scope-notice')).toContainText('Hub');
  await page.getByTestId('question').fill('Ana had 12 apples and gave away 5. How many are left?');
  await expect(page.getByTestId('scope-notice')).toHaveCount(0);
});

for (const [width, height] of [
  [390, 844],
  [320, 640]
] as const) {
  test(`a ${width}×${height} phone never scrolls sideways: before and after a run and an evaluation`, async ({
    page
  }, info) => {
    test.skip(info.project.name !== 'wasm', 'layout; checked on the fast backend');
    await page.setViewportSize({ width, height });
    await page.goto('/?device=wasm&set=mixed_2_2022');
    await waitForModel(page);
    expect(await documentOverflow(page), 'before a run').toBeLessThanOrEqual(0);
    await runAndWait(page);
    expect(await documentOverflow(page), 'after a run').toBeLessThanOrEqual(0);
    if (width === 390) await page.screenshot({ path: screenshotPath(info, 'talk-phone.png'), fullPage: false });
    await page.getByTestId('eval-run').click();
    await expect(page.getByTestId('eval-status')).toHaveAttribute('data-status', 'done', { timeout: 300_000 });
    await page.getByTestId('eval-results').scrollIntoViewIfNeeded();
    expect(await documentOverflow(page), 'after an evaluation').toBeLessThanOrEqual(0);
    // The wide tables scroll inside their own boxes.
    const table = page.getByTestId('eval-results').locator('.table-scroll').first();
    const inside = await table.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    note(info, `${width} px accuracy table`, `${inside.scroll} px wide in a ${inside.client} px box`);
  });
}

test('the embed at 800×560 (the snippet’s height) keeps three panes in a row and its verdicts in the frame', async ({
  page
}, info) => {
  test.skip(info.project.name !== 'wasm', 'layout; checked once');
  await page.setViewportSize({ width: 800, height: 560 });
  await page.goto('/?embed=1&device=wasm');
  await waitForModel(page);
  await runAndWait(page);
  const tops = await page.evaluate(
    (modes) =>
      modes.map((m) =>
        Math.round(document.querySelector(`[data-testid="pane-${m}"]`)?.getBoundingClientRect().top ?? -1)
      ),
    MODES
  );
  expect(new Set(tops).size, `pane tops ${tops.join(', ')}`).toBe(1);
  await expectVerdictsOnScreen(page, 'embed 800×560');
  expect(await page.evaluate(() => document.documentElement.scrollHeight - innerHeight)).toBeLessThanOrEqual(0);
});
