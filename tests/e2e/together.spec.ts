import { expect, test } from '@playwright/test';
import { MODES, expectAllDone, note, openApp, pane, readyWorkers, setMaxNewTokens, waitReady } from './helpers.ts';

declare global {
  interface Window {
    /** The most panes seen running with text at one moment, and each pane's text when another was stopped. */
    __together: { most: number; afterStop: number };
  }
}

test.describe('the three modes side by side (the default), and one at a time', () => {
  test.beforeEach(() => test.skip(test.info().project.metadata.device !== 'wasm', 'WASM project only'));

  test('all three panes are generating at the same moment, and Stop on one leaves the others running', async ({
    page
  }, info) => {
    await openApp(page, info);
    const copies = await readyWorkers(page);
    await setMaxNewTokens(page, 96);
    // Side by side is the default on every backend; on WASM the worker steps the rows in turns.
    await expect(page.getByTestId('run-together')).toBeChecked();
    // Counted in the page on every DOM change: a pane is generating when it is running and has streamed a token.
    await page.evaluate((modes) => {
      window.__together = { most: 0, afterStop: 0 };
      const panes = modes.map((m) => document.querySelector(`[data-testid="pane-${m}"]`));
      let stoppedAt: string | null = null;
      new MutationObserver(() => {
        const live = panes.filter(
          (p) =>
            p?.getAttribute('data-status') === 'running' &&
            Number.parseInt(p.querySelector('[data-testid="live-count"]')?.textContent ?? '0', 10) > 0
        );
        window.__together.most = Math.max(window.__together.most, live.length);
        const zero = panes[0]?.querySelector('[data-testid="pane-text"]')?.textContent ?? '';
        const few = panes[1];
        // Stop the few-shot pane once all three stream; then watch zero-shot's text keep growing.
        if (stoppedAt === null && live.length === 3) {
          stoppedAt = zero;
          few?.querySelector<HTMLButtonElement>('[data-testid="pane-stop"]')?.click();
        } else if (stoppedAt !== null && zero.length > stoppedAt.length) window.__together.afterStop += 1;
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    }, MODES);
    await page.getByTestId('run').click();
    await expect(pane(page, 'zero-shot-cot')).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
    await expect(pane(page, 'answer-only')).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
    const seen = await page.evaluate(() => window.__together);
    note(info, 'together', JSON.stringify(seen));
    await expect(pane(page, 'few-shot-cot')).toHaveAttribute('data-status', 'stopped', { timeout: 120_000 });
    expect(seen.most).toBe(3);
    expect(seen.afterStop).toBeGreaterThan(0);
    // On WASM the short panes share a worker in turns when there are fewer workers than panes, and the stats say so.
    const turns = pane(page, 'zero-shot-cot').getByTestId('stat-turns');
    if (copies >= 3) await expect(turns).toHaveCount(0);
    else await expect(turns).toHaveAttribute('data-value', copies === 2 ? '2' : '3');
    await expect(pane(page, 'few-shot-cot').getByTestId('pane-stopped')).toContainText('Stopped by you');
  });

  test('one at a time runs the modes in turn', async ({ page }, info) => {
    await openApp(page, info);
    await setMaxNewTokens(page, 24);
    await page.getByTestId('run-together').uncheck();
    await page.evaluate((modes) => {
      window.__together = { most: 0, afterStop: 0 };
      const panes = modes.map((m) => document.querySelector(`[data-testid="pane-${m}"]`));
      new MutationObserver(() => {
        const live = panes.filter((p) => p?.getAttribute('data-status') === 'running').length;
        window.__together.most = Math.max(window.__together.most, live);
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    }, MODES);
    await page.getByTestId('run').click();
    await expectAllDone(page);
    expect(await page.evaluate(() => window.__together.most)).toBe(1);
  });
});

test('with a spare core the panes run on workers of their own and write what they write one at a time, the exemplars kept from the first run on', async ({
  page
}, info) => {
  test.skip(info.project.metadata.device !== 'wasm', 'WASM project only');
  await openApp(page, info);
  const copies = await readyWorkers(page);
  test.skip(copies < 2, 'one core: no second worker');
  await setMaxNewTokens(page, 32);
  const texts = async (): Promise<string[]> =>
    Promise.all(MODES.map(async (m) => (await pane(page, m).getByTestId('pane-text').textContent()) ?? ''));
  await page.getByTestId('run').click();
  await expectAllDone(page);
  // The few-shot pane (the longest prompt) runs alone on the main worker: no turns mark.
  await expect(pane(page, 'few-shot-cot').getByTestId('stat-turns')).toHaveCount(0);
  // Each worker read the exemplars once it had loaded (the `keep` request): the first run starts from them too.
  const keptFirst = Number(await pane(page, 'few-shot-cot').getByTestId('stat-kept').getAttribute('data-value'));
  expect(keptFirst).toBeGreaterThanOrEqual(256);
  const together = await texts();
  await page.getByTestId('run-together').uncheck();
  await page.getByTestId('run').click();
  // Done from the first run until the second starts: wait for the last pane to leave it first.
  await expect(pane(page, 'answer-only')).not.toHaveAttribute('data-status', 'done');
  await expectAllDone(page);
  expect(await texts()).toEqual(together);
  const kept = Number(await pane(page, 'few-shot-cot').getByTestId('stat-kept').getAttribute('data-value'));
  expect(kept).toBeGreaterThanOrEqual(256);
  await expect(pane(page, 'zero-shot-cot').getByTestId('stat-kept')).toHaveCount(0);
});

test('Auto never runs on a software WebGPU adapter: it loads WASM and the header says why', async ({ page }) => {
  test.skip(test.info().project.metadata.device !== 'webgpu', 'needs --enable-unsafe-webgpu (SwiftShader)');
  await page.goto('/?device=auto');
  await waitReady(page);
  await expect(page.getByTestId('backend-device')).toHaveText('WASM');
  await expect(page.getByTestId('backend-why')).toContainText('software (CPU)');
});
