import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunTimings } from '$lib/core/types.ts';
import type { AppState } from '$lib/state/appState.svelte.ts';
import type { RunState } from '$lib/state/runState.svelte.ts';
import { MODES } from '$lib/prompts/index.ts';
import { EvalState } from '$lib/state/evalState.svelte.ts';
import { FakeWorker } from '../engine/client/fakeWorker.ts';
import { format, hubModel, ready, readyApp } from './fixtures.ts';

const config = {
  model_type: 'llama',
  vocab_size: 1024,
  hidden_size: 160,
  intermediate_size: 432,
  num_hidden_layers: 8,
  num_attention_heads: 5,
  num_key_value_heads: 5,
  head_dim: 32
};
const timings: RunTimings = {
  startedAt: 0,
  firstTokenAt: 2,
  lastTokenAt: 12,
  endedAt: 20,
  promptTokens: 20,
  generatedTokens: 6
};

let worker: FakeWorker;
let app: AppState;
let runs: RunState;
let workers: FakeWorker[];
let evaluation: EvalState;

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

/** These tests follow one generation at a time; evalBatch.test.ts covers the default batches. */
function inTurn(e: EvalState): EvalState {
  e.setBatched(false);
  return e;
}

/** The mode a generate's prompt belongs to (the worker is told only the prompt). */
function modeOf(prompt: string): string {
  for (const item of evaluation.runSet?.items ?? []) {
    const prompts = app.promptsFor(item.question);
    const mode = MODES.find((m) => prompts?.[m] === prompt);
    if (mode !== undefined) return mode;
  }
  return 'unknown';
}

function generates() {
  return worker.posted.flatMap((r) => (r.type === 'generate' ? [{ ...r, mode: modeOf(r.prompt) }] : []));
}

/** Answers the newest generate with the gold answer when `right`, a wrong one otherwise. */
async function answer(right: boolean): Promise<void> {
  const g = generates().at(-1);
  if (g === undefined) throw new Error('nothing to answer');
  const item = evaluation.runSet?.items[evaluation.current?.index ?? -1];
  const gold = item?.gold ?? '';
  const text =
    evaluation.current?.mode === 'answer-only'
      ? ` ${right ? gold : 'zzz'}.`
      : ` Some steps. The answer is ${right ? gold : 'zzz'}.`;
  worker.reply({ type: 'done', runId: g.runId, text, timings, stopped: false });
  await tick();
}

beforeEach(async () => {
  vi.stubGlobal('fetch', (url: string) =>
    Promise.resolve(new Response(JSON.stringify(url.endsWith('config.json') ? config : format)))
  );
  const loaded = await readyApp();
  workers = loaded.workers;
  app = loaded.app;
  runs = loaded.runs;
  const first = loaded.workers[0];
  if (first === undefined) throw new Error('no worker');
  worker = first;
  evaluation = inTurn(new EvalState(app));
});

afterEach(() => vi.unstubAllGlobals());

