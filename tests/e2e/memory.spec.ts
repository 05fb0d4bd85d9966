import { expect, test } from '@playwright/test';
import { HeapProbe, topGrowth, type HeapFigures } from './heapProbe.ts';
import { blockOtherOrigins, note, originOf, setMaxNewTokens, waitReady } from './helpers.ts';
import { QuietDriver } from './quietDriver.ts';

// CI keeps this short; `npm run test:memory` runs the full check (50 runs of the three modes, 5 reloads).
const RUNS = Number(process.env.MEMORY_RUNS ?? 4);
const RELOADS = Number(process.env.MEMORY_RELOADS ?? 1);
const MAX_NEW_TOKENS = process.env.MEMORY_MAX_NEW_TOKENS ? Number(process.env.MEMORY_MAX_NEW_TOKENS) : null;
const TOLERANCE = 1.1;

/**
 * The limit applies to both V8 heaps as V8 reports them (compiled code included) and to what the app keeps
 * alive (heap-snapshot objects, wasm memory included in the worker's). Playwright's trace snapshotter and
 * locators run inside the page's heap, so this test records no trace and drives the page with QuietDriver.
 */
test.use({ trace: 'off' });

const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(2)} MB`;
const figures = (h: HeapFigures): string =>
  `${mb(h.objectsBytes)} objects + ${mb(h.codeBytes)} code (JS heap used ${mb(h.usedBytes)})`;
const ratio = (a: number, b: number): string => `×${(b / a).toFixed(3)}`;

test(`${RUNS} runs of the three modes and ${RELOADS} reloads keep page and worker heaps within 10%`, async ({
  page,
  context
}, info) => {
  test.skip(info.project.metadata.device !== 'wasm', 'WASM project only');
  test.setTimeout(60_000 + RUNS * 30_000 + RELOADS * 60_000);
  const blocked = await blockOtherOrigins(context, originOf(info));
  const probe = new HeapProbe(await context.newCDPSession(page));
  await probe.start();
  await page.goto('/?device=wasm');
  await waitReady(page);
  // Runs as a user makes them (the default length, answers to the end) unless told otherwise.
  if (MAX_NEW_TOKENS !== null) await setMaxNewTokens(page, MAX_NEW_TOKENS);

  const driver = new QuietDriver(await context.newCDPSession(page));
  const run = (): Promise<void> => driver.runAll();
  const report = async (label: string): Promise<{ page: HeapFigures; worker: HeapFigures }> => {
    const m = await probe.measure();
    note(info, label, `page ${figures(m.page)}; worker ${figures(m.worker)}`);
    return m;
  };
  await run();
  const base = await report('after run 1');
  let last = base;
  for (let i = 2; i <= RUNS; i++) {
    await run();
    if (i % 10 === 0 || i === RUNS) last = await report(`after run ${i}`);
  }
  for (let r = 1; r <= RELOADS; r++) {
    await driver.reload();
    await run();
    last = await report(`after reload ${r} and a run`);
  }
  note(
    info,
    'growth since run 1',
    `objects: page ${ratio(base.page.objectsBytes, last.page.objectsBytes)}, worker ${ratio(base.worker.objectsBytes, last.worker.objectsBytes)}; ` +
      `JS heap: page ${ratio(base.page.usedBytes, last.page.usedBytes)}, worker ${ratio(base.worker.usedBytes, last.worker.usedBytes)} ` +
      `(limit ×${TOLERANCE}); code: page ${ratio(base.page.codeBytes, last.page.codeBytes)}`
  );
  note(info, 'page: most grown', topGrowth(base.page, last.page));
  note(info, 'page: most grown code', topGrowth(base.page, last.page, 12, true));
  expect(last.page.objectsBytes / base.page.objectsBytes).toBeLessThanOrEqual(TOLERANCE);
  expect(last.worker.objectsBytes / base.worker.objectsBytes).toBeLessThanOrEqual(TOLERANCE);
  expect(last.page.usedBytes / base.page.usedBytes).toBeLessThanOrEqual(TOLERANCE);
  expect(last.worker.usedBytes / base.worker.usedBytes).toBeLessThanOrEqual(TOLERANCE);
  expect(blocked).toEqual([]);
});
