import { describe, expect, it, vi } from 'vitest';
import type { ModelRef, RunTimings } from '$lib/core/types.ts';
import { Engine, type ModelFacts } from '$lib/engine/client/engine.svelte.ts';
import { CancelledError } from '$lib/engine/shared/errors.ts';
import type { Reply } from '$lib/engine/shared/protocol.ts';
import { FakeWorker } from './fakeWorker.ts';

const bundled: ModelRef = { source: 'bundled', id: 'think-small-3m', baseUrl: 'http://x/models/', dtypes: ['q8'] };
const other: ModelRef = {
  source: 'hub',
  id: 'o/m',
  baseUrl: 'https://hub.test/',
  dtypes: ['q8'],
  revision: 'main',
  manifest: { algorithm: 'sha256', files: {} },
  chat: false
};
const facts = (ref: ModelRef, parameters: number | null = null): ModelFacts => ({
  ref,
  label: null,
  parameters,
  format: null,
  chat: null
});
const params = { maxNewTokens: 4, temperature: 0, topK: 0, topP: 1, stopSequences: [] };
const timings: RunTimings = {
  startedAt: 0,
  firstTokenAt: 1,
  lastTokenAt: 2,
  endedAt: 3,
  promptTokens: 2,
  generatedTokens: 1
};
const ready: Reply = {
  type: 'ready',
  device: 'wasm',
  dtype: 'q8',
  threads: 1,
  loadMs: { downloadMs: 1, sessionMs: 1, warmupMs: 1 },
  webgpuAdapter: false,
  contextTokens: 1024,
  autoReason: null,
  stepping: { alone: 'turns', throughput: 'batch' },
  notices: [],
  modelCached: true,
  runtimeFiles: []
};
const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

async function readyEngine(): Promise<{ engine: Engine; workers: FakeWorker[] }> {
  const workers: FakeWorker[] = [];
  const engine = new Engine(
    facts(bundled, 2_808_480),
    () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
    1
  );
  const loading = engine.reload('wasm');
  workers[0]?.reply(ready);
  await loading;
  return { engine, workers };
}

const generates = (w: FakeWorker | undefined) => w?.posted.filter((r) => r.type === 'generate') ?? [];

describe('Engine', () => {
  it('runs queued generations one at a time, in the order they were submitted, whoever submitted them', async () => {
    const { engine, workers } = await readyEngine();
    const w = workers[0];
    const first = engine.generate('run', 'A', params);
    const second = engine.generate('evaluation', 'B', params);
    expect(engine.busy).toBe(true);
    expect(engine.busyWith('evaluation')).toBe(true);
    expect(generates(w).map((g) => g.type === 'generate' && g.prompt)).toEqual(['A']);
    w?.reply({ type: 'done', runId: 'run-1', text: 'a', timings, stopped: false });
    await expect(first).resolves.toMatchObject({ text: 'a' });
    await tick();
    expect(generates(w).map((g) => g.type === 'generate' && g.prompt)).toEqual(['A', 'B']);
    w?.reply({ type: 'done', runId: 'run-2', text: 'b', timings, stopped: false });
    await expect(second).resolves.toMatchObject({ text: 'b' });
    await tick();
    expect(engine.busy).toBe(false);
  });

  it("cancelling one owner's work rejects its queued items and leaves the other owner's alone", async () => {
    const { engine, workers } = await readyEngine();
    const running = engine.generate('run', 'A', params);
    const queued = engine.generate('evaluation', 'B', params);
    const kept = engine.generate('run', 'C', params);
    engine.cancel('evaluation');
    await expect(queued).rejects.toBeInstanceOf(CancelledError);
    expect(engine.busyWith('evaluation')).toBe(false);
    workers[0]?.reply({ type: 'done', runId: 'run-1', text: 'a', timings, stopped: false });
    await running;
    await tick();
    expect(generates(workers[0]).map((g) => g.type === 'generate' && g.prompt)).toEqual(['A', 'C']);
    workers[0]?.reply({ type: 'done', runId: 'run-2', text: 'c', timings, stopped: false });
    await expect(kept).resolves.toMatchObject({ text: 'c' });
  });

  it('a model switch cancels everything, waits for the running generation, tells its listeners, then loads', async () => {
    const { engine, workers } = await readyEngine();
    const seen: string[] = [];
    engine.onSwitch((model) => seen.push(model.ref.id));
    const running = engine.generate('evaluation', 'A', params);
    const queued = engine.generate('evaluation', 'B', params);
    const switching = engine.switchTo(facts(other, 1_234), 'wasm');
    await expect(queued).rejects.toThrow('Cancelled when a model was loaded');
    expect(workers[0]?.posted.at(-1)).toEqual({ type: 'interrupt', runId: 'run-1' });
    expect(seen).toEqual([]);
    expect(workers).toHaveLength(1);
    workers[0]?.reply({ type: 'done', runId: 'run-1', text: 'a', timings, stopped: true });
    await expect(running).rejects.toBeInstanceOf(CancelledError);
    await tick();
    expect(seen).toEqual(['o/m']);
    expect(engine.model).toMatchObject({ ref: other, parameters: 1_234 });
    const load = workers[1]?.posted[0];
    expect(load?.type === 'load' && load.model).toEqual(other);
    workers[1]?.reply(ready);
    await switching;
    expect(engine.status).toBe('ready');
    expect(engine.busy).toBe(false);
  });

  it('learns facts only about the model it is on (a late prompts.json never relabels a Hub model)', async () => {
    const { engine } = await readyEngine();
    engine.learn(bundled, { parameters: 99 });
    expect(engine.model.parameters).toBe(99);
    const switching = engine.switchTo(facts(other, 1_234), 'wasm');
    engine.learn(bundled, { parameters: 7 });
    expect(engine.model.parameters).toBe(1_234);
    engine.dispose();
    await switching;
  });
});

