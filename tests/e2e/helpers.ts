import { expect, type BrowserContext, type Page, type TestInfo, type Worker } from '@playwright/test';

declare global {
  interface Window {
    /** The pane's live token count when clickWhenStreaming clicked. */
    __tokensAtStop: number;
  }
}

export const MODES = ['zero-shot-cot', 'few-shot-cot', 'answer-only'] as const;
export type ModeId = (typeof MODES)[number];

export function deviceOf(info: TestInfo): string {
  const d = info.project.metadata.device;
  return typeof d === 'string' ? d : 'wasm';
}

export function originOf(info: TestInfo): string {
  return new URL(info.project.use.baseURL ?? 'http://localhost:4173').origin;
}

export function note(info: TestInfo, type: string, description: string): void {
  info.annotations.push({ type, description });
  process.stdout.write(`[${info.project.name}] ${type}: ${description}\n`);
}

/** Requests leaving the page's origin are aborted and remembered: no test may reach the network. */
export async function blockOtherOrigins(context: BrowserContext, ...origins: string[]): Promise<string[]> {
  const blocked: string[] = [];
  await context.route(
    (url) => !origins.includes(url.origin) && url.protocol !== 'data:' && url.protocol !== 'blob:',
    (route) => {
      blocked.push(route.request().url());
      return route.abort('blockedbyclient');
    }
  );
  return blocked;
}

/**
 * Runs `source` at the top of the engine worker's script, before the worker's own code: the only way
 * to stub a worker global (caches, GPUAdapter) before the engine uses it. Page init scripts never
 * reach workers.
 */
export async function prefixEngineWorker(context: BrowserContext, source: string): Promise<void> {
  await context.route(
    (url) => /\/assets\/worker-[^/]*\.js$/.test(url.pathname),
    async (route) => {
      let res;
      try {
        res = await route.fetch();
      } catch {
        // The page went away mid-request (the test moved on): nothing left to patch.
        return;
      }
      await route.fulfill({ response: res, body: `${source}\n${await res.text()}` });
    }
  );
}

/**
 * The engine workers the page starts, in order (not onnxruntime's own thread workers): the main ones, which load
 * the model first, or with `copies` also the copies that run panes beside them (told apart by their names).
 */
export function engineWorkers(page: Page, which: 'main' | 'copies too' = 'main'): Worker[] {
  const workers: Worker[] = [];
  page.on('worker', (w) => {
    if (!/\/assets\/worker-[^/]*\.js$/.test(new URL(w.url()).pathname)) return;
    if (which === 'copies too') workers.push(w);
    else
      w.evaluate(() => self.name).then(
        (name) => (name === 'think-small-engine' ? void workers.push(w) : undefined),
        // A worker that ended before it could be asked is no main worker the test waits for.
        () => undefined
      );
  });
  return workers;
}

export async function waitReady(page: Page): Promise<void> {
  await expect(page.getByTestId('backend-device').or(page.getByTestId('load-error'))).toBeVisible({
    timeout: 180_000
  });
  await expect(page.getByTestId('load-error')).toHaveCount(0);
}

/** Waits until the engine's extra workers have loaded (or failed), and returns how many workers run panes. */
export async function readyWorkers(page: Page): Promise<number> {
  const workers = page.locator('[data-testid="backend-workers"][data-pending="false"]');
  await workers.waitFor({ timeout: 180_000 });
  return Number(await workers.textContent());
}

/** Opens the app on the project's device and waits for the model. */
export async function openApp(page: Page, info: TestInfo, query = `?device=${deviceOf(info)}`): Promise<void> {
  await page.goto(`/${query}`);
  await waitReady(page);
}

/** Short runs keep the suite fast on a small machine; every path is exercised all the same. */
export async function setMaxNewTokens(page: Page, n: number): Promise<void> {
  const input = page.getByTestId('max-new-tokens');
  if (!(await input.isVisible())) await page.getByText('Decoding', { exact: true }).click();
  await input.fill(String(n));
  await input.press('Tab');
  await expect(input).toHaveValue(String(n));
}

/** The modes one after another instead of side by side (the default): for what only a sequence has, skipped panes. */
export async function oneAtATime(page: Page): Promise<void> {
  const box = page.getByTestId('run-together');
  if (!(await box.isVisible())) await page.getByText('Decoding', { exact: true }).click();
  await box.uncheck();
  await expect(box).not.toBeChecked();
}

export function pane(page: Page, mode: ModeId) {
  return page.getByTestId(`pane-${mode}`);
}

export async function expectAllDone(page: Page, timeout = 300_000): Promise<void> {
  for (const mode of MODES) await expect(pane(page, mode)).toHaveAttribute('data-status', 'done', { timeout });
}

export async function statValue(page: Page, mode: ModeId, stat: string): Promise<number> {
  return Number(await pane(page, mode).getByTestId(stat).getAttribute('data-value'));
}

/** Sets a textarea's value the way typing would, without typing a megabyte key by key. */
export async function setQuestion(page: Page, text: string): Promise<void> {
  await page.getByTestId('question').evaluate((el, value) => {
    if (!(el instanceof HTMLTextAreaElement)) throw new Error('question is not a textarea');
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
}

/** Clicks `selector` from inside the page as soon as the pane has streamed a few characters. */
export async function clickWhenStreaming(page: Page, mode: string, selector: string): Promise<void> {
  await page.evaluate(
    ([mode, selector]) => {
      const root = document.querySelector(`[data-testid="pane-${mode}"]`);
      const text = root?.querySelector('[data-testid="pane-text"]');
      if (!root || !text) throw new Error(`no ${mode} pane`);
      const obs = new MutationObserver(() => {
        if (root.getAttribute('data-status') !== 'running' || (text.textContent ?? '').trim().length <= 3) return;
        const target = document.querySelector<HTMLElement>(selector);
        if (target === null) return;
        obs.disconnect();
        const live = root.querySelector('[data-testid="live-count"]')?.textContent ?? '0';
        window.__tokensAtStop = Number.parseInt(live, 10);
        target.click();
      });
      obs.observe(text, { childList: true, subtree: true, characterData: true });
    },
    [mode, selector] as const
  );
}