describe('EvalState', () => {
  it('selects 50 mixed held-out questions by default', () => {
    expect(evaluation.set?.items).toHaveLength(50);
    expect(evaluation.set?.source).toEqual({ kind: 'generated', family: 'mixed', count: 50, seed: 2022 });
    expect(evaluation.canStart).toBe(true);
  });

  it('runs every question through the chosen modes, one generation at a time, and aggregates', async () => {
    evaluation.setCount(2);
    evaluation.setMode('few-shot-cot', false);
    const run = evaluation.run();
    expect(runs.canRun).toBe(false);
    expect(evaluation.running).toBe(true);
    expect(generates().map((g) => g.mode)).toEqual(['zero-shot-cot']);
    const first = evaluation.runSet?.items[0]?.question ?? '';
    expect(generates()[0]?.prompt).toBe(app.promptsFor(first)?.['zero-shot-cot']);
    await answer(true);
    expect(evaluation.done).toBe(1);
    expect(evaluation.summary.modes[0]).toMatchObject({ mode: 'zero-shot-cot', n: 1, correct: 1 });
    await answer(false);
    await answer(true);
    await answer(true);
    await run;
    expect(generates().map((g) => g.mode)).toEqual(['zero-shot-cot', 'answer-only', 'zero-shot-cot', 'answer-only']);
    expect(evaluation.status).toBe('done');
    expect(evaluation.total).toBe(4);
    expect(evaluation.summary.modes.map((m) => [m.mode, m.correct, m.n])).toEqual([
      ['zero-shot-cot', 2, 2],
      ['answer-only', 1, 2]
    ]);
    expect(evaluation.records[1]).toMatchObject({ mode: 'answer-only', predicted: 'zzz', correct: false });
    expect(evaluation.records[0]?.decodeTokensPerSec).toBe(500);
    expect(runs.canRun).toBe(true);
  });

  it('stop interrupts, leaves the partial answer out and ends the run', async () => {
    evaluation.setCount(3);
    const run = evaluation.run();
    await answer(true);
    evaluation.stop();
    const g = generates().at(-1);
    expect(worker.posted.at(-1)).toEqual({ type: 'interrupt', runId: g?.runId });
    worker.reply({ type: 'done', runId: g?.runId ?? '', text: ' partial', timings, stopped: true });
    await run;
    expect(evaluation.status).toBe('stopped');
    expect(evaluation.records).toHaveLength(1);
    expect(generates()).toHaveLength(2);
  });

  it('labels a stopped run with the questions it answered, not the set size (issue 14)', async () => {
    evaluation.setCount(30);
    evaluation.setModes(['answer-only']);
    const run = evaluation.run();
    expect(evaluation.runLabel).toBe('mixed × 0 of 30, seed 2022');
    await answer(true);
    await answer(true);
    expect(evaluation.runLabel).toBe('mixed × 2 of 30, seed 2022');
    evaluation.stop();
    const g = generates().at(-1);
    worker.reply({ type: 'done', runId: g?.runId ?? '', text: ' partial', timings, stopped: true });
    await run;
    expect(evaluation.runLabel).toBe('mixed × 2 of 30, seed 2022 (stopped)');
    expect(evaluation.runLabel).not.toContain('× 30');
  });

  it('a complete run keeps the set label', async () => {
    evaluation.setCount(1);
    evaluation.setModes(['answer-only']);
    const run = evaluation.run();
    await answer(true);
    await run;
    expect(evaluation.runLabel).toBe('mixed × 1, seed 2022');
  });

  it('records a failed generation as an error (in words, no class name: issue 14), not as a wrong answer, and goes on', async () => {
    evaluation.setCount(1);
    evaluation.setModes(['answer-only']);
    const run = evaluation.run();
    const g = generates().at(-1);
    worker.reply({ type: 'error', runId: g?.runId ?? '', name: 'GenerationError', message: 'boom' });
    await run;
    expect(evaluation.records[0]?.error).toBe('boom');
    expect(evaluation.summary.modes[0]).toMatchObject({ n: 0, errors: 1 });
    expect(evaluation.status).toBe('done');
  });

  it('ends with an error when the engine dies', async () => {
    evaluation.setCount(2);
    const run = evaluation.run();
    worker.crash('out of memory');
    await run;
    expect(evaluation.status).toBe('error');
    expect(evaluation.error).toMatch(/out of memory/);
    expect(app.engine.busy).toBe(false);
  });

  it('cannot start while a live run is going, nor without modes', () => {
    evaluation.setModes([]);
    expect(evaluation.canStart).toBe(false);
    evaluation.setModes(['answer-only']);
    void runs.runAll();
    expect(evaluation.canStart).toBe(false);
  });

  it('uses a pasted set, and keeps the previous one when the paste has errors', () => {
    evaluation.useText('question,answer\nWhat is 1 plus 1?,2\n', 'mine.csv');
    expect(evaluation.choice).toBe('uploaded');
    expect(evaluation.set?.items).toHaveLength(1);
    evaluation.useText('question,answer\nno answer\n', 'bad.csv');
    expect(evaluation.uploadErrors).toEqual(['line 2: the answer is missing or empty']);
    expect(evaluation.set?.label).toBe('mine.csv');
  });

  it('refuses a file over the size limit without reading it', async () => {
    const text = vi.fn(() => Promise.resolve(''));
    await evaluation.useFile({ name: 'huge.json', size: 5_000_000, text } as unknown as File);
    expect(text).not.toHaveBeenCalled();
    expect(evaluation.uploadErrors[0]).toMatch(/huge.json is 5000000 bytes/);
  });

  it('clamps set sizes and seeds', () => {
    evaluation.setCount(10_000);
    expect(evaluation.count).toBe(500);
    evaluation.setCount(Number.NaN);
    expect(evaluation.count).toBe(500);
    evaluation.setSeed(-5);
    expect(evaluation.seed).toBe(0);
  });

  it("counts the bundled model's parameters from its config.json, into the engine's model facts", () => {
    expect(app.engine.model.parameters).toBe(2_808_480);
    expect(app.exportContext(0).model.parameters).toBe(2_808_480);
  });

  it('exports the settings the run started with, not later edits', async () => {
    evaluation.setCount(1);
    evaluation.setModes(['answer-only']);
    const run = evaluation.run();
    await answer(true);
    await run;
    app.setParams({ maxNewTokens: 7 });
    const report = evaluation.report(Date.parse('2026-01-01T00:00:00Z'));
    expect(report?.params.maxNewTokens).toBe(160);
    expect(report?.complete).toBe(true);
    expect(report?.records).toHaveLength(1);
    expect(report?.exportedAt).toBe('2026-01-01T00:00:00.000Z');
  });
  it('switching to another model mid-evaluation cancels it cleanly, and the next evaluation runs on the new model', async () => {
    evaluation.setCount(3);
    evaluation.setModes(['answer-only']);
    const run = evaluation.run();
    await answer(true);
    const old = worker;
    const running = generates().at(-1);
    const other = hubModel('test/other');
    const switching = app.useModel({ ref: other, label: 'Other', parameters: 1_234_567, format, chat: null });
    // The running item is stopped, and the switch waits for its end before the new model loads.
    expect(old.posted.at(-1)).toEqual({ type: 'interrupt', runId: running?.runId });
    expect(workers).toHaveLength(1);
    old.reply({ type: 'done', runId: running?.runId ?? '', text: ' 4', timings, stopped: true });
    await run;
    expect(evaluation.status).toBe('stopped');
    expect(evaluation.stopNote).toBe('Cancelled when a model was loaded');
    expect(evaluation.error).toBeNull();
    // The answered item stays; the interrupted one and the one never asked are not counted.
    expect(evaluation.records).toHaveLength(1);
    expect(generates()).toHaveLength(2);
    await vi.waitFor(() => expect(workers).toHaveLength(2));
    const next = workers[1];
    if (next === undefined) throw new Error('no new worker');
    next.reply(ready);
    await switching;
    expect(app.engine.busy).toBe(false);
    expect(evaluation.canStart).toBe(true);

    worker = next;
    evaluation.setCount(1);
    const second = evaluation.run();
    expect(generates()).toHaveLength(1);
    expect(old.posted.filter((r) => r.type === 'generate')).toHaveLength(2);
    await answer(true);
    await second;
    expect(evaluation.status).toBe('done');
    const report = evaluation.report(0);
    expect(report?.model).toMatchObject({ id: 'test/other', parameters: 1_234_567 });
    expect(report?.records).toHaveLength(1);
  });
});

