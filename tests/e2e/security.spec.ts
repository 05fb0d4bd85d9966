import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { headersFor, parseHeadersFile } from '../../scripts/headers.ts';
import { chooseThreads } from '$lib/engine/shared/device.ts';
import {
  blockOtherOrigins,
  engineWorkers,
  expectAllDone,
  note,
  originOf,
  pane,
  prefixEngineWorker,
  setMaxNewTokens,
  setQuestion,
  waitReady
} from './helpers.ts';
import { serveStatic, type StaticServer } from './staticServer.ts';

const DIST = process.env.E2E_OUT_DIR ?? 'dist';

/** Each payload bumps `window.__xss` if it ever runs; CSP would also report it as a violation. */
const PAYLOADS = [
  '<img src=x onerror="window.__xss=(window.__xss||0)+1">',
  '<svg onload="window.__xss=(window.__xss||0)+1"><circle r="1"/></svg>',
  '[click](javascript:window.__xss=1)',
  '<a href="javascript:window.__xss=1">link</a>',
  '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
  '**half-finished <b>bold _and [link](javascript:',
  '<scr',
  'ipt>window.__xss=1</scr',
  'ipt>'
];
const ALL = PAYLOADS.join(' ');

declare global {
  interface Window {
    __xss?: number;
    __csp: string[];
  }
}

// The question and exemplars take the same path on either backend; SwiftShader would only be slower.
test.beforeEach(() => test.skip(test.info().project.metadata.device !== 'wasm', 'WASM project only'));

/** Records CSP violations in the page (init script) and in the engine worker (a listener ahead of its code). */
async function watchCsp(page: Page, context: BrowserContext, extraWorkerSource = ''): Promise<string[]> {
  const console: string[] = [];
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`)
    );
  });
  await prefixEngineWorker(
    context,
    `self.__csp = []; self.addEventListener('securitypolicyviolation', (e) => self.__csp.push(e.violatedDirective + ' ' + e.blockedURI));\n${extraWorkerSource}`
  );
  const onConsole = (text: string): void => {
    if (/Content Security Policy|Refused to/i.test(text)) console.push(text);
  };
  page.on('console', (m) => onConsole(m.text()));
  page.on('worker', (w) => w.on('console', (m) => onConsole(m.text())));
  page.on('dialog', (d) => {
    console.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  return console;
}

async function expectClean(page: Page, workers: readonly Worker[], consoleHits: readonly string[]): Promise<void> {
  expect(await page.evaluate(() => window.__xss), 'canary').toBeUndefined();
  expect(await page.evaluate(() => window.__csp), 'CSP violations in the page').toEqual([]);
  for (const w of workers)
    expect(
      await w.evaluate(() => (self as unknown as { __csp: string[] }).__csp),
      'CSP violations in the worker'
    ).toEqual([]);
  expect(consoleHits, 'CSP messages on the console, dialogs').toEqual([]);
  expect(
    await page.evaluate(
      () =>
        document.querySelectorAll(
          'main img, main svg, main iframe, main script, main object, main embed, a[href^="javascript:"]'
        ).length
    ),
    'elements injected by a payload'
  ).toBe(0);
}

/**
 * Isolation reaches the engine worker (SharedArrayBuffer, so onnxruntime may start threads), and the
 * engine took its default thread count for an isolated page on this machine (one below four cores).
 */
async function expectIsolatedEngine(page: Page, workers: readonly Worker[]): Promise<void> {
  const worker = workers.at(-1);
  if (worker === undefined) throw new Error('no engine worker');
  expect(await worker.evaluate(() => self.crossOriginIsolated && typeof SharedArrayBuffer === 'function')).toBe(true);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  await expect(page.getByTestId('backend-threads')).toHaveText(String(chooseThreads(true, cores)));
}

test('payloads as the question, exemplars and trigger render as text and never run', async ({
  page,
  context
}, info) => {
  const blocked = await blockOtherOrigins(context, originOf(info));
  const hits = await watchCsp(page, context);
  const workers = engineWorkers(page);
  await page.goto('/?device=wasm');
  await waitReady(page);
  await setMaxNewTokens(page, 8);
  await setQuestion(page, `What is 2 plus 3? ${ALL}`);
  await page.getByText('Prompts', { exact: true }).click();
  await page
    .getByLabel('Question', { exact: true })
    .nth(1)
    .fill(PAYLOADS[0] ?? '');
  await page.getByLabel('Reasoning').first().fill(`${PAYLOADS[1]} ${PAYLOADS[4]}. The answer is 5.`);
  await page
    .getByLabel('Answer')
    .first()
    .fill(PAYLOADS[3] ?? '');
  await page.getByTestId('trigger-input').fill(`${PAYLOADS[2]} Let's think step by step.`);
  await page.getByTestId('run').click();
  await expectAllDone(page);
  await expect(pane(page, 'few-shot-cot').getByTestId('pane-prompt')).toContainText(PAYLOADS[0] ?? '');
  await expect(pane(page, 'few-shot-cot').getByTestId('pane-prompt')).toContainText('<iframe srcdoc=');
  await expectClean(page, workers, hits);
  expect(blocked).toEqual([]);
});

