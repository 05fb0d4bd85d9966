import { expect, test } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MODES, appOrigin, blockOtherOrigins, note, screenshotPath, waitForModel } from './talk-helpers.ts';

/** A second origin (127.0.0.1 on its own port, not localhost) serving a page that embeds the app. */
let server: Server;
let hostOrigin = '';
let embedSrc = '';

test.beforeAll(async () => {
  const info = test.info();
  // Short generations: the embed test checks the frame works, not what the model says. E2E_DOCS=1 lets the model
  // finish its answers, for the README screenshot.
  const dec = process.env.E2E_DOCS === '1' ? '' : '&dec=16_0_20_0.95_1';
  embedSrc = `${appOrigin(info)}/?embed=1&device=wasm${dec}`;
  server = createServer((req, res) => {
    const small = req.url?.startsWith('/small') === true;
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html><head><title>A blog post</title></head>
<body style="font-family: sans-serif; margin: 24px; background: #eef0f4">
<h1>My talk on chain-of-thought</h1>
<p>Here is the demo, embedded from another site:</p>
<iframe src="${embedSrc.replace(/&/g, '&amp;')}" title="Think Small" style="border: 1px solid #999; width: ${
      small ? '360px' : '100%'
    }; height: ${small ? '420px' : '620px'}"></iframe>
</body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hostOrigin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

test('?embed=1 works inside a cross-origin iframe: question, panes, a run, a link back', async ({ page }, info) => {
  test.skip(info.project.name !== 'wasm', 'the embed is the same on every backend; checked on WASM');
  const blocked = await blockOtherOrigins(page, [appOrigin(info), hostOrigin]);
  await page.setViewportSize({ width: 1280, height: 760 });
  await page.goto(`${hostOrigin}/`);
  const frame = page.frameLocator('iframe');
  expect(new URL(page.url()).origin).not.toBe(appOrigin(info));

  await waitForModel(frame);
  await expect(frame.getByTestId('embed-question')).not.toBeEmpty();
  // Only the question and the panes: no settings, no evaluation, no header.
  await expect(frame.getByTestId('device-select')).toHaveCount(0);
  await expect(frame.getByTestId('eval-run')).toHaveCount(0);
  await expect(frame.getByTestId('permalink')).toHaveCount(0);
  const source = frame.getByTestId('embed-source');
  await expect(source).toHaveAttribute('target', '_blank');
  const href = await source.getAttribute('href');
  expect(href?.startsWith(`${appOrigin(info)}/`)).toBe(true);
  expect(href).not.toContain('embed=');

  await frame.getByTestId('run').click();
  for (const mode of MODES)
    await expect(frame.getByTestId(`pane-${mode}`)).toHaveAttribute('data-status', 'done', { timeout: 180_000 });
  await expect(frame.getByTestId('pane-zero-shot-cot').getByTestId('pane-text')).not.toBeEmpty();
  const inner = page.frames().find((f) => f.url().startsWith(appOrigin(info)));
  const isolated = await inner?.evaluate(() => crossOriginIsolated);
  note(info, 'embed', `ran in a frame inside ${hostOrigin}; crossOriginIsolated in the frame: ${String(isolated)}`);

  await page.screenshot({ path: screenshotPath(info, 'talk-embed.png'), fullPage: true });
  expect(blocked).toEqual([]);
});

test('the embed fits a small iframe without horizontal scrolling', async ({ page }, info) => {
  test.skip(info.project.name !== 'wasm', 'layout only; checked once');
  await blockOtherOrigins(page, [appOrigin(info), hostOrigin]);
  await page.goto(`${hostOrigin}/small`);
  const frame = page.frames().find((f) => f.url().startsWith(appOrigin(info)));
  await expect.poll(() => page.frames().some((f) => f.url().startsWith(appOrigin(info)))).toBe(true);
  const app = frame ?? page.frames().find((f) => f.url().startsWith(appOrigin(info)));
  if (app === undefined) throw new Error('no app frame');
  await expect(app.getByTestId('embed-question')).toBeVisible();
  const overflow = await app.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(app.getByTestId('embed-source')).toBeVisible();
});
