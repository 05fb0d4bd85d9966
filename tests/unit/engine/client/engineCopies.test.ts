import { beforeEach, describe, expect, it } from 'vitest';
import { EngineClient } from '$lib/engine/client/engineClient.svelte.ts';
import { COPY_WARM_UP_RUNS } from '$lib/engine/client/engineCopies.svelte.ts';
import { WorkerCrashedError } from '$lib/engine/shared/errors.ts';
import type { GenParams, ModelRef, RunTimings } from '$lib/core/types.ts';
import type { Request } from '$lib/engine/shared/protocol.ts';
import { FakeWorker } from './fakeWorker.ts';
import { ready } from '../../state/fixtures.ts';

const model: ModelRef = { source: 'bundled', id: 'think-small-3m', baseUrl: 'http://x/models/', dtypes: ['q8'] };
const params: GenParams = { maxNewTokens: 8, temperature: 0, topK: 0, topP: 1, stopSequences: [] };
const timings: RunTimings = {
  startedAt: 0,
  firstTokenAt: 1,
  lastTokenAt: 2,
  endedAt: 3,
  promptTokens: 4,
  generatedTokens: 2
};
// Zero-shot, few-shot (its exemplars make it the longest) and answer-only.
const rows = ['Q: short?\nA:', `${'Q: an exemplar\nA: its answer.\n'.repeat(8)}Q: short?\nA:`, 'Q: s?\nA:'].map(
  (prompt) => ({ prompt, callbacks: {} })
);

let workers: FakeWorker[];
const make = (cores: number) =>
  new EngineClient(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  }, cores);
const generations = (w: FakeWorker | undefined): Request[] =>
  w?.posted.filter((r) => r.type === 'generate' || r.type === 'generate-batch') ?? [];

async function loadedWithCopies(
  cores: number
): Promise<{ client: EngineClient; main: FakeWorker; copies: FakeWorker[] }> {
  const client = make(cores);
  const p = client.load(model, 'auto');
  const main = workers[0];
  if (main === undefined) throw new Error('no worker');
  main.reply(ready);
  await p;
  const copies = workers.slice(1);
  for (const c of copies) c.reply(ready);
  return { client, main, copies };
}

beforeEach(() => {
  workers = [];
});

