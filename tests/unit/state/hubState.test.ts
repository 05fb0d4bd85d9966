import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppState } from '$lib/state/appState.svelte.ts';
import { HubState } from '$lib/state/hubState.svelte.ts';
import type { HubDeps } from '$lib/hub/hubDeps.ts';
import { FakeWorker } from '../engine/client/fakeWorker.ts';
import { HOST, hubFetch, memoryStorage, repoFiles } from '../hub/hubFakes.ts';
import { format, ready, readyApp } from './fixtures.ts';

let workers: FakeWorker[];
let app: AppState;

function deps(fetchImpl: typeof fetch, storage = memoryStorage()): HubDeps {
  let t = 0;
  return { host: HOST, fetch: fetchImpl, storage, gpu: undefined, now: () => (t += 100) };
}

beforeEach(async () => {
  vi.stubGlobal('fetch', () => Promise.resolve(new Response(JSON.stringify(format))));
  ({ app, workers } = await readyApp('wasm'));
  app.setQuestion({ question: 'What is 4 plus 4?', gold: '8', family: 'arithmetic' });
});

afterEach(() => vi.unstubAllGlobals());

describe('HubState', () => {
  it('checks before downloading: architecture, dtype, size, chat template', async () => {
    const net = hubFetch(repoFiles());
    const hub = new HubState(app, deps(net.fetch));
    await hub.inspect('o/m');
    expect(hub.error).toBeNull();
    expect(hub.check).toMatchObject({ id: 'o/m', modelType: 'qwen2', dtype: 'q8', device: 'wasm', chat: true });
    // The check read config and tokenizer_config; tokenizer.json (12 bytes) and the weights are still to come.
    expect(hub.check?.missingBytes).toBe(1012);
    expect(net.calls.some((u) => u.endsWith('model_quantized.onnx'))).toBe(false);
  });

  it('refuses an id that is not owner/name without asking the Hub', async () => {
    const net = hubFetch(repoFiles());
    const hub = new HubState(app, deps(net.fetch));
    await hub.inspect('qwen');
    expect(hub.error).toMatch(/is not a Hub model id/);
    expect(net.calls).toEqual([]);
  });

  it('downloads with per-file progress and speed, then loads the model through its chat template', async () => {
    const hub = new HubState(app, deps(hubFetch(repoFiles()).fetch));
    await hub.inspect('o/m');
    const done = hub.download();
    await vi.waitFor(() => expect(workers).toHaveLength(2));
    const load = workers[1]?.posted[0];
    if (load?.type !== 'load' || load.model.source !== 'hub') throw new Error('no Hub model load');
    expect(load.model.revision).toBe('main');
    expect(load.model.chat).toBe(true);
    expect(Object.keys(load.model.manifest.files)).toContain('onnx/model_quantized.onnx');
    workers[1]?.reply(ready);
    await done;
    expect(hub.totals.fraction).toBe(1);
    expect(hub.bytesPerSec).not.toBeNull();
    expect(app.model.id).toBe('o/m');
    // The repo's template renders the question alone: the chat path is in use.
    expect(app.prompts?.['few-shot-cot']).toMatch(/^What is 2 plus 3\?/);
  });

  it('a failed download leaves the loaded model alone', async () => {
    const net = hubFetch(repoFiles(), (u) => (u.endsWith('.onnx') ? new Response('', { status: 404 }) : null));
    const hub = new HubState(app, deps(net.fetch));
    await hub.inspect('o/m');
    await hub.download();
    expect(hub.error).toMatch(/was not found on the Hub \(HTTP 404\)/);
    expect(workers).toHaveLength(1);
    expect(app.engine.status).toBe('ready');
    expect(app.model.id).toBe('think-small-3m');
  });

  it('asks before a large download, and Not now keeps everything as it was', async () => {
    const files = repoFiles();
    files.set('onnx/model_quantized.onnx', new Uint8Array(150_000_000));
    const hub = new HubState(app, deps(hubFetch(files).fetch));
    await hub.inspect('o/m');
    await hub.download();
    expect(hub.confirming).toBe(true);
    hub.cancel();
    expect(hub.confirming).toBe(false);
    expect(hub.phase).toBe('checked');
  });

  it('a model the engine cannot start is reported, and the previous model is loaded again', async () => {
    const hub = new HubState(app, deps(hubFetch(repoFiles()).fetch));
    await hub.inspect('o/m');
    const done = hub.download();
    await vi.waitFor(() => expect(workers).toHaveLength(2));
    workers[1]?.reply({ type: 'error', name: 'BackendError', message: 'wasm/q8 session: bad graph' });
    await vi.waitFor(() => expect(workers).toHaveLength(3));
    workers[2]?.reply(ready);
    await done;
    expect(hub.error).toBe(
      'o/m could not start (BackendError: wasm/q8 session: bad graph); the previous model is loaded again.'
    );
    expect(app.model.id).toBe('think-small-3m');
    expect(app.engine.status).toBe('ready');
    expect(app.prompts?.['answer-only']).toBe('Q: What is 4 plus 4?\nA: The answer is');
  });
});
