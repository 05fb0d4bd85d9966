import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import {
  blockOtherOrigins,
  clickWhenStreaming,
  deviceOf,
  expectAllDone,
  MODES,
  note,
  pane,
  setMaxNewTokens,
  waitReady
} from './helpers.ts';
import { GOOD_ID, TIED_PARAMETERS, WEIGHTS } from './mockHub.ts';
import { downloadText } from './talk-helpers.ts';
import { HUB_APP_URL, MOCK_HUB_URL } from './ports.ts';

// The app build pointed at the local Hub stand-in; the network beyond the app and the stand-in is blocked.
test.use({ baseURL: HUB_APP_URL });

async function hubRequests(request: APIRequestContext): Promise<Record<string, number>> {
  return (await (await request.get(`${MOCK_HUB_URL}__requests`)).json()) as Record<string, number>;
}

const total = (counts: Record<string, number>): number => Object.values(counts).reduce((a, b) => a + b, 0);
const weightsGets = (counts: Record<string, number>): number =>
  Object.entries(counts)
    .filter(([k]) => k.startsWith(`GET /${GOOD_ID}/resolve/`) && k.endsWith(WEIGHTS))
    .reduce((a, [, n]) => a + n, 0);

async function open(page: Page, device: string): Promise<void> {
  await blockOtherOrigins(page.context(), new URL(HUB_APP_URL).origin, new URL(MOCK_HUB_URL).origin);
  await page.goto(`/?device=${device}`);
  await waitReady(page);
}

async function check(page: Page, id: string): Promise<void> {
  await page.getByTestId('hub-select').selectOption('custom');
  await page.getByTestId('hub-id').fill(id);
  await page.getByTestId('hub-check').click();
  await expect(page.getByTestId('hub-facts').or(page.getByTestId('hub-error'))).toBeVisible();
}

async function runOnce(page: Page): Promise<void> {
  await setMaxNewTokens(page, 12);
  await page.getByTestId('run').click();
  await expectAllDone(page);
}

test.beforeEach(async ({ request }, info) => {
  test.skip(deviceOf(info) !== 'wasm', 'the Hub paths do not depend on the backend; WASM runs them fastest');
  await request.get(`${MOCK_HUB_URL}__reset`);
});

test('the bundled model as a Hub model: checked, downloaded with progress, cached, and a reload downloads nothing', async ({
  page,
  request
}, info) => {
  await open(page, 'wasm');
  await check(page, GOOD_ID);
  await expect(page.getByTestId('hub-arch')).toHaveText('llama');
  await expect(page.getByTestId('hub-dtype')).toHaveText('q8 on wasm');
  await expect(page.getByTestId('hub-missing')).toHaveText(/MB$/);
  // The check read only the small files; the weights wait for the user.
  expect(weightsGets(await hubRequests(request))).toBe(0);

  await page.getByTestId('hub-download').click();
  await expect(page.getByTestId('current-model')).toHaveText('think-small/think-small-3m', { timeout: 180_000 });
  await waitReady(page);
  await expect(page.getByTestId('hub-file')).toHaveCount(6);
  await expect(page.locator(`[data-testid="hub-file"][data-file="${WEIGHTS}"]`)).toContainText('3.4 MB of 3.4 MB');
  await expect(page.getByTestId('hub-total')).toContainText(/^3\.\d MB of 3\.\d MB/);
  await expect(page.getByTestId('hub-total-bar')).toHaveAttribute('value', '100');
  const first = await hubRequests(request);
  expect(weightsGets(first)).toBe(1);
  note(info, 'requests for the first load', JSON.stringify(first));

  await runOnce(page);

  await page.getByTestId('cache-panel').locator('summary').click();
  await expect(page.locator(`[data-testid="cache-row"][data-model="${GOOD_ID}"]`)).toContainText('files');
  await expect(page.getByTestId('cache-usage')).toContainText('left for this site');

  // A reload: the file list and every file come from the cache, so the Hub sees no request at all.
  await page.reload();
  await waitReady(page);
  await check(page, GOOD_ID);
  await expect(page.getByTestId('hub-missing')).toHaveText('nothing (cached)');
  await page.getByTestId('hub-download').click();
  await expect(page.getByTestId('current-model')).toHaveText(GOOD_ID, { timeout: 180_000 });
  await waitReady(page);
  const second = await hubRequests(request);
  expect(total(second), `no request after the reload: ${JSON.stringify(second)}`).toBe(total(first));
  await runOnce(page);

  // A damaged cached copy of the weights is found on the next load and fetched again.
  await page.evaluate(
    async ({ id, weights }) => {
      const cache = await caches.open('think-small-models');
      const key = (await cache.keys()).find((r) => r.url.includes(`/${id}/resolve/`) && r.url.endsWith(weights));
      if (key === undefined) throw new Error('weights not cached');
      await cache.put(key, new Response('not the weights'));
    },
    { id: GOOD_ID, weights: WEIGHTS }
  );
  await page.reload();
  await waitReady(page);
  await check(page, GOOD_ID);
  await page.getByTestId('hub-download').click();
  await expect(page.getByTestId('current-model')).toHaveText(GOOD_ID, { timeout: 180_000 });
  await waitReady(page);
  const third = await hubRequests(request);
  expect(weightsGets(third), JSON.stringify(third)).toBe(2);
});

