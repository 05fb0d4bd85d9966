import { expect, test } from '@playwright/test';
import {
  MODES,
  blockOtherOrigins,
  deviceOf,
  engineWorkers,
  expectAllDone,
  note,
  oneAtATime,
  openApp,
  originOf,
  pane,
  prefixEngineWorker,
  setMaxNewTokens,
  setQuestion,
  statValue,
  clickWhenStreaming,
  waitReady
} from './helpers.ts';

// Faults are the same on either backend; SwiftShader would make each of these minutes long. The
// WebGPU-only fault (a lost device) is at the end.
const wasmOnly = (): void => test.skip(test.info().project.metadata.device !== 'wasm', 'WASM project only');

let pageErrors: string[];
let blocked: string[];

test.beforeEach(async ({ page, context }, info) => {
  pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  blocked = await blockOtherOrigins(context, originOf(info));
});

test.afterEach(() => {
  expect(pageErrors, 'uncaught errors in the page').toEqual([]);
  expect(blocked, 'requests outside the origin').toEqual([]);
});

test.describe('faults and hostile input', () => {
  test.beforeEach(wasmOnly);

  test('stopping one pane mid-stream keeps its partial text; the other panes and the next run are unaffected', async ({
    page,
    context
  }, info) => {
    // The worker notes how many tokens it had generated when the interrupt reached it, and at the end:
    // that is the engine's stop latency, free of how far the main thread lagged behind the stream. Tokens
    // leave in groups, each with its time, so a token counts as before the interrupt by its time, not by
    // when its group was posted.
    await prefixEngineWorker(
      context,
      // Counted for the interrupted run only: the other modes stream in the same batch.
      `self.__posted = {}; self.__before = {}; self.__target = null; self.__interruptAt = -1; self.__atInterrupt = -1; self.__atDone = -1;
       self.addEventListener('message', (e) => { if (e.data && e.data.type === 'interrupt' && self.__interruptAt < 0) { self.__interruptAt = performance.now(); self.__target = e.data.runId; } });
       { const post = self.postMessage.bind(self); self.postMessage = (m, t) => {
           if (m && m.type === 'tokens') { self.__posted[m.runId] = (self.__posted[m.runId] || 0) + m.at.length; self.__before[m.runId] = (self.__before[m.runId] || 0) + m.at.filter((at) => self.__interruptAt < 0 || at <= self.__interruptAt).length; }
           if (m && m.type === 'done' && m.runId === self.__target && self.__atDone < 0) { self.__atInterrupt = self.__before[m.runId] || 0; self.__atDone = self.__posted[m.runId] || 0; }
           return post(m, t); }; }`
    );
    // The stopped pane may run on a copy of the engine: every worker is asked, the one that got the interrupt answers.
    const workers = engineWorkers(page, 'copies too');
    await openApp(page, info);
    await clickWhenStreaming(page, 'zero-shot-cot', '[data-testid="pane-zero-shot-cot"] [data-testid="pane-stop"]');
    await page.getByTestId('run').click();
    const stopped = pane(page, 'zero-shot-cot');
    await expect(stopped).toHaveAttribute('data-status', 'stopped', { timeout: 120_000 });
    await expect(stopped.getByTestId('pane-stopped')).toContainText('Stopped by you');
    const partial = await stopped.getByTestId('pane-text').textContent();
    expect(partial?.trim()).not.toBe('');
    const atStop = await page.evaluate(() => window.__tokensAtStop);
    const generated = await statValue(page, 'zero-shot-cot', 'stat-generated-tokens');
    const seen = await Promise.all(
      workers.map((worker) =>
        worker
          .evaluate(() => {
            const w = self as unknown as { __atInterrupt: number; __atDone: number };
            return { atInterrupt: w.__atInterrupt, atDone: w.__atDone };
          })
          // A copy that ended with an earlier load has nothing to say.
          .catch(() => null)
      )
    );
    const engine = seen.find((e) => e !== null && e.atDone >= 0);
    if (engine === undefined || engine === null) throw new Error('no engine worker saw the interrupt');
    note(
      info,
      'stop latency',
      `engine: ${engine.atDone - engine.atInterrupt} tokens after the interrupt arrived; page: ${generated - atStop} tokens after the click (${atStop} → ${generated})`
    );
    expect(engine.atInterrupt).toBeGreaterThanOrEqual(atStop);
    expect(engine.atDone - engine.atInterrupt).toBeLessThanOrEqual(2);
    expect(generated).toBe(engine.atDone);
    // The other modes ran in full.
    await expect(pane(page, 'few-shot-cot')).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
    await expect(pane(page, 'answer-only')).toHaveAttribute('data-status', 'done', { timeout: 120_000 });

    await setMaxNewTokens(page, 12);
    await page.getByTestId('run').click();
    await expectAllDone(page);
    await expect(stopped.getByTestId('pane-stopped')).toHaveCount(0);
    expect(await statValue(page, 'zero-shot-cot', 'stat-generated-tokens')).toBeGreaterThan(0);
  });

  test('Run pressed repeatedly gives one run at a time; a reload mid-run cancels it cleanly', async ({
    page,
    context
  }, info) => {
    // The worker counts generations in flight: a second concurrent generate would show as 2.
    await prefixEngineWorker(
      context,
      // A request is a generate or a batch of them; it is in flight until each of its runs has ended.
      `self.__rows = {}; self.__left = {}; self.__requests = 0; self.__active = 0; self.__maxActive = 0; self.__generates = [];
       self.addEventListener('message', (e) => { const d = e.data; if (!d || (d.type !== 'generate' && d.type !== 'generate-batch')) return;
         const ids = d.type === 'generate' ? [d.runId] : d.runs.map((r) => r.runId); const req = self.__requests++;
         for (const id of ids) { self.__generates.push(id); self.__rows[id] = req; } self.__left[req] = ids.length;
         self.__active += 1; self.__maxActive = Math.max(self.__maxActive, self.__active); });
       { const post = self.postMessage.bind(self); self.postMessage = (m, t) => { if (m && (m.type === 'done' || m.type === 'error') && m.runId in self.__rows) {
           const req = self.__rows[m.runId]; delete self.__rows[m.runId]; self.__left[req] -= 1; if (self.__left[req] === 0) self.__active -= 1; }
         return post(m, t); }; }`
    );
    const workers = engineWorkers(page);
    await openApp(page, info);
    await setMaxNewTokens(page, 12);
    // One after another: a generate per mode, and a reload mid-run skips the modes not yet started.
    await oneAtATime(page);
    // A burst in one task, as a double click or a held key would give: Run once, then Ctrl+Enter four times.
    await page.evaluate(() => {
      document.querySelector<HTMLButtonElement>('[data-testid="run"]')?.click();
      for (let i = 0; i < 4; i++)
        window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }));
    });
    await expectAllDone(page);
    // Presses after a run has finished start the next run, still one request (a generation or a batch) at a time.
    for (let i = 0; i < 3; i++) await page.getByTestId('question').press('Control+Enter');
    await expectAllDone(page);
    const first = workers[0];
    if (first === undefined) throw new Error('no engine worker');
    const counts = await first.evaluate(() => {
      const w = self as unknown as { __maxActive: number; __generates: string[] };
      return { maxActive: w.__maxActive, generates: w.__generates };
    });
    note(info, 'generate requests', JSON.stringify(counts));
    expect(counts.maxActive).toBe(1);
    expect(counts.generates.slice(0, 3)).toEqual(['run-1', 'run-2', 'run-3']);
    expect(counts.generates.length % 3).toBe(0);
    expect(new Set(counts.generates).size).toBe(counts.generates.length);

    // Switch the backend (WebGPU, which this browser lacks) and reload while the first mode streams.
    await setMaxNewTokens(page, 160);
    await page.getByTestId('device-select').selectOption('webgpu');
    await clickWhenStreaming(page, 'zero-shot-cot', '[data-testid="reload"]');
    await page.getByTestId('run').click();
    const cancelled = pane(page, 'zero-shot-cot');
    await expect(cancelled).toHaveAttribute('data-status', 'stopped', { timeout: 120_000 });
    await expect(cancelled.getByTestId('pane-stopped')).toContainText('Cancelled when a model was loaded');
    await expect(pane(page, 'few-shot-cot')).toHaveAttribute('data-status', 'skipped');
    await expect(pane(page, 'answer-only')).toHaveAttribute('data-status', 'skipped');
    await waitReady(page);
    await expect(page.getByTestId('engine-notice')).toContainText('running on WASM instead');
    await expect.poll(() => workers.length).toBe(2);
    await setMaxNewTokens(page, 12);
    await page.getByTestId('run').click();
    await expectAllDone(page);
    const second = workers[1];
    if (second === undefined) throw new Error('no second engine worker');
    expect(await second.evaluate(() => (self as unknown as { __maxActive: number }).__maxActive)).toBe(1);
  });

  test('a prompt longer than the context is flagged before Run, with the token counts and no class name', async ({
    page
  }, info) => {
    await openApp(page, info);
    await setMaxNewTokens(page, 8);
    await page.getByText('Prompts', { exact: true }).click();
    await page.getByLabel('Reasoning').first().fill('one two three four five six seven eight nine ten. '.repeat(150));
    const problem = page.getByTestId('question-problem');
    await expect(problem).toHaveText(
      /^Too long for this model \(Few-shot CoT\)\. The prompt is [\d,]+ tokens but the model reads at most 1,024: shorten the question or the exemplars\.$/
    );
    await expect(page.getByTestId('run')).toBeDisabled();
    note(info, 'warning', (await problem.textContent()) ?? '');
    // A question of 5,430 characters: every mode is too long, and the page says so before anything runs.
    await page.getByRole('button', { name: 'Reset' }).click();
    await setQuestion(page, 'How many? '.repeat(543));
    await expect(problem).toContainText('Too long for this model (Zero-shot CoT, Few-shot CoT, Answer only).');
    await expect(page.getByTestId('run')).toBeDisabled();
    for (const mode of MODES) await expect(pane(page, mode)).not.toHaveAttribute('data-status', 'error');
  });

  test('empty, whitespace and 1 MB questions get a message; control characters, RTL and emoji run', async ({
    page
  }, info) => {
    await openApp(page, info);
    await setMaxNewTokens(page, 8);
    for (const q of ['', '   \n\t  ']) {
      await setQuestion(page, q);
      await expect(page.getByTestId('run')).toBeDisabled();
      await expect(page.getByTestId('question-problem')).toHaveText('Type a question to run the three modes.');
      await page.getByTestId('question').press('Control+Enter');
      await expect(pane(page, 'zero-shot-cot')).toHaveAttribute('data-status', 'idle');
    }
    await setQuestion(page, 'What is 2 plus 3? '.repeat(58_255).slice(0, 1 << 20));
    await expect(page.getByTestId('question-problem')).toHaveText(
      "The question is 1,048,576 characters; at most 16,000 fit the model's context."
    );
    await expect(page.getByTestId('run')).toBeDisabled();

    const hostile = 'مرحبا! \u202eWhat is 2 plus 3?\u202c 🙂👍🏽 \u0000\u0007\u001b[31m';
    await setQuestion(page, hostile);
    await expect(page.getByTestId('question-problem')).toHaveCount(0);
    await page.getByTestId('run').click();
    await expectAllDone(page);
    await expect(pane(page, 'answer-only').getByTestId('pane-prompt')).toContainText('🙂👍🏽');
  });

  test('WebGPU asked for where the browser has no adapter falls back to WASM and says so', async ({ page }, info) => {
    await openApp(page, info, '?device=webgpu');
    await expect(page.getByTestId('backend-device')).toHaveText('WASM');
    await expect(page.getByTestId('engine-notice')).toHaveText(
      'WebGPU is unavailable (the browser offers no WebGPU adapter): running on WASM instead.'
    );
    await setMaxNewTokens(page, 8);
    await page.getByTestId('run').click();
    await expectAllDone(page);
  });

  test('a worker that dies mid-run is recreated; question and settings survive; the next run works', async ({
    page,
    context
  }, info) => {
    // Once the first run has streamed three tokens (they leave in groups), an exception escapes the
    // worker's code, as a wasm abort outside any promise would: the page sees the worker's error event in
    // the middle of the stream.
    await prefixEngineWorker(
      context,
      `{ let tokens = 0; let thrown = false; const post = self.postMessage.bind(self);
         self.postMessage = (m, t) => {
           if (m && m.type === 'tokens' && m.runId === 'run-1') tokens += m.at.length;
           if (tokens >= 3 && !thrown) {
             thrown = true;
             queueMicrotask(() => { throw new Error('RuntimeError: Aborted(). Build with -sASSERTIONS for more info.'); });
           }
           return post(m, t);
         }; }`
    );
    const workers = engineWorkers(page);
    await openApp(page, info);
    const question = 'Mia has 3 apples and buys 4 more. How many apples does Mia have now?';
    await setQuestion(page, question);
    await setMaxNewTokens(page, 150);
    // One after another, so the fault lands in the first mode's run and the modes after it are skipped.
    await oneAtATime(page);
    await page.getByTestId('run').click();
    await expect(pane(page, 'zero-shot-cot')).toHaveAttribute('data-status', 'error', { timeout: 60_000 });
    await expect(pane(page, 'zero-shot-cot').getByRole('alert')).toContainText('The engine stopped');
    await expect(pane(page, 'few-shot-cot')).toHaveAttribute('data-status', 'skipped');
    await waitReady(page);
    await expect(page.getByTestId('engine-notice').first()).toContainText('was restarted with the same settings');
    await expect.poll(() => workers.length).toBe(2);
    await expect(page.getByTestId('question')).toHaveValue(question);
    await expect(page.getByTestId('max-new-tokens')).toHaveValue('150');
    await setMaxNewTokens(page, 8);
    await page.getByTestId('run').click();
    await expectAllDone(page);
  });

  test('integrity: a tampered model file stops the load with a clear IntegrityError', async ({
    page,
    context
  }, info) => {
    await context.route('**/models/think-small-3m/onnx/model_quantized.onnx', async (route) => {
      const res = await route.fetch();
      const body = await res.body();
      const at = body.length >> 1;
      body[at] = (body[at] ?? 0) ^ 0xff;
      await route.fulfill({ response: res, body });
    });
    await page.goto(`/?device=${deviceOf(info)}`);
    await expect(page.getByTestId('load-error')).toHaveText(
      /^IntegrityError: onnx\/model_quantized\.onnx does not match its checksum \(sha256 [0-9a-f]{12}…, expected [0-9a-f]{12}…\): the file is damaged or not the one shipped$/,
      { timeout: 120_000 }
    );
    await expect(page.getByTestId('run')).toBeDisabled();
  });

  for (const [name, stub, expected] of [
    [
      'QuotaExceededError on put',
      `{ const real = self.caches; Object.defineProperty(self, 'caches', { configurable: true, value: { open: async (n) => { const c = await real.open(n); return { match: (k) => c.match(k), delete: (k) => c.delete(k), put: async () => { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); } }; } } }); }`,
      'The browser would not cache the model (QuotaExceededError: The quota has been exceeded.): it runs from memory and downloads again next visit.'
    ],
    [
      'a blocked Cache API',
      `Object.defineProperty(self, 'caches', { configurable: true, value: { open: () => Promise.reject(new DOMException('An attempt was made to break through the security policy of the user agent.', 'SecurityError')) } });`,
      'The browser would not cache the model (SecurityError: An attempt was made to break through the security policy of the user agent.): it runs from memory and downloads again next visit.'
    ]
  ] as const) {
    test(`${name} still runs from memory, with a notice`, async ({ page, context }, info) => {
      await prefixEngineWorker(context, stub);
      await openApp(page, info);
      await expect(page.getByTestId('engine-notice')).toHaveText(expected);
      expect(await page.evaluate(async () => (await (await caches.open('think-small-models')).keys()).length)).toBe(0);
      await setMaxNewTokens(page, 8);
      await page.getByTestId('run').click();
      await expectAllDone(page);
    });
  }

  test('files the Cache API holds are used on the next load, after a checksum check', async ({ page }, info) => {
    await openApp(page, info);
    const cached = await page.evaluate(async () =>
      (await (await caches.open('think-small-models')).keys()).map((r) => new URL(r.url).pathname).sort()
    );
    expect(cached).toContain('/models/think-small-3m/onnx/model_quantized.onnx');
    await page.reload();
    await waitReady(page);
    await expect(page.getByTestId('engine-notice')).toHaveCount(0);
  });

  test('a tab hidden during generation still completes; the stats say it was hidden', async ({ page }, info) => {
    await openApp(page, info);
    await setMaxNewTokens(page, 32);
    // One after another, so the page can turn visible between the first mode and the second.
    await oneAtATime(page);
    // Headless Chromium never hides a page, so the document reports hidden the way a background tab
    // does: hidden from the start of the run, visible again the moment the second mode starts.
    await page.evaluate(() => {
      const setHidden = (hidden: boolean): void => {
        Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
        Object.defineProperty(document, 'visibilityState', {
          configurable: true,
          get: () => (hidden ? 'hidden' : 'visible')
        });
        document.dispatchEvent(new Event('visibilitychange'));
      };
      const second = document.querySelector('[data-testid="pane-few-shot-cot"]');
      if (second === null) throw new Error('no few-shot pane');
      const obs = new MutationObserver(() => {
        if (second.getAttribute('data-status') !== 'running') return;
        obs.disconnect();
        setHidden(false);
      });
      obs.observe(second, { attributes: true, attributeFilter: ['data-status'] });
      setHidden(true);
    });
    await page.getByTestId('run').click();
    await expectAllDone(page);
    for (const mode of ['zero-shot-cot', 'few-shot-cot'] as const)
      await expect(pane(page, mode).getByTestId('stat-hidden')).toBeVisible();
    await expect(pane(page, 'answer-only').getByTestId('stat-hidden')).toHaveCount(0);
    for (const mode of MODES) expect(await statValue(page, mode, 'stat-generated-tokens')).toBeGreaterThan(0);
  });
});

