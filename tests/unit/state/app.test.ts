import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { STUDENT_FORMAT } from '../../../models/recipe/format.ts';
import type { Reply, RunTimings } from '../../../src/lib/engine/protocol.ts';
import { AppState } from '../../../src/lib/state/app.svelte.ts';
import { FakeWorker } from '../engine/fakeWorker.ts';

const format = {
  ...STUDENT_FORMAT,
  exemplars: [{ question: 'What is 2 plus 3?', rationale: '2 + 3 = 5. The answer is 5.', answer: '5' }]
};
const ready: Reply = {
  type: 'ready',
  device: 'wasm',
  dtype: 'q8',
  threads: 1,
  loadMs: { downloadMs: 1, sessionMs: 1, warmupMs: 1 },
  webgpuAdapter: false
};
const timings: RunTimings = {
  startedAt: 0,
  firstTokenAt: 2,
  lastTokenAt: 12,
  endedAt: 13,
  promptTokens: 20,
  generatedTokens: 6
};

let workers: FakeWorker[];
let app: AppState;

function worker(): FakeWorker {
  const w = workers.at(-1);
  if (w === undefined) throw new Error('no worker');
  return w;
}

function generates(): { runId: string; mode: string; prompt: string }[] {
  return worker().posted.flatMap((r) =>
    r.type === 'generate' ? [{ runId: r.runId, mode: r.mode, prompt: r.prompt }] : []
  );
}

/** Lets the app's await chain move to its next generate. */
const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

beforeEach(async () => {
  workers = [];
  vi.stubGlobal('fetch', () => Promise.resolve(new Response(JSON.stringify(format))));
  app = new AppState({
    origin: 'http://localhost:4173',
    base: '/',
    seed: 1,
    createWorker: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    }
  });
  const started = app.start();
  await tick();
  worker().reply(ready);
  await started;
  app.setQuestion({ question: 'What is 4 plus 4?', gold: '8', family: 'arithmetic' });
});

afterEach(() => vi.unstubAllGlobals());

describe('AppState.runAll', () => {
  it('builds prompts from prompts.json through buildPrompt', () => {
    expect(app.prompts?.['answer-only']).toBe('Q: What is 4 plus 4?\nA: The answer is');
    expect(app.prompts?.['zero-shot-cot']).toBe("Q: What is 4 plus 4?\nA: Let's think step by step.");
    expect(app.prompts?.['few-shot-cot']).toBe(
      'Q: What is 2 plus 3?\nA: 2 + 3 = 5. The answer is 5.\n\nQ: What is 4 plus 4?\nA:'
    );
  });

  it('runs the three modes one after another, never two at once', async () => {
    const run = app.runAll();
    expect(generates().map((g) => g.mode)).toEqual(['zero-shot-cot']);
    expect(app.panes['few-shot-cot'].status).toBe('queued');
    worker().reply({ type: 'tokens', runId: 'run-1', text: ' 4 + 4 = 8.', at: [2, 3, 4] });
    expect(app.panes['zero-shot-cot'].text).toBe(' 4 + 4 = 8.');
    expect(app.panes['zero-shot-cot'].tokens).toBe(3);
    worker().reply({ type: 'done', runId: 'run-1', text: ' 4 + 4 = 8. The answer is 8.', timings, stopped: false });
    await tick();
    expect(generates().map((g) => g.mode)).toEqual(['zero-shot-cot', 'few-shot-cot']);
    worker().reply({ type: 'done', runId: 'run-2', text: ' The answer is 9.', timings, stopped: false });
    await tick();
    worker().reply({ type: 'done', runId: 'run-3', text: ' 8.', timings, stopped: false });
    await run;
    expect(app.running).toBe(false);
    expect(app.panes['zero-shot-cot'].answer).toBe('8');
    expect(app.panes['zero-shot-cot'].correct).toBe(true);
    expect(app.panes['few-shot-cot'].correct).toBe(false);
    expect(app.panes['answer-only'].answer).toBe('8');
    expect(app.panes['answer-only'].correct).toBe(true);
    expect(app.panes['answer-only'].stats?.ttftMs).toBe(2);
  });

  it('stop interrupts the running mode, keeps its partial text and skips the rest', async () => {
    const run = app.runAll();
    worker().reply({ type: 'tokens', runId: 'run-1', text: ' 4 +', at: [2] });
    app.stop();
    expect(worker().posted.at(-1)).toEqual({ type: 'interrupt', runId: 'run-1' });
    worker().reply({ type: 'done', runId: 'run-1', text: ' 4 +', timings, stopped: true });
    await run;
    expect(app.panes['zero-shot-cot'].status).toBe('stopped');
    expect(app.panes['zero-shot-cot'].text).toBe(' 4 +');
    expect(app.panes['few-shot-cot'].status).toBe('idle');
    expect(app.panes['answer-only'].status).toBe('idle');
    expect(generates()).toHaveLength(1);
  });

  it('rotates the order when asked', async () => {
    app.setRotate(true);
    const first = app.runAll();
    for (const id of ['run-1', 'run-2', 'run-3']) {
      worker().reply({ type: 'done', runId: id, text: 'x', timings, stopped: false });
      await tick();
    }
    await first;
    void app.runAll();
    expect(generates().at(-1)?.mode).toBe('few-shot-cot');
  });

  it('shows each idle pane its prompt token count from the worker', async () => {
    const p = app.refreshPromptCounts();
    const req = worker().posted.at(-1);
    expect(req?.type).toBe('count');
    if (req?.type !== 'count') return;
    expect(req.texts).toEqual([
      app.prompts?.['zero-shot-cot'],
      app.prompts?.['few-shot-cot'],
      app.prompts?.['answer-only']
    ]);
    worker().reply({ type: 'counted', runId: req.runId, tokens: [11, 40, 10] });
    await p;
    expect(app.panes['few-shot-cot'].promptTokens).toBe(40);
    app.setQuestionText('Something else?');
    expect(app.panes['few-shot-cot'].promptTokens).toBeNull();
  });

  it('sends the next-question stop sequence unless turned off', () => {
    void app.runAll();
    const first = worker().posted.find((r) => r.type === 'generate');
    expect(first?.type === 'generate' && first.params.stopSequences).toEqual(['\nQ:']);
    app.stop();
  });

  it('sends no stop sequence when turned off', () => {
    app.setStopAtNextQuestion(false);
    void app.runAll();
    const first = worker().posted.find((r) => r.type === 'generate');
    expect(first?.type === 'generate' && first.params.stopSequences).toEqual([]);
  });

  it('an edited question drops the gold answer', () => {
    app.setQuestionText('What is 1 plus 1?');
    expect(app.question.gold).toBeNull();
  });

  it('a practice question comes with a gold answer from the generator', () => {
    app.setFamily('coin');
    app.newPracticeQuestion();
    expect(app.question.family).toBe('coin');
    expect(app.question.gold === 'yes' || app.question.gold === 'no').toBe(true);
  });
});
