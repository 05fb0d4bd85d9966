import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { oneAtATime } from './helpers.ts';
import { screenshotPath } from './talk-helpers.ts';

const MODES = ['zero-shot-cot', 'few-shot-cot', 'answer-only'] as const;
const WEBGPU_MAX_NEW_TOKENS = 16;

interface LongTask {
  startTime: number;
  duration: number;
}

declare global {
  interface Window {
    __longTasks: LongTask[];
    __partials: number;
  }
}

function deviceOf(info: TestInfo): string {
  const d = info.project.metadata.device;
  return typeof d === 'string' ? d : 'wasm';
}

function note(info: TestInfo, type: string, description: string): void {
  info.annotations.push({ type, description });
  process.stdout.write(`[${info.project.name}] ${type}: ${description}\n`);
}

/** Every request that leaves the page's origin is aborted and remembered, so a CDN or Hub fetch fails loudly. */
async function blockOtherOrigins(page: Page, origin: string): Promise<string[]> {
  const blocked: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  return blocked;
}

async function openApp(page: Page, info: TestInfo): Promise<string[]> {
  const origin = new URL(info.project.use.baseURL ?? 'http://localhost:4173').origin;
  const blocked = await blockOtherOrigins(page, origin);
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ startTime: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`/?device=${deviceOf(info)}`);
  // Fail at once on a load error instead of waiting out the timeout.
  await expect(page.getByTestId('backend-device').or(page.getByTestId('load-error'))).toBeVisible({ timeout: 180_000 });
  await expect(page.getByTestId('load-error')).toHaveCount(0);
  await expect(page.getByTestId('backend-device')).toHaveText(deviceOf(info) === 'webgpu' ? 'WebGPU' : 'WASM', {
    timeout: 180_000
  });
  return blocked;
}

async function statValue(page: Page, mode: string, stat: string): Promise<number> {
  const v = await page.getByTestId(`pane-${mode}`).getByTestId(stat).getAttribute('data-value');
  return Number(v);
}