describe('EvalState on stage (issue 14: the panes show the question being evaluated, live)', () => {
  it('streams each question into the pane of its mode, with the question as the caption', async () => {
    const staged = inTurn(new EvalState(app, runs.panes));
    evaluation = staged;
    staged.setCount(2);
    staged.setModes(['zero-shot-cot', 'answer-only']);
    const run = staged.run();
    const first = staged.runSet?.items[0];
    const pane = runs.panes['zero-shot-cot'];
    expect(pane.status).toBe('running');
    expect(pane.caption).toBe(`Evaluation, question 1 of 2: ${first?.question ?? ''}`);
    expect(pane.prompt).toBe(app.promptsFor(first?.question ?? '')?.['zero-shot-cot']);
    expect(runs.panes['answer-only'].status).toBe('queued');
    expect(runs.panes['few-shot-cot'].status).toBe('skipped');
    const g = generates().at(-1);
    worker.reply({ type: 'tokens', runId: g?.runId ?? '', text: ' Some', at: [3] });
    expect(pane.text).toBe(' Some');
    await answer(true);
    expect(pane.status).toBe('done');
    expect(pane.verdict).toBe('right');
    expect(runs.panes['answer-only'].status).toBe('running');
    await answer(false);
    // The next question takes the stage at once: every pane shows it, queued or running.
    expect(pane.caption).toMatch(/^Evaluation, question 2 of 2: /);
    expect(runs.panes['answer-only'].caption).toMatch(/^Evaluation, question 2 of 2: /);
    expect(runs.panes['answer-only'].status).toBe('queued');
    expect(runs.hasRun).toBe(false);
    await answer(true);
    await answer(true);
    await run;
    expect(staged.records).toHaveLength(4);
  });

  it('a stop leaves the running pane stopped and ungraded, and the queued one skipped', async () => {
    const staged = inTurn(new EvalState(app, runs.panes));
    evaluation = staged;
    staged.setCount(3);
    staged.setModes(['zero-shot-cot', 'answer-only']);
    const run = staged.run();
    staged.stop();
    const g = generates().at(-1);
    worker.reply({ type: 'done', runId: g?.runId ?? '', text: ' partial', timings, stopped: true });
    await run;
    expect(runs.panes['zero-shot-cot'].status).toBe('stopped');
    expect(runs.panes['zero-shot-cot'].verdict).toBe('none');
    expect(runs.panes['answer-only'].status).toBe('skipped');
  });

  it("keeps the last run's report exportable after an evaluation took its panes", async () => {
    const question = app.question.question;
    runs.setTogether(false);
    const live = runs.runAll();
    for (const text of [' 4 + 4 = 8. The answer is 8.', ' The answer is 8.', ' 8.']) {
      const g = generates().at(-1);
      worker.reply({ type: 'done', runId: g?.runId ?? '', text, timings, stopped: false });
      await tick();
    }
    await live;
    const staged = inTurn(new EvalState(app, runs.panes));
    evaluation = staged;
    staged.setCount(1);
    staged.setModes(['zero-shot-cot']);
    const run = staged.run();
    await answer(false);
    await run;
    expect(runs.panes['zero-shot-cot'].caption).toMatch(/^Evaluation/);
    expect(runs.hasRun).toBe(true);
    const report = runs.report(0);
    expect(report.question).toBe(question);
    expect(report.panes.map((p) => p.text)).toEqual([' 4 + 4 = 8. The answer is 8.', ' The answer is 8.', ' 8.']);
    expect(report.panes.every((p) => p.status === 'done')).toBe(true);
  });
});