test("switching to a Hub model mid-run cancels the run; no token of it reaches the new model's panes", async ({
  page
}) => {
  await open(page, 'wasm');
  await setMaxNewTokens(page, 160);
  await check(page, GOOD_ID);
  // The download starts while the first pane streams; nothing else ends that run early.
  await clickWhenStreaming(page, 'zero-shot-cot', '[data-testid="hub-download"]');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('current-model')).toHaveText(GOOD_ID, { timeout: 180_000 });
  await waitReady(page);
  // The new model's prompts replace the old ones, so its panes start empty, and stay so: the old run is over.
  for (const mode of MODES) {
    await expect(pane(page, mode)).toHaveAttribute('data-status', 'idle');
    await expect(pane(page, mode).getByTestId('pane-text')).toHaveText('');
  }
  expect(await page.evaluate(() => window.__tokensAtStop)).toBeGreaterThan(0);
  await runOnce(page);
  for (const mode of MODES) await expect(pane(page, mode).getByTestId('pane-stopped')).toHaveCount(0);
});

const BROKEN: [string, RegExp, 'check' | 'download'][] = [
  ['not a model id', /is not a Hub model id: write it as owner\/name/, 'check'],
  ['test/not-found', /Model test\/not-found at revision main was not found on the Hub \(HTTP 404\)/, 'check'],
  ['test/gated', /test\/gated needs a signed-in account \(HTTP 401\)/, 'check'],
  [
    'test/no-cors',
    /Could not reach localhost:\d+ \(Failed to fetch\): you may be offline, or a network filter or CORS blocked/,
    'check'
  ],
  ['test/html-page', /config\.json came back as a web page, not the file/, 'check'],
  ['test/no-onnx', /test\/no-onnx has no ONNX weights/, 'check'],
  ['test/bert', /test\/bert is a "bert" model, which transformers\.js cannot generate text with/, 'check'],
  [
    'test/missing-file',
    /onnx\/model_quantized\.onnx of test\/missing-file was not found on the Hub \(HTTP 404\)/,
    'download'
  ],
  ['test/truncated-onnx', /onnx\/model_quantized\.onnx arrived cut short \(1\.8 MB of 3\.6 MB\)/, 'download'],
  ['test/network-drop', /connection was lost while downloading onnx\/model_quantized\.onnx/, 'download']
];

test('each broken Hub model gets its own readable error, and the loaded model keeps working', async ({
  page
}, info) => {
  await open(page, 'wasm');
  for (const [id, message, stage] of BROKEN) {
    await check(page, id);
    if (stage === 'download') {
      await expect(page.getByTestId('hub-facts')).toBeVisible();
      await page.getByTestId('hub-download').click();
    }
    await expect(page.getByTestId('hub-error')).toHaveText(message);
    note(info, id, (await page.getByTestId('hub-error').textContent()) ?? '');
    await expect(page.getByTestId('current-model')).toHaveText('think-small-3m');
  }
  await expect(page.getByTestId('load-error')).toHaveCount(0);
  await runOnce(page);
});

