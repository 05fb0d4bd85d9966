/**
 * Evaluation throughput on the real app page (WASM): the same generated set, all three modes, asked in
 * batches (the default) and one generation at a time, alternately. Questions per second from the click on
 * Evaluate to the status `done`, with main-thread long tasks over the same span.
 */
import type { Browser } from '@playwright/test';

export interface EvalRun {
  batched: boolean;
  questions: number;
  wallMs: number;
  questionsPerSec: number;
  longTasks: number;
  longestTaskMs: number;
  /**
   * Questions answered right, per mode in the page's order: batches step as one on WASM, where q8 shares its
   * activation scale across a batch, so this shows whether that moves the results.
   */
  rightPerMode: number[];
}

interface LongTask {
  startTime: number;
  duration: number;
}

declare global {
  interface Window {
    __benchEvalTasks: LongTask[];
  }
}

export async function measureEvaluation(
  browser: Browser,
  baseUrl: string,
  questions: number,
  reps: number
): Promise<EvalRun[]> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  try {
    await page.addInitScript(() => {
      window.__benchEvalTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries())
          window.__benchEvalTasks.push({ startTime: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    // Greedy, at most 96 new tokens: the chains of the generated families end well within that.
    await page.goto(`${baseUrl}/?device=wasm&dec=96_0_20_0.95_1&set=mixed_${questions}_7`);
    await page.getByTestId('backend-device').waitFor({ timeout: 180_000 });
    const out: EvalRun[] = [];
    for (let rep = 0; rep < reps * 2; rep++) {
      const batched = rep % 2 === 1;
      await page.getByTestId('eval-batched').setChecked(batched);
      const from = await page.evaluate(() => performance.now());
      await page.getByTestId('eval-run').click();
      await page.getByTestId('eval-status').and(page.locator('[data-status="running"]')).waitFor();
      await page.getByTestId('eval-status').and(page.locator('[data-status="done"]')).waitFor({ timeout: 600_000 });
      const to = await page.evaluate(() => performance.now());
      const tasks = await page.evaluate(
        ([from, to]) => window.__benchEvalTasks.filter((t) => t.startTime + t.duration >= from && t.startTime <= to),
        [from, to] as const
      );
      const rightPerMode = await page
        .locator('[data-testid^="acc-row-"]')
        .evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-correct'))));
      out.push({
        rightPerMode,
        batched,
        questions,
        wallMs: to - from,
        questionsPerSec: (questions * 1000) / (to - from),
        longTasks: tasks.length,
        longestTaskMs: tasks.reduce((m, t) => Math.max(m, t.duration), 0)
      });
    }
    return out;
  } finally {
    await context.close();
  }
}
