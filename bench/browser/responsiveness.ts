/**
 * The real app page during three-mode runs, alternately together (the default: one batch on a GPU; on WASM each
 * pane on a copy of the engine where there are spare cores, else in turns) and one at a time: wall time from the
 * click on Run to the last pane finishing, the wait until every pane shows text, each pane's text, and main-thread
 * long tasks (over 50 ms, as the Long Tasks API defines them).
 */
import type { Browser } from '@playwright/test';
import { MODES } from '$lib/prompts/modes.ts';

export interface PaneFigures {
  mode: string;
  generatedTokens: number;
  ttftMs: number | null;
  /** Prompt tokens whose cache an earlier run kept (engine/worker/prefixBlocks.ts). */
  keptTokens: number;
  decodeTokensPerSec: number | null;
  text: string;
}

export interface ThreeModeRun {
  /** The first run after load, then the repetitions. */
  rep: number;
  together: boolean;
  /** Copies of the engine the panes ran on (one at a time: 1). */
  workers: number;
  wallMs: number;
  /** From the click on Run until the last of the three panes shows its first token. */
  allStreamingMs: number | null;
  longTasks: number;
  longestTaskMs: number;
  panes: PaneFigures[];
}

interface LongTask {
  startTime: number;
  duration: number;
}

declare global {
  interface Window {
    __benchLongTasks: LongTask[];
    /** When each pane first showed a token in the run being measured (page clock). */
    __benchFirsts: number[];
    /** When each pane's status turned `done` in this run, from the page itself. */
    __benchDones: number[];
  }
}

export async function measureResponsiveness(browser: Browser, baseUrl: string, runs: number): Promise<ThreeModeRun[]> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  try {
    await page.addInitScript(() => {
      window.__benchLongTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries())
          window.__benchLongTasks.push({ startTime: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`${baseUrl}/?device=wasm`);
    await page.getByTestId('backend-device').waitFor({ timeout: 180_000 });
    // The panes run side by side on the engine's copies once they have loaded, after the main one.
    const workers = page.locator('[data-testid="backend-workers"][data-pending="false"]');
    await workers.waitFor({ timeout: 180_000 });
    const copies = Number(await workers.textContent());
    const out: ThreeModeRun[] = [];
    await page.getByText('Decoding', { exact: true }).click();
    for (let rep = 0; rep < runs; rep++) {
      // Alternate, the first run (after load) together as a visitor's would be.
      const together = rep % 2 === 0;
      await page.getByTestId('run-together').setChecked(together);
      await page.getByTestId('run').waitFor({ state: 'visible' });
      const from = await page.evaluate((modes) => {
        window.__benchFirsts = [];
        window.__benchDones = [];
        const seen = new Set<string>();
        // Playwright's waitFor polls with a back-off of up to half a second, which would put most of a wait for
        // three panes that finish together into the wall time: the page records when each pane turns done.
        const left = new Set<string>();
        const done = new Set<string>();
        const statuses = new MutationObserver(() => {
          for (const m of modes) {
            const status = document.querySelector(`[data-testid="pane-${m}"]`)?.getAttribute('data-status');
            if (status !== 'done') left.add(m);
            else if (left.has(m) && !done.has(m)) {
              done.add(m);
              window.__benchDones.push(performance.now());
            }
          }
          if (done.size === modes.length) statuses.disconnect();
        });
        statuses.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-status'] });
        const observer = new MutationObserver(() => {
          for (const m of modes) {
            const count = document.querySelector(`[data-testid="pane-${m}"] [data-testid="live-count"]`);
            if (!seen.has(m) && Number.parseInt(count?.textContent ?? '0', 10) > 0) {
              seen.add(m);
              window.__benchFirsts.push(performance.now());
            }
          }
          if (seen.size === modes.length) observer.disconnect();
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        return performance.now();
      }, MODES);
      await page.getByTestId('run').click();
      // The last pane leaves `done` when the new run starts; only then can `done` mean this run.
      await page
        .getByTestId('pane-answer-only')
        .and(page.locator(':not([data-status="done"])'))
        .waitFor({ timeout: 30_000 });
      for (const mode of MODES)
        await page.getByTestId(`pane-${mode}`).and(page.locator('[data-status="done"]')).waitFor({ timeout: 300_000 });
      const dones = await page.evaluate(() => window.__benchDones);
      const to = dones.length === MODES.length ? Math.max(...dones) : await page.evaluate(() => performance.now());
      const tasks = await page.evaluate(
        ([from, to]) => window.__benchLongTasks.filter((t) => t.startTime + t.duration >= from && t.startTime <= to),
        [from, to] as const
      );
      const firsts = await page.evaluate(() => window.__benchFirsts);
      const panes: PaneFigures[] = [];
      for (const mode of MODES) {
        const pane = page.getByTestId(`pane-${mode}`);
        const value = async (stat: string): Promise<string | null> => pane.getByTestId(stat).getAttribute('data-value');
        const decode = await value('stat-decode');
        const ttft = await value('stat-ttft');
        const kept = pane.getByTestId('stat-kept');
        panes.push({
          mode,
          generatedTokens: Number(await value('stat-generated-tokens')),
          ttftMs: ttft === null || ttft === '' ? null : Number(ttft),
          keptTokens: (await kept.count()) > 0 ? Number(await kept.getAttribute('data-value')) : 0,
          decodeTokensPerSec: decode === null || decode === '' ? null : Number(decode),
          text: (await pane.getByTestId('pane-text').textContent()) ?? ''
        });
      }
      out.push({
        rep,
        together,
        workers: together ? copies : 1,
        wallMs: to - from,
        allStreamingMs: firsts.length === MODES.length ? Math.max(...firsts) - from : null,
        longTasks: tasks.length,
        longestTaskMs: tasks.reduce((m, t) => Math.max(m, t.duration), 0),
        panes
      });
    }
    return out;
  } finally {
    await context.close();
  }
}