test('a large download asks first; a slow one shows its speed and can be cancelled', async ({ page }) => {
  await open(page, 'wasm');
  await check(page, 'test/large');
  await expect(page.getByTestId('hub-missing')).toContainText('MB');
  await page.getByTestId('hub-download').click();
  await expect(page.getByTestId('hub-confirm')).toContainText('This downloads');
  await page.getByRole('button', { name: 'Not now' }).click();
  await expect(page.getByTestId('hub-confirm')).toHaveCount(0);

  await check(page, 'test/slow');
  await page.getByTestId('hub-download').click();
  await expect(page.getByTestId('hub-total')).toContainText('/s');
  await page.getByTestId('hub-cancel').click();
  await expect(page.getByTestId('hub-error')).toHaveText('The download of test/slow was cancelled.');
  await expect(page.getByTestId('current-model')).toHaveText('think-small-3m');
  await runOnce(page);
});

test("after switching to a Hub model, the paper panel and every export show that model's own parameter count", async ({
  page
}) => {
  const own = String(TIED_PARAMETERS);
  const withCommas = TIED_PARAMETERS.toLocaleString('en-US');
  await open(page, 'wasm');
  await expect(page.getByTestId('model-parameters')).toHaveAttribute('data-value', '2788000');
  await check(page, 'test/tied-embeddings');
  await page.getByTestId('hub-download').click();
  await expect(page.getByTestId('current-model')).toHaveText('test/tied-embeddings', { timeout: 180_000 });
  await waitReady(page);
  await expect(page.getByTestId('model-parameters')).toHaveAttribute('data-value', own);

  await runOnce(page);
  await page.getByTestId('eval-choice-presets').click();
  await page.getByTestId('eval-mode-zero-shot-cot').uncheck();
  await page.getByTestId('eval-mode-few-shot-cot').uncheck();
  await page.getByTestId('eval-run').click();
  await expect(page.getByTestId('eval-status')).toHaveAttribute('data-status', 'done', { timeout: 240_000 });

  for (const kind of ['run', 'eval'] as const) {
    const json = await downloadText(page, () => page.getByTestId(`${kind}-export-json`).click());
    const model = (JSON.parse(json.text) as { model: { id: string; parameters: number } }).model;
    expect(model, `${kind} JSON`).toMatchObject({ id: 'test/tied-embeddings', parameters: TIED_PARAMETERS });
    const csv = await downloadText(page, () => page.getByTestId(`${kind}-export-csv`).click());
    const [header = '', ...rows] = csv.text.trimEnd().split('\r\n');
    expect(header.endsWith(',model,parameters'), `${kind} CSV header`).toBe(true);
    for (const row of rows) expect(row.endsWith(`,test/tied-embeddings,${own}`), `${kind} CSV row`).toBe(true);
    const md = await downloadText(page, () => page.getByTestId(`${kind}-export-md`).click());
    expect(md.text, `${kind} Markdown`).toContain(`Model test/tied-embeddings (${withCommas} parameters)`);
  }
});

test('switching to a Hub model mid-evaluation cancels it cleanly, and the next evaluation runs on the new model', async ({
  page
}) => {
  await open(page, 'wasm');
  await setMaxNewTokens(page, 40);
  await check(page, GOOD_ID);
  await page.getByTestId('eval-run').click();
  await expect(page.getByTestId('acc-row-zero-shot-cot')).not.toHaveAttribute('data-n', '0', { timeout: 60_000 });
  await page.getByTestId('hub-download').click();
  await expect(page.getByTestId('eval-status')).toHaveAttribute('data-status', 'stopped', { timeout: 60_000 });
  await expect(page.getByTestId('eval-status')).toContainText('Cancelled when a model was loaded');
  await expect(page.getByTestId('current-model')).toHaveText(GOOD_ID, { timeout: 180_000 });
  await waitReady(page);
  const stopped = JSON.parse((await downloadText(page, () => page.getByTestId('eval-export-json').click())).text) as {
    complete: boolean;
    model: { id: string };
  };
  expect(stopped).toMatchObject({ complete: false, model: { id: 'think-small-3m' } });

  await page.getByTestId('eval-choice-presets').click();
  await page.getByTestId('eval-run').click();
  await expect(page.getByTestId('eval-status')).toHaveAttribute('data-status', 'done', { timeout: 240_000 });
  const next = JSON.parse((await downloadText(page, () => page.getByTestId('eval-export-json').click())).text) as {
    complete: boolean;
    model: { id: string };
    records: { error: string | null }[];
  };
  expect(next).toMatchObject({ complete: true, model: { id: GOOD_ID } });
  expect(next.records.every((r) => r.error === null)).toBe(true);
  // The live run works on the new model too.
  await runOnce(page);
});
