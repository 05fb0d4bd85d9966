import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunTimings } from '$lib/core/types.ts';
import type { Request } from '$lib/engine/shared/protocol.ts';
import type { AppState } from '$lib/state/appState.svelte.ts';
import type { RunState } from '$lib/state/runState.svelte.ts';
import { EvalState } from '$lib/state/evalState.svelte.ts';
import { EVAL_BATCH_QUESTIONS } from '$lib/run/batch.ts';
import type { FakeWorker } from '../engine/client/fakeWorker.ts';
import { format, hubModel, ready, readyApp, tick } from './fixtures.ts';

const timings: RunTimings = {
  startedAt: 0,
  firstTokenAt: 2,
  lastTokenAt: 12,
  endedAt: 20,
  promptTokens: 20,
  generatedTokens: 6,
  batchRows: 4
};

let worker: FakeWorker;
let workers: FakeWorker[];
let app: AppState;
let runs: RunState;

function batched(e: EvalState): EvalState {
  e.setBatched(true);
  return e;
}

type Batch = Extract<Request, { type: 'generate-batch' }>;
const batches = (): Batch[] => worker.posted.filter((r): r is Batch => r.type === 'generate-batch');

/** Answers every row of the newest batch: right (the gold answer) where `right(i)` says so. */
async function answerBatch(evaluation: EvalState, right: (row: number) => boolean): Promise<void> {
  const batch = batches().at(-1);
  if (batch === undefined) throw new Error('no batch');
  batch.runs.forEach((row, i) => {
    const item = evaluation.runSet?.items.find((it) => row.prompt.includes(it.question));
    const answer = right(i) ? (item?.gold ?? '') : 'zzz';
    const text = row.prompt.endsWith('The answer is') ? ` ${answer}.` : ` Steps. The answer is ${answer}.`;
    worker.reply({ type: 'done', runId: row.runId, text, timings, stopped: false });
  });
  await tick();
}

beforeEach(async () => {
  vi.stubGlobal('fetch', () => Promise.resolve(new Response(JSON.stringify(format))));
  const loaded = await readyApp();
  workers = loaded.workers;
  app = loaded.app;
  runs = loaded.runs;
  const first = loaded.workers[0];
  if (first === undefined) throw new Error('no worker');
  worker = first;
});

afterEach(() => vi.unstubAllGlobals());