test('payloads streamed as model output, half-finished tags included, render as text and never run', async ({
  page,
  context
}, info) => {
  const blocked = await blockOtherOrigins(context, originOf(info));
  // The worker's replies are rewritten on their way out: every group of streamed tokens becomes a piece of
  // a payload.
  const hits = await watchCsp(
    page,
    context,
    `{ const pieces = ${JSON.stringify(PAYLOADS.flatMap((p) => [p.slice(0, 7), p.slice(7)]))}; let i = 0;
       const post = self.postMessage.bind(self);
       self.postMessage = (m, t) => {
         if (m && m.type === 'tokens') m = { ...m, text: (pieces[i++ % pieces.length] ?? '') + ' ' };
         if (m && m.type === 'done') { m = { ...m, text: ${JSON.stringify(ALL)} }; i = 0; }
         return post(m, t);
       }; }`
  );
  const workers = engineWorkers(page);
  await page.goto('/?device=wasm');
  await waitReady(page);
  await setMaxNewTokens(page, 24);
  await page.getByTestId('run').click();
  await expectAllDone(page);
  for (const mode of ['zero-shot-cot', 'few-shot-cot', 'answer-only'] as const)
    await expect(pane(page, mode).getByTestId('pane-text')).toHaveText(ALL);
  await expectClean(page, workers, hits);
  expect(blocked).toEqual([]);
});

test.describe('static-host headers', () => {
  let servers: StaticServer[] = [];
  test.afterEach(async () => {
    await Promise.all(servers.map((s) => s.close()));
    servers = [];
  });

  test('the build served with public/_headers: strict CSP and isolation, no violation during load, a run, an evaluation and every export', async ({
    page,
    context
  }, info) => {
    const rules = parseHeadersFile(readFileSync(join(DIST, '_headers'), 'utf8'));
    const app = await serveStatic(DIST, (path) => headersFor(rules, path));
    // frame-ancestors lets another site embed the app: this one does, from another origin.
    const embedder = await serveStatic(DIST, () => ({}), {
      '/embed.html': `<!doctype html><iframe src="${app.origin}/?device=wasm" width="800" height="600"></iframe>`
    });
    servers.push(app, embedder);
    const blocked = await blockOtherOrigins(context, app.origin, embedder.origin);
    const hits = await watchCsp(page, context);
    const workers = engineWorkers(page);
    // Eight new tokens and a three-question evaluation set: every path runs, briefly.
    const res = await page.goto(`${app.origin}/?device=wasm&dec=8_0_20_0.95_1&set=mixed_3_2022`);
    const headers = res?.headers() ?? {};
    const csp = headers['content-security-policy'] ?? '';
    note(info, 'CSP', csp);
    for (const directive of [
      "script-src 'self' 'wasm-unsafe-eval'",
      "object-src 'none'",
      "base-uri 'none'",
      'frame-ancestors *',
      "connect-src 'self' https://huggingface.co https://*.huggingface.co https://*.hf.co"
    ])
      expect(csp).toContain(directive);
    expect(headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(headers['cross-origin-embedder-policy']).toBe('require-corp');
    await waitReady(page);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await expectIsolatedEngine(page, workers);
    await page.getByTestId('run').click();
    await expectAllDone(page);
    await page.getByTestId('eval-run').click();
    await expect(page.getByTestId('eval-status')).toHaveAttribute('data-status', 'done', { timeout: 240_000 });
    await expect(page.getByTestId('chart-accuracy')).toHaveAttribute('data-ready', 'true');
    const formats = ['json', 'csv', 'md'];
    for (const id of [...formats.flatMap((f) => [`run-export-${f}`, `eval-export-${f}`]), 'chart-accuracy-png']) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(id).click()]);
      note(info, `export ${id}`, download.suggestedFilename());
    }
    await expectClean(page, workers, hits);
    expect(blocked).toEqual([]);

    await page.goto(`${embedder.origin}/embed.html`);
    const frame = page.frameLocator('iframe');
    await expect(frame.getByRole('heading', { name: 'Think Small' })).toBeVisible();
    await expect(frame.getByTestId('backend-device')).toHaveText('WASM', { timeout: 120_000 });
  });

  // The suite blocks service workers (they hide requests from Playwright's routing); this host needs one.
  test.describe('without headers', () => {
    test.use({ serviceWorkers: 'allow' });

    test('a host that cannot set headers: the CSP <meta> applies and the service worker brings isolation', async ({
      page,
      context
    }) => {
      const bare = await serveStatic(DIST);
      servers.push(bare);
      const blocked = await blockOtherOrigins(context, bare.origin);
      const hits = await watchCsp(page, context);
      const workers = engineWorkers(page);
      await page.goto(`${bare.origin}/?device=wasm`);
      const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      expect(meta).toContain("script-src 'self' 'wasm-unsafe-eval'");
      expect(meta).not.toContain('frame-ancestors');
      // The first visit registers the worker and reloads once; then the page is isolated.
      // A poll that lands during that reload finds no page to ask: it counts as not yet isolated.
      await expect
        .poll(() => page.evaluate(() => crossOriginIsolated).catch(() => false), { timeout: 60_000 })
        .toBe(true);
      await waitReady(page);
      await expectIsolatedEngine(page, workers);
      expect(await page.evaluate(() => window.__csp)).toEqual([]);
      expect(hits).toEqual([]);
      expect(blocked).toEqual([]);
    });
  });
});
