import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunTimings } from '$lib/core/types.ts';
import { MODES } from '$lib/prompts/index.ts';
import type { AppState } from '$lib/state/appState.svelte.ts';
import { RunState } from '$lib/state/runState.svelte.ts';
import type { FakeWorker } from '../engine/client/fakeWorker.ts';
import { format, readyApp, tick, newest } from './fixtures.ts';

const timings = (generatedTokens: number): RunTimings => ({
  startedAt: 0,
  firstTokenAt: 4,
  lastTokenAt: 4 + generatedTokens,
  endedAt: 5 + generatedTokens,
  promptTokens: 20,
  generatedTokens,
  batchRows: 3
});

let workers: FakeWorker[];
let app: AppState;
let runs: RunState;

const worker = (): FakeWorker => newest(workers);

/** The batches posted, each as its rows' runIds and modes. */
function batches(): { runId: string; mode: string }[][] {
  return worker().posted.flatMap((r) =>
    r.type === 'generate-batch'
      ? [r.runs.map((row) => ({ runId: row.runId, mode: MODES.find((m) => app.prompts?.[m] === row.prompt) ?? '?' }))]
      : []
  );
}

function rowOf(mode: string): string {
  const row = batches()
    .at(-1)
    ?.find((r) => r.mode === mode);
  if (row === undefined) throw new Error(`no row for ${mode}`);
  return row.runId;
}

beforeEach(async () => {
  vi.stubGlobal('fetch', () => Promise.resolve(new Response(JSON.stringify(format))));
  ({ app, runs, workers } = await readyApp());
  app.setQuestion({ question: 'What is 4 plus 4?', gold: '8', family: 'arithmetic' });
});

afterEach(() => vi.unstubAllGlobals());

describe('RunState together', () => {
  beforeEach(() => runs.setTogether(true));

  it("is on by default on every backend (the worker picks batch or turns), and the user's choice after", async () => {
    expect(new RunState(app).together).toBe(true);
    const onGpu = await readyApp('webgpu', { device: 'webgpu', stepping: { alone: 'batch', throughput: 'batch' } });
    const fresh = new RunState(onGpu.app);
    expect(fresh.together).toBe(true);
    fresh.setTogether(false);
    expect(fresh.together).toBe(false);
  });

  it('sends the three modes as one batch, and every pane is generating at the same moment', async () => {
    const run = runs.runAll();
    expect(batches()).toHaveLength(1);
    expect(
      batches()[0]
        ?.map((r) => r.mode)
        .sort()
    ).toEqual([...MODES].sort());
    expect(worker().posted.filter((r) => r.type === 'generate')).toHaveLength(0);
    for (const m of MODES) expect(runs.panes[m].status).toBe('running');

    worker().reply({ type: 'tokens', runId: rowOf('zero-shot-cot'), text: ' 4 + 4', at: [5, 6] });
    worker().reply({ type: 'tokens', runId: rowOf('answer-only'), text: ' 8.', at: [5] });
    expect(runs.panes['zero-shot-cot'].text).toBe(' 4 + 4');
    expect(runs.panes['answer-only'].text).toBe(' 8.');
    expect(runs.panes['few-shot-cot'].text).toBe('');

    worker().reply({ type: 'done', runId: rowOf('answer-only'), text: ' 8.', timings: timings(2), stopped: false });
    await tick();
    expect(runs.panes['answer-only'].status).toBe('done');
    expect(runs.panes['zero-shot-cot'].status).toBe('running');
    expect(runs.running).toBe(true);
    for (const [m, text] of [
      ['zero-shot-cot', ' 4 + 4 = 8. The answer is 8.'],
      ['few-shot-cot', ' The answer is 8.']
    ] as const)
      worker().reply({ type: 'done', runId: rowOf(m), text, timings: timings(9), stopped: false });
    await run;
    expect(runs.running).toBe(false);
    for (const m of MODES) expect(runs.panes[m].correct).toBe(true);
    expect(runs.panes['zero-shot-cot'].stats?.batchRows).toBe(3);
  });

  it('Stop on one pane interrupts its row only; the other panes keep streaming', async () => {
    const run = runs.runAll();
    runs.stopPane('few-shot-cot');
    const interrupts = worker().posted.filter((r) => r.type === 'interrupt');
    expect(interrupts).toEqual([{ type: 'interrupt', runId: rowOf('few-shot-cot') }]);
    worker().reply({ type: 'done', runId: rowOf('few-shot-cot'), text: ' 2', timings: timings(1), stopped: true });
    await tick();
    expect(runs.panes['few-shot-cot'].status).toBe('stopped');
    expect(runs.panes['zero-shot-cot'].status).toBe('running');
    worker().reply({ type: 'tokens', runId: rowOf('zero-shot-cot'), text: ' 4', at: [9] });
    expect(runs.panes['zero-shot-cot'].text).toBe(' 4');
    for (const m of ['zero-shot-cot', 'answer-only'] as const)
      worker().reply({ type: 'done', runId: rowOf(m), text: ' 8.', timings: timings(2), stopped: false });
    await run;
    expect(runs.panes['zero-shot-cot'].status).toBe('done');
    expect(runs.panes['answer-only'].status).toBe('done');
  });

  it('Stop ends every row, and one failed row does not fail the others', async () => {
    const run = runs.runAll();
    runs.stop();
    const interrupted = worker()
      .posted.flatMap((r) => (r.type === 'interrupt' ? [r.runId] : []))
      .sort();
    expect(interrupted).toEqual(MODES.map((m) => rowOf(m)).sort());
    worker().reply({
      type: 'error',
      runId: rowOf('few-shot-cot'),
      name: 'PromptTooLongError',
      message: 'too long'
    });
    for (const m of ['zero-shot-cot', 'answer-only'] as const)
      worker().reply({ type: 'done', runId: rowOf(m), text: ' 4', timings: timings(1), stopped: true });
    await run;
    expect(runs.panes['few-shot-cot'].status).toBe('error');
    expect(runs.panes['zero-shot-cot'].status).toBe('stopped');
    expect(runs.panes['answer-only'].status).toBe('stopped');
    expect(runs.canRun).toBe(true);
  });

  it('marks every pane of the first run after a load as a warm-up, since they share its costs', async () => {
    const run = runs.runAll();
    for (const m of MODES) expect(runs.panes[m].warmup).toBe(true);
    for (const m of MODES)
      worker().reply({ type: 'done', runId: rowOf(m), text: ' 8.', timings: timings(2), stopped: false });
    await run;
  });

  it('one at a time, when chosen, sends single generations again', async () => {
    runs.setTogether(false);
    const run = runs.runAll();
    expect(batches()).toHaveLength(0);
    expect(worker().posted.filter((r) => r.type === 'generate')).toHaveLength(1);
    runs.stop();
    const g = worker().posted.find((r) => r.type === 'generate');
    worker().reply({
      type: 'done',
      runId: g?.type === 'generate' ? g.runId : '',
      text: '',
      timings: timings(0),
      stopped: true
    });
    await run;
  });
});