describe('engine copies', () => {
  it('starts one copy per spare core once the main worker is ready, each loading WASM with one thread', async () => {
    const { client, copies } = await loadedWithCopies(3);
    expect(copies).toHaveLength(2);
    for (const c of copies)
      expect(c.posted[0]).toEqual({ type: 'load', model, device: 'wasm', threads: 1, warmUpRuns: COPY_WARM_UP_RUNS });
    expect(client.workers).toBe(3);
  });

  it('starts none on one core, on WebGPU, or for a Hub model', async () => {
    await loadedWithCopies(1);
    expect(workers).toHaveLength(1);
    workers = [];
    const gpu = make(8);
    const p = gpu.load(model, 'webgpu');
    workers[0]?.reply({ ...ready, device: 'webgpu', dtype: 'q4' });
    await p;
    expect(workers).toHaveLength(1);
    workers = [];
    const hub = make(8);
    const q = hub.load(
      {
        source: 'hub',
        id: 'org/model',
        baseUrl: 'https://hub/',
        dtypes: ['q8'],
        revision: 'main',
        manifest: { algorithm: 'sha256', files: {} },
        chat: true
      },
      'wasm'
    );
    workers[0]?.reply(ready);
    await q;
    expect(workers).toHaveLength(1);
    expect(hub.workers).toBe(1);
  });

  it('gives the longest prompt the main copy and spreads the others, each row keeping its seeded draws', async () => {
    const { client, main, copies } = await loadedWithCopies(3);
    client.generateBatch(rows, params);
    const generate = (i: number) => ({
      type: 'generate',
      runId: `run-${i + 1}`,
      prompt: rows[i]?.prompt,
      params,
      draw: i
    });
    expect(generations(main)).toEqual([generate(1)]);
    expect(generations(copies[0])).toEqual([generate(0)]);
    expect(generations(copies[1])).toEqual([generate(2)]);
  });

  it('with one copy beside the main one, the two short rows share it in turns', async () => {
    const { client, main, copies } = await loadedWithCopies(2);
    client.generateBatch(rows, params);
    expect(generations(main)).toHaveLength(1);
    expect(generations(copies[0])).toEqual([
      {
        type: 'generate-batch',
        runs: [
          { runId: 'run-1', prompt: rows[0]?.prompt, draw: 0 },
          { runId: 'run-3', prompt: rows[2]?.prompt, draw: 2 }
        ],
        params,
        goal: 'alone'
      }
    ]);
  });

  it('keeps everything on the main worker until the copies are ready', async () => {
    const client = make(3);
    const p = client.load(model, 'auto');
    workers[0]?.reply(ready);
    await p;
    expect(client.workers).toBe(1);
    expect(client.workersLoading).toBe(true);
    client.generateBatch(rows, params);
    expect(generations(workers[0])).toHaveLength(1);
    expect(generations(workers[1])).toHaveLength(0);
    for (const c of workers.slice(1)) c.reply(ready);
    expect(client.workersLoading).toBe(false);
  });

  it('splits an evaluation batch into one batch per copy', async () => {
    const { client, main, copies } = await loadedWithCopies(2);
    const questions = Array.from({ length: 6 }, (_, i) => ({ prompt: `Q: ${i}?\nA:`, callbacks: {} }));
    client.generateBatch(questions, params, 'throughput');
    const runsOf = (w: FakeWorker | undefined) =>
      generations(w).flatMap((r) => (r.type === 'generate-batch' && r.goal === 'throughput' ? r.runs : []));
    expect(runsOf(main).map((r) => r.runId)).toEqual(['run-1', 'run-3', 'run-5']);
    expect(runsOf(copies[0]).map((r) => r.runId)).toEqual(['run-2', 'run-4', 'run-6']);
  });

  it('routes each copy’s replies to its row, and Stop on one row reaches the copy that runs it', async () => {
    const { client, main, copies } = await loadedWithCopies(3);
    const texts: string[] = [];
    const results = client.generateBatch(
      rows.map((r, i) => ({ prompt: r.prompt, callbacks: { onToken: (t: string) => texts.push(`${i}:${t}`) } })),
      params
    );
    copies[0]?.reply({ type: 'tokens', runId: 'run-1', text: 'a', at: [1] });
    main.reply({ type: 'tokens', runId: 'run-2', text: 'b', at: [1] });
    client.interruptRow(2);
    expect(copies[1]?.posted.at(-1)).toEqual({ type: 'interrupt', runId: 'run-3' });
    expect(main.posted.at(-1)?.type).toBe('generate');
    copies[1]?.reply({ type: 'done', runId: 'run-3', text: '', timings, stopped: true });
    copies[0]?.reply({ type: 'done', runId: 'run-1', text: 'a', timings, stopped: false });
    main.reply({ type: 'done', runId: 'run-2', text: 'b', timings, stopped: false });
    const settled = await Promise.all(results);
    expect(settled.map((r) => [r.text, r.stopped])).toEqual([
      ['a', false],
      ['b', false],
      ['', true]
    ]);
    expect(texts).toEqual(['0:a', '1:b']);
    expect(client.runningId).toBeNull();
  });

  it('a copy that crashes fails its own rows only and is not used again', async () => {
    const { client, main, copies } = await loadedWithCopies(3);
    const results = client.generateBatch(rows, params);
    copies[0]?.crash('out of memory');
    await expect(results[0]).rejects.toBeInstanceOf(WorkerCrashedError);
    expect(copies[0]?.terminated).toBe(true);
    main.reply({ type: 'done', runId: 'run-2', text: 'b', timings, stopped: false });
    copies[1]?.reply({ type: 'done', runId: 'run-3', text: 'c', timings, stopped: false });
    await expect(results[1]).resolves.toMatchObject({ text: 'b' });
    await expect(results[2]).resolves.toMatchObject({ text: 'c' });
    expect(client.status).toBe('ready');
    expect(client.workers).toBe(2);
  });

  it('drops a copy that fails to load or loads another dtype', async () => {
    const client = make(3);
    const p = client.load(model, 'auto');
    workers[0]?.reply(ready);
    await p;
    workers[1]?.reply({ type: 'error', name: 'ModelLoadError', message: 'no memory' });
    workers[2]?.reply({ ...ready, dtype: 'fp32' });
    expect(client.workers).toBe(1);
    expect(workers[1]?.terminated && workers[2]?.terminated).toBe(true);
  });

  it('a reload or a crash of the main worker ends the copies with it', async () => {
    const { client, copies } = await loadedWithCopies(3);
    void client.load(model, 'wasm').catch(() => undefined);
    for (const c of copies) expect(c.terminated).toBe(true);
    expect(client.workers).toBe(1);
  });

  it('asks every worker to keep the prompts’ openings, each as it becomes ready, a reload’s too', async () => {
    const keeps = (w: FakeWorker | undefined): Request[] => w?.posted.filter((r) => r.type === 'keep') ?? [];
    const client = make(3);
    const opening = rows[1]?.prompt ?? '';
    client.keep([opening]);
    const p = client.load(model, 'auto');
    expect(keeps(workers[0])).toEqual([]);
    workers[0]?.reply(ready);
    await p;
    expect(keeps(workers[0])).toEqual([{ type: 'keep', prompts: [opening] }]);
    expect(keeps(workers[1])).toEqual([]);
    workers[1]?.reply(ready);
    expect(keeps(workers[1])).toEqual([{ type: 'keep', prompts: [opening] }]);
    expect(keeps(workers[2])).toEqual([]);
    client.keep(['Q: other\nA:']);
    expect(keeps(workers[0]).at(-1)).toEqual({ type: 'keep', prompts: ['Q: other\nA:'] });
    expect(keeps(workers[1]).at(-1)).toEqual({ type: 'keep', prompts: ['Q: other\nA:'] });
    expect(keeps(workers[2])).toEqual([]);
    const reloaded = client.load(model, 'wasm');
    const fresh = workers[3];
    fresh?.reply(ready);
    await reloaded;
    expect(keeps(fresh)).toEqual([{ type: 'keep', prompts: ['Q: other\nA:'] }]);
  });
});