test('WebGPU: a lost GPU device restarts the engine; the next run works', async ({ page, context }, info) => {
  test.skip(deviceOf(info) !== 'webgpu', 'WebGPU project only');
  // Keep every GPUDevice onnxruntime creates, so the test can destroy it as a driver reset would.
  await prefixEngineWorker(
    context,
    `self.__devices = []; { const request = GPUAdapter.prototype.requestDevice; GPUAdapter.prototype.requestDevice = async function (...args) { const d = await request.apply(this, args); self.__devices.push(d); return d; }; }`
  );
  const workers = engineWorkers(page);
  await openApp(page, info);
  // SwiftShader has no shader-f16: the engine must have taken a non-f16 dtype.
  await expect(page.getByTestId('backend-dtype')).not.toHaveText(/f16/);
  // SwiftShader prefills a few hundred tokens in minutes: without exemplars every prompt stays short.
  test.setTimeout(900_000);
  await setQuestion(page, 'What is 5 plus 2?');
  await setMaxNewTokens(page, 4);
  await page.getByText('Prompts', { exact: true }).click();
  const remove = page.getByRole('button', { name: 'Remove' });
  while ((await remove.count()) > 0) await remove.first().click();
  const first = workers[0];
  if (first === undefined) throw new Error('no engine worker');
  expect(await first.evaluate(() => (self as unknown as { __devices: unknown[] }).__devices.length)).toBeGreaterThan(0);
  await first.evaluate(() => {
    for (const d of (self as unknown as { __devices: { destroy(): void }[] }).__devices) d.destroy();
  });
  await expect(page.getByTestId('engine-notice').first()).toContainText('the WebGPU device was lost', {
    timeout: 60_000
  });
  await waitReady(page);
  await expect(page.getByTestId('backend-device')).toHaveText('WebGPU');
  await expect(page.getByTestId('question')).toHaveValue('What is 5 plus 2?');
  await page.getByTestId('run').click();
  await expectAllDone(page, 500_000);
});