describe('EvalState in batches', () => {
  it('batches by default where rows step in turns (WASM), and one at a time once asked', () => {
    const evaluation = new EvalState(app);
    expect(evaluation.batched).toBe(true);
    evaluation.setBatched(false);
    expect(evaluation.batched).toBe(false);
  });

  it('batches by default where the backend steps a batch as one (a hardware GPU)', async () => {
    const onGpu = await readyApp('webgpu', { device: 'webgpu', stepping: { alone: 'batch', throughput: 'batch' } });
    expect(new EvalState(onGpu.app).batched).toBe(true);
  });

  it("sends a group's questions one mode at a time, each mode's rows as one batch, recording as each batch ends", async () => {
    const n = EVAL_BATCH_QUESTIONS;
    const evaluation = batched(new EvalState(app, runs.panes));
    evaluation.setCount(n + 2);
    evaluation.setModes(['zero-shot-cot', 'answer-only']);
    const run = evaluation.run();
    // Rows of one mode have prompts of about one length: little of the batch is padding.
    expect(batches()).toHaveLength(1);
    expect(batches()[0]?.runs).toHaveLength(n);
    expect(batches()[0]?.runs.every((r) => r.prompt.endsWith("Let's think step by step."))).toBe(true);
    expect(worker.posted.filter((r) => r.type === 'generate')).toHaveLength(0);
    // The group's first question streams into the pane of the mode being asked, with it as the caption.
    const first = evaluation.runSet?.items[0];
    expect(runs.panes['zero-shot-cot'].status).toBe('running');
    expect(runs.panes['answer-only'].status).toBe('queued');
    expect(runs.panes['zero-shot-cot'].caption).toBe(`Evaluation, question 1 of ${n + 2}: ${first?.question ?? ''}`);
    await answerBatch(evaluation, (i) => i !== 1);
    expect(batches()).toHaveLength(2);
    expect(batches()[1]?.runs.every((r) => r.prompt.endsWith('The answer is'))).toBe(true);
    expect(runs.panes['answer-only'].status).toBe('running');
    await answerBatch(evaluation, () => true);
    expect(evaluation.records.map((r) => [r.index, r.mode, r.correct])).toEqual([
      ...Array.from({ length: n }, (_, i) => [i, 'zero-shot-cot', i !== 1]),
      ...Array.from({ length: n }, (_, i) => [i, 'answer-only', true])
    ]);
    // The last group holds the two questions left, in each mode.
    await vi.waitFor(() => expect(batches()).toHaveLength(3));
    expect(batches().at(-1)?.runs).toHaveLength(2);
    expect(runs.panes['zero-shot-cot'].caption).toMatch(new RegExp(`^Evaluation, question ${n + 1} of ${n + 2}: `));
    await answerBatch(evaluation, () => true);
    await vi.waitFor(() => expect(batches()).toHaveLength(4));
    await answerBatch(evaluation, () => true);
    await run;
    expect(evaluation.status).toBe('done');
    expect(evaluation.records).toHaveLength(2 * (n + 2));
  });

  it('a stop interrupts every row of the batch and leaves the stopped questions out', async () => {
    const evaluation = batched(new EvalState(app, runs.panes));
    evaluation.setCount(4);
    evaluation.setModes(['zero-shot-cot']);
    const run = evaluation.run();
    const batch = batches()[0];
    evaluation.stop();
    const interrupted = worker.posted.flatMap((r) => (r.type === 'interrupt' ? [r.runId] : []));
    expect(interrupted.sort()).toEqual(batch?.runs.map((r) => r.runId).sort());
    batch?.runs.forEach((row) =>
      worker.reply({ type: 'done', runId: row.runId, text: ' partial', timings, stopped: true })
    );
    await run;
    expect(evaluation.status).toBe('stopped');
    expect(evaluation.records).toHaveLength(0);
    expect(batches()).toHaveLength(1);
  });

  it('a failed row is recorded as an error and the others as answers', async () => {
    const evaluation = batched(new EvalState(app));
    evaluation.setCount(2);
    evaluation.setModes(['answer-only']);
    const run = evaluation.run();
    const [a, b] = batches()[0]?.runs ?? [];
    worker.reply({ type: 'error', runId: a?.runId ?? '', name: 'GenerationError', message: 'bad row' });
    worker.reply({ type: 'done', runId: b?.runId ?? '', text: ' 3.', timings, stopped: false });
    await run;
    expect(evaluation.records.map((r) => r.error !== null)).toEqual([true, false]);
    expect(evaluation.status).toBe('done');
  });

  it('a model switch mid-batch interrupts every row, ends the evaluation as cancelled, and keeps earlier batches', async () => {
    const evaluation = batched(new EvalState(app));
    evaluation.setCount(2 * EVAL_BATCH_QUESTIONS);
    evaluation.setModes(['answer-only']);
    const run = evaluation.run();
    await answerBatch(evaluation, () => true);
    const running = batches().at(-1)?.runs ?? [];
    const other = hubModel('test/other');
    const switching = app.useModel({ ref: other, label: 'Other', parameters: 1, format, chat: null });
    const interrupted = worker.posted.flatMap((r) => (r.type === 'interrupt' ? [r.runId] : []));
    expect(interrupted.sort()).toEqual(running.map((r) => r.runId).sort());
    for (const row of running) worker.reply({ type: 'done', runId: row.runId, text: ' 4', timings, stopped: true });
    await run;
    expect(evaluation.status).toBe('stopped');
    expect(evaluation.stopNote).toBe('Cancelled when a model was loaded');
    expect(evaluation.records).toHaveLength(EVAL_BATCH_QUESTIONS);
    await vi.waitFor(() => expect(workers).toHaveLength(2));
    workers[1]?.reply(ready);
    await switching;
    expect(app.engine.busy).toBe(false);
  });
});
