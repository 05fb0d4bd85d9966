import { beforeEach, describe, expect, it } from 'vitest';
import { EngineClient, MAX_AUTO_RESTARTS } from '$lib/engine/client/engineClient.svelte.ts';
import type { RunResult } from '$lib/engine/client/runTypes.ts';
import {
  BusyError,
  CancelledError,
  PromptTooLongError,
  GenerationError,
  ModelLoadError,
  NotReadyError,
  WorkerCrashedError
} from '$lib/engine/shared/errors.ts';
import type { GenParams, ModelRef, RunTimings } from '$lib/core/types.ts';
import type { Reply } from '$lib/engine/shared/protocol.ts';
import { FakeWorker } from './fakeWorker.ts';

const model: ModelRef = {
  source: 'bundled',
  id: 'think-small-3m',
  baseUrl: 'http://localhost:4173/models/',
  dtypes: ['q8', 'q4', 'fp32']
};
const params: GenParams = { maxNewTokens: 16, temperature: 0, topK: 20, topP: 0.95, stopSequences: ['\nQ:'] };
const timings: RunTimings = {
  startedAt: 0,
  firstTokenAt: 5,
  lastTokenAt: 15,
  endedAt: 16,
  promptTokens: 9,
  generatedTokens: 3
};
const ready: Extract<Reply, { type: 'ready' }> = {
  type: 'ready',
  device: 'wasm',
  dtype: 'q8',
  threads: 2,
  loadMs: { downloadMs: 10, sessionMs: 5, warmupMs: 1 },
  webgpuAdapter: false,
  contextTokens: 1024,
  autoReason: null,
  stepping: { alone: 'turns', throughput: 'batch' },
  notices: [],
  modelCached: true,
  runtimeFiles: []
};

let workers: FakeWorker[];
let client: EngineClient;

function worker(): FakeWorker {
  const w = workers.at(-1);
  if (w === undefined) throw new Error('no worker created');
  return w;
}

async function loaded(): Promise<FakeWorker> {
  const p = client.load(model, 'wasm');
  worker().reply(ready);
  await p;
  return worker();
}

beforeEach(() => {
  workers = [];
  // One core: no engine copies, so every run goes to the one worker (engineCopies.test.ts covers copies).
  client = new EngineClient(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  }, 1);
});

describe('load', () => {
  it('posts exactly one load message and becomes ready', async () => {
    const p = client.load(model, 'auto');
    expect(client.status).toBe('loading');
    expect(worker().posted).toEqual([{ type: 'load', model, device: 'auto' }]);
    worker().reply({ type: 'progress', info: { file: 'onnx/model_quantized.onnx', loadedBytes: 50, totalBytes: 100 } });
    expect(client.progress.fraction).toBe(0.5);
    worker().reply(ready);
    await expect(p).resolves.toMatchObject({ device: 'wasm', dtype: 'q8', threads: 2 });
    expect(client.status).toBe('ready');
    expect(client.backend?.loadMs.downloadMs).toBe(10);
  });

  it('rejects with the named error and keeps the message', async () => {
    const p = client.load(model, 'wasm');
    worker().reply({ type: 'error', name: 'ModelLoadError', message: 'config.json: 404' });
    await expect(p).rejects.toBeInstanceOf(ModelLoadError);
    expect(client.status).toBe('error');
    expect(client.error).toBe('ModelLoadError: config.json: 404');
  });

  it('a reload terminates the old worker and ignores its late replies', async () => {
    const first = client.load(model, 'wasm');
    const old = worker();
    const second = client.load(model, 'webgpu');
    await expect(first).rejects.toBeInstanceOf(CancelledError);
    expect(old.terminated).toBe(true);
    old.reply(ready);
    expect(client.status).toBe('loading');
    worker().reply({ ...ready, device: 'webgpu', dtype: 'q4' });
    await expect(second).resolves.toMatchObject({ device: 'webgpu', dtype: 'q4' });
  });

  it('a crashed worker rejects the load', async () => {
    const p = client.load(model, 'wasm');
    worker().crash('script error');
    await expect(p).rejects.toBeInstanceOf(WorkerCrashedError);
    expect(client.status).toBe('error');
  });
});

