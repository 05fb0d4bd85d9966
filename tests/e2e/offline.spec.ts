import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { headersFor, parseHeadersFile } from '../../scripts/headers.ts';
import { MODES, expectAllDone, note, pane, setMaxNewTokens, waitReady } from './helpers.ts';
import { serveStatic, type StaticServer } from './staticServer.ts';

const DIST = process.env.E2E_OUT_DIR ?? 'dist';

test.use({ serviceWorkers: 'allow' });
test.beforeEach(() => test.skip(test.info().project.metadata.device !== 'wasm', 'WASM project only'));

let server: StaticServer | null = null;
test.afterEach(async () => {
  await server?.close();
  server = null;
});

test('after one visit, a reload with the network cut still runs the bundled model, and the page says so', async ({
  page,
  context
}, info) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // The production build on its own host with its production headers, so cutting the network is
  // closing this server: nothing can answer but what the browser stored.
  const rules = parseHeadersFile(readFileSync(join(DIST, '_headers'), 'utf8'));
  const host = await serveStatic(DIST, (path) => headersFor(rules, path));
  server = host;
  const served: string[] = [];
  page.on('request', (r) => served.push(new URL(r.url()).pathname));

  await page.goto(`${host.origin}/?device=wasm`);
  await waitReady(page);
  const status = page.getByTestId('offline-status');
  await expect(status).toHaveAttribute('data-kind', 'saved', { timeout: 120_000 });
  await expect(status).toContainText('Works offline');
  await setMaxNewTokens(page, 16);
  await page.getByTestId('run').click();
  await expectAllDone(page);
  const online: Record<string, string> = {};
  for (const mode of MODES) online[mode] = (await pane(page, mode).getByTestId('pane-text').textContent()) ?? '';

  // The copy holds the one ONNX Runtime build this backend loaded (plain, for WASM), not both.
  const runtime = await page.evaluate(async () => {
    const names = (await caches.keys()).filter((n) => n.startsWith('think-small-app-'));
    const keys = (await Promise.all(names.map(async (n) => (await caches.open(n)).keys()))).flat();
    return keys.map((r) => new URL(r.url).pathname).filter((p) => p.includes('/ort-wasm-'));
  });
  expect(runtime.some((p) => /ort-wasm-simd-threaded-[^.]+\.wasm$/.test(p))).toBe(true);
  expect(runtime.some((p) => p.includes('asyncify'))).toBe(false);

  await host.close();
  server = null;
  await expect(fetch(`${host.origin}/`)).rejects.toThrow();
  await context.setOffline(true);
  served.length = 0;

  await page.reload();
  await waitReady(page);
  // Some Chromium builds (150) report navigator.onLine as true again after a reload under Playwright's offline
  // emulation; cutting it again after the reload raises the `offline` event the page listens for. The server is
  // closed throughout, so nothing could be fetched in between.
  if (await page.evaluate(() => navigator.onLine)) {
    await context.setOffline(false);
    await context.setOffline(true);
  }
  await expect(status).toHaveAttribute('data-kind', 'offline');
  await expect(status).toContainText('Offline');
  await expect(page.getByTestId('backend-device')).toHaveText('WASM');
  await page.getByTestId('run').click();
  await expectAllDone(page);
  // Greedy decoding from the same stored files: the same answers as online.
  for (const mode of MODES) await expect(pane(page, mode).getByTestId('pane-text')).toHaveText(online[mode] ?? '');
  note(
    info,
    'requests after the cut',
    `${served.length}, all answered from the service worker's copy or the model cache`
  );
  expect(pageErrors).toEqual([]);
});