test('loads the bundled model, runs the three modes in turn and reports stats', async ({ page }, info) => {
  const blocked = await openApp(page, info);
  note(
    info,
    'backend',
    `${await page.getByTestId('backend-device').textContent()} ${await page.getByTestId('backend-dtype').textContent()} threads=${await page.getByTestId('backend-threads').textContent()}`
  );
  note(info, 'load', (await page.getByTestId('load-timings').innerText()).replace(/\s+/g, ' '));
  await expect(page.getByTestId('gold')).not.toHaveValue('');
  if (deviceOf(info) === 'webgpu') {
    // SwiftShader runs WebGPU on the CPU at a few tokens per second: a short run still exercises every path.
    await page.getByText('Decoding', { exact: true }).click();
    await page.getByTestId('max-new-tokens').fill(String(WEBGPU_MAX_NEW_TOKENS));
    await page.getByTestId('max-new-tokens').press('Tab');
  }

  // Streaming means the pane shows several growing partial texts before its run is done.
  await page.evaluate(() => {
    window.__partials = 0;
    const pane = document.querySelector('[data-testid="pane-zero-shot-cot"]');
    const text = pane?.querySelector('[data-testid="pane-text"]');
    if (!pane || !text) throw new Error('no zero-shot pane');
    new MutationObserver(() => {
      if (pane.getAttribute('data-status') === 'running' && (text.textContent ?? '') !== '') window.__partials += 1;
    }).observe(text, { childList: true, subtree: true, characterData: true });
  });
  const genStart = await page.evaluate(() => performance.now());
  await page.getByTestId('run').click();
  for (const mode of MODES) {
    await expect(page.getByTestId(`pane-${mode}`)).toHaveAttribute('data-status', 'done', { timeout: 400_000 });
  }
  const genEnd = await page.evaluate(() => performance.now());
  const partials = await page.evaluate(() => window.__partials);
  note(info, 'streamed updates (zero-shot pane)', String(partials));
  expect(partials).toBeGreaterThan(1);

  for (const mode of MODES) {
    const pane = page.getByTestId(`pane-${mode}`);
    await expect(pane.getByTestId('pane-text')).not.toHaveText(/^\s*$/);
    await expect(pane.getByTestId('answer-mark')).toBeVisible();
    await expect(pane.getByTestId('stats')).toBeVisible();
    const ttftMs = await statValue(page, mode, 'stat-ttft');
    const decode = await statValue(page, mode, 'stat-decode');
    const promptTokens = await statValue(page, mode, 'stat-prompt-tokens');
    const generated = await statValue(page, mode, 'stat-generated-tokens');
    expect(ttftMs).toBeGreaterThan(0);
    expect(promptTokens).toBeGreaterThan(0);
    expect(generated).toBeGreaterThan(0);
    if (deviceOf(info) === 'webgpu') expect(generated).toBeLessThanOrEqual(WEBGPU_MAX_NEW_TOKENS);
    const mark = await pane.getByTestId('answer-mark').getAttribute('data-correct');
    note(
      info,
      `run ${mode}`,
      `prompt=${promptTokens} tok, generated=${generated} tok, TTFT=${ttftMs.toFixed(1)} ms, decode=${decode ? decode.toFixed(1) : '—'} tok/s, correct=${mark}`
    );
  }

  const longest = await page.evaluate(
    ([from, to]) =>
      window.__longTasks
        .filter((t) => t.startTime + t.duration >= from && t.startTime <= to)
        .reduce((m, t) => Math.max(m, t.duration), 0),
    [genStart, genEnd] as const
  );
  note(info, 'longest main-thread task during generation', `${longest.toFixed(0)} ms (0 = none over 50 ms)`);
  expect(blocked, `requests outside the origin: ${blocked.join(', ')}`).toEqual([]);

  // The README's screenshot is rewritten only on request (E2E_DOCS=1, WASM), never by a plain run.
  const path = info.project.name === 'wasm' ? screenshotPath(info, 'screenshot.png') : info.outputPath('after-run.png');
  await page.screenshot({ path, fullPage: true });
});

test('Stop mid-stream keeps the partial text, marked stopped, and skips the remaining modes', async ({
  page
}, info) => {
  await openApp(page, info);
  // Side by side, a Stop ends all three rows (together.spec.ts); only one after another are the rest skipped.
  await oneAtATime(page);
  // Clicking from the page the moment the first text arrives: a tiny model can finish before a remote click lands.
  await page.evaluate(() => {
    const text = document.querySelector('[data-testid="pane-zero-shot-cot"] [data-testid="pane-text"]');
    if (text === null) throw new Error('no zero-shot pane');
    const obs = new MutationObserver(() => {
      const stop = document.querySelector<HTMLButtonElement>('[data-testid="stop"]');
      if (
        stop !== null &&
        document.querySelector('[data-testid="pane-zero-shot-cot"]')?.getAttribute('data-status') === 'running' &&
        (text.textContent ?? '').trim().length > 3
      ) {
        obs.disconnect();
        stop.click();
      }
    });
    obs.observe(text, { childList: true, subtree: true, characterData: true });
  });
  await page.getByTestId('run').click();
  const pane = page.getByTestId('pane-zero-shot-cot');
  await expect(pane).toHaveAttribute('data-status', 'stopped', { timeout: 120_000 });
  await expect(pane.getByTestId('pane-stopped')).toBeVisible();
  await expect(pane.getByTestId('pane-text')).not.toHaveText(/^\s*$/);
  await expect(page.getByTestId('pane-few-shot-cot')).toHaveAttribute('data-status', 'skipped');
  await expect(page.getByTestId('pane-answer-only')).toHaveAttribute('data-status', 'skipped');
  await expect(page.getByTestId('run')).toBeEnabled();
  note(info, 'stopped after', `${await statValue(page, 'zero-shot-cot', 'stat-generated-tokens')} tokens`);
});