describe('generate', () => {
  it('refuses before the model is ready', async () => {
    await expect(client.generate('Q', params)).rejects.toBeInstanceOf(NotReadyError);
  });

  it('posts one generate with a runId and resolves on its done', async () => {
    const w = await loaded();
    const tokens: string[] = [];
    let promptTokens = 0;
    const p = client.generate('Q: 1+1?\nA:', params, {
      onToken: (t, at) => tokens.push(`${t}@${at.join(',')}`),
      onPrompt: (n) => (promptTokens = n)
    });
    expect(w.posted.at(-1)).toEqual({
      type: 'generate',
      runId: 'run-1',
      prompt: 'Q: 1+1?\nA:',
      params,
      draw: 0
    });
    expect(client.runningId).toBe('run-1');
    w.reply({ type: 'prompt', runId: 'run-1', promptTokens: 9, at: 1 });
    w.reply({ type: 'tokens', runId: 'run-1', text: ' 1', at: [5] });
    w.reply({ type: 'tokens', runId: 'run-1', text: ' + 1', at: [8, 10] });
    w.reply({ type: 'done', runId: 'run-1', text: ' 1 + 1', timings, stopped: false });
    const r: RunResult = await p;
    expect(r).toEqual({ runId: 'run-1', text: ' 1 + 1', timings, stopped: false });
    expect(tokens).toEqual([' 1@5', ' + 1@8,10']);
    expect(promptTokens).toBe(9);
    expect(client.runningId).toBeNull();
  });

  it('ignores tokens and done of a stale run', async () => {
    const w = await loaded();
    const first = client.generate('A', params);
    w.reply({ type: 'done', runId: 'run-1', text: 'x', timings, stopped: false });
    await first;
    const tokens: string[] = [];
    const second = client.generate('B', params, { onToken: (t) => tokens.push(t) });
    w.reply({ type: 'tokens', runId: 'run-1', text: 'late', at: [20] });
    w.reply({ type: 'done', runId: 'run-1', text: 'late', timings, stopped: false });
    w.reply({ type: 'tokens', runId: 'run-2', text: 'ok', at: [21] });
    expect(tokens).toEqual(['ok']);
    expect(client.runningId).toBe('run-2');
    w.reply({ type: 'done', runId: 'run-2', text: 'ok', timings, stopped: false });
    await expect(second).resolves.toMatchObject({ runId: 'run-2', text: 'ok' });
  });

  it('settles each request exactly once', async () => {
    const w = await loaded();
    let settled = 0;
    const p = client.generate('A', params).then(
      () => (settled += 1),
      () => (settled += 1)
    );
    w.reply({ type: 'done', runId: 'run-1', text: 'x', timings, stopped: false });
    w.reply({ type: 'done', runId: 'run-1', text: 'x', timings, stopped: false });
    w.reply({ type: 'error', runId: 'run-1', name: 'GenerationError', message: 'late' });
    await p;
    expect(settled).toBe(1);
    expect(client.status).toBe('ready');
  });

  it('refuses a second concurrent generate without posting it', async () => {
    const w = await loaded();
    void client.generate('A', params);
    const before = w.posted.length;
    await expect(client.generate('B', params)).rejects.toBeInstanceOf(BusyError);
    expect(w.posted.length).toBe(before);
  });

  it('rejects a run on its error with the named class', async () => {
    const w = await loaded();
    const p = client.generate('A', params);
    w.reply({ type: 'error', runId: 'run-1', name: 'GenerationError', message: 'ort failed' });
    await expect(p).rejects.toBeInstanceOf(GenerationError);
    expect(client.runningId).toBeNull();
    expect(client.status).toBe('ready');
  });

  it('interrupt names the current run and the partial text comes back stopped', async () => {
    const w = await loaded();
    const p = client.generate('A', params);
    client.interrupt();
    expect(w.posted.at(-1)).toEqual({ type: 'interrupt', runId: 'run-1' });
    w.reply({ type: 'done', runId: 'run-1', text: 'partial', timings, stopped: true });
    await expect(p).resolves.toMatchObject({ text: 'partial', stopped: true });
  });

  it('interrupt with nothing running posts nothing', async () => {
    const w = await loaded();
    const before = w.posted.length;
    client.interrupt();
    expect(w.posted.length).toBe(before);
  });

  it('refuses a too-long prompt with the named error from the worker and stays ready', async () => {
    const w = await loaded();
    const p = client.generate('A', params);
    w.reply({ type: 'error', runId: 'run-1', name: 'PromptTooLongError', message: 'The prompt is 2,000 tokens' });
    await expect(p).rejects.toBeInstanceOf(PromptTooLongError);
    expect(client.status).toBe('ready');
  });
});