describe('Engine batches', () => {
  const posted = (w: FakeWorker | undefined) => w?.posted.filter((r) => r.type !== 'load') ?? [];

  it('sends prompts generated together as one batch, routes each reply to its row, and frees the engine after the last', async () => {
    const { engine, workers } = await readyEngine();
    const w = workers[0];
    const seen: string[] = [];
    const batch = engine.generateTogether(
      'run',
      ['a', 'b'].map((p) => ({ prompt: p, callbacks: { onToken: (text: string) => seen.push(`${p}:${text}`) } })),
      params
    );
    expect(posted(w)).toEqual([
      {
        type: 'generate-batch',
        runs: [
          { runId: 'run-1', prompt: 'a', draw: 0 },
          { runId: 'run-2', prompt: 'b', draw: 1 }
        ],
        params,
        goal: 'alone'
      }
    ]);
    w?.reply({ type: 'tokens', runId: 'run-2', text: 'B', at: [1] });
    w?.reply({ type: 'tokens', runId: 'run-1', text: 'A', at: [1] });
    expect(seen).toEqual(['b:B', 'a:A']);
    w?.reply({ type: 'done', runId: 'run-2', text: 'B', timings, stopped: false });
    expect(engine.busy).toBe(true);
    w?.reply({ type: 'done', runId: 'run-1', text: 'A', timings, stopped: false });
    const results = await Promise.all(batch.results);
    expect(results.map((r) => r.text)).toEqual(['A', 'B']);
    await tick();
    expect(engine.busy).toBe(false);
  });

  it("asks for throughput on an evaluation's batches and for each row as alone on a run's", async () => {
    const { engine, workers } = await readyEngine();
    const rows = ['a', 'b'].map((prompt) => ({ prompt, callbacks: {} }));
    const evaluation = engine.generateTogether('evaluation', rows, params);
    const run = engine.generateTogether('run', rows, params);
    const goals = () => posted(workers[0]).flatMap((r) => (r.type === 'generate-batch' ? [r.goal] : []));
    expect(goals()).toEqual(['throughput']);
    for (const runId of ['run-1', 'run-2'])
      workers[0]?.reply({ type: 'done', runId, text: '', timings, stopped: false });
    await Promise.all(evaluation.results);
    await vi.waitFor(() => expect(goals()).toEqual(['throughput', 'alone']));
    for (const runId of ['run-3', 'run-4'])
      workers[0]?.reply({ type: 'done', runId, text: '', timings, stopped: false });
    await Promise.all(run.results);
  });

  it('stops one row of a running batch by its own runId', async () => {
    const { engine, workers } = await readyEngine();
    const batch = engine.generateTogether(
      'run',
      [
        { prompt: 'a', callbacks: {} },
        { prompt: 'b', callbacks: {} }
      ],
      params
    );
    batch.stop(1);
    expect(posted(workers[0]).at(-1)).toEqual({ type: 'interrupt', runId: 'run-2' });
    for (const runId of ['run-1', 'run-2'])
      workers[0]?.reply({ type: 'done', runId, text: '', timings, stopped: runId === 'run-2' });
    const results = await Promise.all(batch.results);
    expect(results.map((r) => r.stopped)).toEqual([false, true]);
  });

  it('drops a row stopped while its batch waits in the queue, and sends the rest', async () => {
    const { engine, workers } = await readyEngine();
    const first = engine.generate('evaluation', 'first', params);
    const batch = engine.generateTogether(
      'run',
      [
        { prompt: 'a', callbacks: {} },
        { prompt: 'b', callbacks: {} }
      ],
      params
    );
    batch.stop(0);
    await expect(batch.results[0]).rejects.toBeInstanceOf(CancelledError);
    workers[0]?.reply({ type: 'done', runId: 'run-1', text: '', timings, stopped: false });
    await first;
    await tick();
    expect(posted(workers[0]).at(-1)).toEqual({ type: 'generate', runId: 'run-2', prompt: 'b', params, draw: 0 });
    workers[0]?.reply({ type: 'done', runId: 'run-2', text: 'B', timings, stopped: false });
    expect((await batch.results[1])?.text).toBe('B');
  });

  it('a model switch cancels every row of a running batch', async () => {
    const { engine, workers } = await readyEngine();
    const batch = engine.generateTogether(
      'run',
      [
        { prompt: 'a', callbacks: {} },
        { prompt: 'b', callbacks: {} }
      ],
      params
    );
    const switching = engine.switchTo(facts(other), 'wasm');
    for (const runId of ['run-1', 'run-2'])
      workers[0]?.reply({ type: 'done', runId, text: 'x', timings, stopped: true });
    for (const r of batch.results) await expect(r).rejects.toBeInstanceOf(CancelledError);
    workers[1]?.reply(ready);
    await switching;
  });
});