describe('reload and crashes', () => {
  it('a reload mid-run cancels the run and drops every late message of the old worker', async () => {
    const old = await loaded();
    const tokens: string[] = [];
    const run = client.generate('A', params, { onToken: (t) => tokens.push(t) });
    old.reply({ type: 'tokens', runId: 'run-1', text: 'a', at: [1] });
    const reload = client.load(model, 'wasm');
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(old.terminated).toBe(true);
    old.reply({ type: 'tokens', runId: 'run-1', text: 'late', at: [2] });
    old.reply({ type: 'done', runId: 'run-1', text: 'late', timings, stopped: false });
    worker().reply(ready);
    await reload;
    const next = client.generate('A', params, { onToken: (t) => tokens.push(t) });
    expect(worker().posted.at(-1)).toMatchObject({ type: 'generate', runId: 'run-2' });
    old.reply({ type: 'tokens', runId: 'run-2', text: 'from the old worker', at: [3] });
    worker().reply({ type: 'tokens', runId: 'run-2', text: 'b', at: [4] });
    worker().reply({ type: 'done', runId: 'run-2', text: 'b', timings, stopped: false });
    await expect(next).resolves.toMatchObject({ runId: 'run-2', text: 'b' });
    expect(tokens).toEqual(['a', 'b']);
  });

  it('a crash mid-run rejects the run, then a fresh worker reloads with the same settings', async () => {
    const old = await loaded();
    const p = client.generate('A', params);
    old.crash('RuntimeError: Aborted(). Build with -sASSERTIONS for more info.');
    await expect(p).rejects.toBeInstanceOf(WorkerCrashedError);
    expect(old.terminated).toBe(true);
    expect(workers).toHaveLength(2);
    expect(client.status).toBe('loading');
    expect(worker().posted).toEqual([{ type: 'load', model, device: 'wasm' }]);
    expect(client.notices[0]).toMatch(/^The engine stopped \(RuntimeError: Aborted\(\)/);
    worker().reply(ready);
    expect(client.status).toBe('ready');
    const next = client.generate('A', params);
    worker().reply({ type: 'done', runId: 'run-2', text: 'ok', timings, stopped: false });
    await expect(next).resolves.toMatchObject({ text: 'ok' });
  });

  it('an EngineFatalError (wasm abort, device lost) is handled as a crash, even between runs', async () => {
    const old = await loaded();
    old.reply({ type: 'error', name: 'EngineFatalError', message: 'the WebGPU device was lost (unknown)' });
    expect(old.terminated).toBe(true);
    expect(client.status).toBe('loading');
    expect(client.notices[0]).toContain('the WebGPU device was lost');
    worker().reply(ready);
    expect(client.status).toBe('ready');
  });

  it('a fatal error of a run rejects that run once and restarts', async () => {
    const old = await loaded();
    let settled = 0;
    const p = client.generate('A', params);
    p.catch(() => (settled += 1));
    old.reply({ type: 'error', runId: 'run-1', name: 'EngineFatalError', message: 'Aborted()' });
    await expect(p).rejects.toBeInstanceOf(WorkerCrashedError);
    expect(settled).toBe(1);
    expect(workers).toHaveLength(2);
  });

  it('restarts at most MAX_AUTO_RESTARTS times in a row, then stays in error', async () => {
    await loaded();
    for (let i = 0; i < MAX_AUTO_RESTARTS; i++) {
      worker().crash('boom');
      worker().reply(ready);
    }
    worker().crash('boom');
    expect(workers).toHaveLength(MAX_AUTO_RESTARTS + 1);
    expect(client.status).toBe('error');
    expect(client.error).toBe('WorkerCrashedError: boom');
  });

  it('a successful run renews the restart budget', async () => {
    await loaded();
    for (let i = 0; i < MAX_AUTO_RESTARTS + 2; i++) {
      worker().crash('boom');
      worker().reply(ready);
      const p = client.generate('A', params);
      worker().reply({ type: 'done', runId: `run-${i + 1}`, text: '', timings, stopped: false });
      await p;
    }
    expect(client.status).toBe('ready');
  });

  it('a crash while loading does not restart (it would fail the same way)', async () => {
    const p = client.load(model, 'wasm');
    worker().crash('script error');
    await expect(p).rejects.toBeInstanceOf(WorkerCrashedError);
    expect(workers).toHaveLength(1);
    expect(client.status).toBe('error');
  });

  it('load notices from the worker are exposed', async () => {
    const p = client.load(model, 'webgpu');
    worker().reply({ ...ready, notices: ['WebGPU is unavailable (x): running on WASM instead.'] });
    await p;
    expect(client.notices).toEqual(['WebGPU is unavailable (x): running on WASM instead.']);
    expect(client.backend?.contextTokens).toBe(1024);
  });
});

describe('countTokens', () => {
  it('posts one count and resolves on its counted reply', async () => {
    const w = await loaded();
    const p = client.countTokens(['a', 'bb']);
    expect(w.posted.at(-1)).toEqual({ type: 'count', runId: 'count-1', texts: ['a', 'bb'] });
    w.reply({ type: 'counted', runId: 'count-1', tokens: [2, 3] });
    await expect(p).resolves.toEqual([2, 3]);
  });

  it('routes an error with the count id to the count, not to a running generation', async () => {
    const w = await loaded();
    const run = client.generate('A', params);
    const count = client.countTokens(['a']);
    w.reply({ type: 'error', runId: 'count-1', name: 'NotReadyError', message: 'x' });
    await expect(count).rejects.toBeInstanceOf(NotReadyError);
    expect(client.runningId).toBe('run-1');
    w.reply({ type: 'done', runId: 'run-1', text: '', timings, stopped: false });
    await expect(run).resolves.toMatchObject({ runId: 'run-1' });
  });

  it('refuses before load', async () => {
    await expect(client.countTokens(['a'])).rejects.toBeInstanceOf(NotReadyError);
  });
});
