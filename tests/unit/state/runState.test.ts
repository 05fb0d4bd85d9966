import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunTimings } from '$lib/core/types.ts';
import type { Reply } from '$lib/engine/shared/protocol.ts';
import { MODES } from '$lib/prompts/index.ts';
import type { AppState } from '$lib/state/appState.svelte.ts';
import type { RunState } from '$lib/state/runState.svelte.ts';
import { FakeWorker } from '../engine/client/fakeWorker.ts';
import { format, hubModel, ready, readyApp, tick, newest } from './fixtures.ts';

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
let runs: RunState;

const worker = (): FakeWorker => newest(workers);

/** The mode whose prompt this is (the worker is told only the prompt). */
function modeOf(prompt: string): string {
  return MODES.find((m) => app.prompts?.[m] === prompt) ?? 'unknown';
}

function generates(): { runId: string; mode: string; prompt: string }[] {
  return worker().posted.flatMap((r) =>
    r.type === 'generate' ? [{ runId: r.runId, mode: modeOf(r.prompt), prompt: r.prompt }] : []
  );
}

/** Lets the app's await chain move to its next generate. */

beforeEach(async () => {
  vi.stubGlobal('fetch', () => Promise.resolve(new Response(JSON.stringify(format))));
  ({ app, runs, workers } = await readyApp());
  app.setQuestion({ question: 'What is 4 plus 4?', gold: '8', family: 'arithmetic' });
  // These tests are about the "one at a time" option; runTogether.test.ts covers the default batch.
  runs.setTogether(false);
});

afterEach(() => vi.unstubAllGlobals());

describe('RunState.runAll', () => {
  it('builds prompts from prompts.json through buildPrompt', () => {
    expect(app.prompts?.['answer-only']).toBe('Q: What is 4 plus 4?\nA: The answer is');
    expect(app.prompts?.['zero-shot-cot']).toBe("Q: What is 4 plus 4?\nA: Let's think step by step.");
    expect(app.prompts?.['few-shot-cot']).toBe(
      'Q: What is 2 plus 3?\nA: 2 + 3 = 5. The answer is 5.\n\nQ: What is 4 plus 4?\nA:'
    );
  });

  it('runs the three modes one after another, never two at once', async () => {
    const run = runs.runAll();
    expect(generates().map((g) => g.mode)).toEqual(['zero-shot-cot']);
    expect(runs.panes['few-shot-cot'].status).toBe('queued');
    worker().reply({ type: 'tokens', runId: 'run-1', text: ' 4 + 4 = 8.', at: [2, 3, 4] });
    expect(runs.panes['zero-shot-cot'].text).toBe(' 4 + 4 = 8.');
    expect(runs.panes['zero-shot-cot'].tokens).toBe(3);
    worker().reply({ type: 'done', runId: 'run-1', text: ' 4 + 4 = 8. The answer is 8.', timings, stopped: false });
    await tick();
    expect(generates().map((g) => g.mode)).toEqual(['zero-shot-cot', 'few-shot-cot']);
    worker().reply({ type: 'done', runId: 'run-2', text: ' The answer is 9.', timings, stopped: false });
    await tick();
    worker().reply({ type: 'done', runId: 'run-3', text: ' 8.', timings, stopped: false });
    await run;
    expect(runs.running).toBe(false);
    expect(runs.panes['zero-shot-cot'].answer).toBe('8');
    expect(runs.panes['zero-shot-cot'].correct).toBe(true);
    expect(runs.panes['few-shot-cot'].correct).toBe(false);
    expect(runs.panes['answer-only'].answer).toBe('8');
    expect(runs.panes['answer-only'].correct).toBe(true);
    expect(runs.panes['answer-only'].stats?.ttftMs).toBe(2);
  });

  it('stop interrupts the running mode, keeps its partial text and skips the rest', async () => {
    const run = runs.runAll();
    worker().reply({ type: 'tokens', runId: 'run-1', text: ' 4 +', at: [2] });
    runs.stop();
    expect(worker().posted.at(-1)).toEqual({ type: 'interrupt', runId: 'run-1' });
    worker().reply({ type: 'done', runId: 'run-1', text: ' 4 +', timings, stopped: true });
    await run;
    expect(runs.panes['zero-shot-cot'].status).toBe('stopped');
    expect(runs.panes['zero-shot-cot'].text).toBe(' 4 +');
    expect(runs.panes['few-shot-cot'].status).toBe('skipped');
    expect(runs.panes['answer-only'].status).toBe('skipped');
    expect(generates()).toHaveLength(1);
  });

  it('rotates the order when asked', async () => {
    runs.setRotate(true);
    const first = runs.runAll();
    for (const id of ['run-1', 'run-2', 'run-3']) {
      worker().reply({ type: 'done', runId: id, text: 'x', timings, stopped: false });
      await tick();
    }
    await first;
    void runs.runAll();
    expect(generates().at(-1)?.mode).toBe('few-shot-cot');
  });

  it('shows each idle pane its prompt token count from the worker', async () => {
    const p = runs.refreshPromptCounts();
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
    expect(runs.panes['few-shot-cot'].promptTokens).toBe(40);
    app.setQuestionText('Something else?');
    expect(runs.panes['few-shot-cot'].promptTokens).toBeNull();
  });

  it('warns before Run when a prompt will not fit the context, and disables Run (issue 14)', async () => {
    app.setParams({ maxNewTokens: 160 });
    const p = runs.refreshPromptCounts();
    const req = worker().posted.at(-1);
    if (req?.type !== 'count') throw new Error('no count request');
    // The fixture's model reads 1,024 tokens: few-shot's 900 + 160 new ones do not fit, the others do.
    worker().reply({ type: 'counted', runId: req.runId, tokens: [300, 900, 290] });
    await p;
    expect(runs.fitProblem).toBe(
      'Too long for this model (Few-shot CoT). The prompt is 900 tokens and 160 new tokens were asked for, 1,060 in all, but the model reads at most 1,024: lower Max new tokens to 124 or shorten the prompt.'
    );
    expect(runs.runProblem).toBe(runs.fitProblem);
    expect(runs.canRun).toBe(false);
    app.setParams({ maxNewTokens: 100 });
    expect(runs.fitProblem).toBeNull();
    expect(runs.canRun).toBe(true);
    // Counts belong to the prompts they were made for: a new question is not judged by old counts.
    app.setParams({ maxNewTokens: 160 });
    app.setQuestionText('Another question?');
    expect(runs.fitProblem).toBeNull();
  });

  it('sends the next-question stop sequence unless turned off', () => {
    void runs.runAll();
    const first = worker().posted.find((r) => r.type === 'generate');
    expect(first?.type === 'generate' && first.params.stopSequences).toEqual(['\nQ:']);
    runs.stop();
  });

  it('sends no stop sequence when turned off', () => {
    app.setStopAtNextQuestion(false);
    void runs.runAll();
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

describe('RunState reliability', () => {
  const done = (runId: string, text = 'x', stopped = false): Reply => ({ type: 'done', runId, text, timings, stopped });

  it('stopping one running pane keeps its partial text and lets the other modes run', async () => {
    const run = runs.runAll();
    worker().reply({ type: 'tokens', runId: 'run-1', text: ' 4 +', at: [2] });
    runs.stopPane('few-shot-cot');
    expect(worker().posted.at(-1)?.type).toBe('generate');
    runs.stopPane('zero-shot-cot');
    expect(worker().posted.at(-1)).toEqual({ type: 'interrupt', runId: 'run-1' });
    worker().reply(done('run-1', ' 4 +', true));
    await tick();
    expect(generates().map((g) => g.mode)).toEqual(['zero-shot-cot', 'answer-only']);
    worker().reply(done('run-2', ' 8.'));
    await run;
    expect(runs.panes['zero-shot-cot'].status).toBe('stopped');
    expect(runs.panes['zero-shot-cot'].text).toBe(' 4 +');
    expect(runs.panes['few-shot-cot'].status).toBe('skipped');
    expect(runs.panes['answer-only'].status).toBe('done');
  });

  it('a stopped pane does not touch the next run', async () => {
    const first = runs.runAll();
    runs.stopPane('zero-shot-cot');
    worker().reply(done('run-1', 'partial', true));
    await tick();
    worker().reply(done('run-2'));
    await tick();
    worker().reply(done('run-3'));
    await first;
    const second = runs.runAll();
    expect(runs.panes['zero-shot-cot'].status).toBe('running');
    expect(runs.panes['zero-shot-cot'].text).toBe('');
    for (const id of ['run-4', 'run-5', 'run-6']) {
      worker().reply(done(id, 'full'));
      await tick();
    }
    await second;
    for (const mode of ['zero-shot-cot', 'few-shot-cot', 'answer-only'] as const)
      expect(runs.panes[mode].status).toBe('done');
  });

  it('pressing Run repeatedly starts one run, never a second concurrent generate', async () => {
    const started = [runs.runAll(), runs.runAll(), runs.runAll()];
    expect(generates()).toHaveLength(1);
    worker().reply(done('run-1'));
    await tick();
    void runs.runAll();
    expect(generates()).toHaveLength(2);
    worker().reply(done('run-2'));
    await tick();
    worker().reply(done('run-3'));
    await Promise.all(started);
    expect(generates().map((g) => g.runId)).toEqual(['run-1', 'run-2', 'run-3']);
  });

  it('reloading the model mid-run cancels cleanly: partial text kept, old tokens dropped, next run works', async () => {
    const run = runs.runAll();
    const old = worker();
    old.reply({ type: 'tokens', runId: 'run-1', text: ' 4 +', at: [2] });
    const reload = app.loadModel();
    await run;
    expect(old.terminated).toBe(true);
    const pane = runs.panes['zero-shot-cot'];
    expect(pane.status).toBe('stopped');
    expect(pane.stopNote).toBe('Cancelled when a model was loaded');
    expect(pane.text).toBe(' 4 +');
    expect(runs.panes['few-shot-cot'].status).toBe('skipped');
    old.reply({ type: 'tokens', runId: 'run-1', text: ' stale', at: [3] });
    expect(pane.text).toBe(' 4 +');
    worker().reply(ready);
    await reload;
    const next = runs.runAll();
    expect(generates()).toEqual([expect.objectContaining({ runId: 'run-2', mode: 'zero-shot-cot' })]);
    old.reply({ type: 'tokens', runId: 'run-2', text: ' old worker', at: [4] });
    worker().reply({ type: 'tokens', runId: 'run-2', text: ' 8', at: [5] });
    expect(pane.text).toBe(' 8');
    for (const id of ['run-2', 'run-3', 'run-4']) {
      worker().reply(done(id));
      await tick();
    }
    await next;
    expect(pane.status).toBe('done');
  });

  it('switching models mid-run ends the run before the panes are reset: none of its tokens reach them', async () => {
    const run = runs.runAll();
    const old = worker();
    old.reply({ type: 'tokens', runId: 'run-1', text: ' 4 +', at: [2] });
    const other = hubModel('test/other');
    const switching = app.useModel({
      ref: other,
      label: 'test/other',
      parameters: null,
      format: { ...format, trigger: 'Think.' },
      chat: null
    });
    expect(old.posted.at(-1)).toEqual({ type: 'interrupt', runId: 'run-1' });
    // Tokens already on their way, then the run's end: they belong to the old model's panes.
    old.reply({ type: 'tokens', runId: 'run-1', text: ' 4', at: [3] });
    old.reply(done('run-1', ' 4 + 4', true));
    await run;
    await tick();
    for (const mode of MODES) {
      expect(runs.panes[mode].status).toBe('idle');
      expect(runs.panes[mode].text).toBe('');
    }
    expect(app.prompts?.['zero-shot-cot']).toMatch(/Think\.$/);
    old.reply({ type: 'tokens', runId: 'run-1', text: ' stale', at: [4] });
    expect(runs.panes['zero-shot-cot'].text).toBe('');
    worker().reply(ready);
    await switching;
    expect(app.model.id).toBe('test/other');
  });

  it('a worker crash fails the running pane, skips the rest, and the restarted engine runs again', async () => {
    app.setQuestionText('My own question?');
    app.setParams({ maxNewTokens: 7 });
    const run = runs.runAll();
    worker().crash('RuntimeError: Aborted()');
    await run;
    expect(runs.panes['zero-shot-cot'].status).toBe('error');
    expect(runs.panes['zero-shot-cot'].error).toContain('The engine stopped');
    expect(runs.panes['zero-shot-cot'].error).not.toContain('WorkerCrashedError');
    expect(runs.panes['few-shot-cot'].status).toBe('skipped');
    expect(app.engine.status).toBe('loading');
    worker().reply(ready);
    expect(app.question.question).toBe('My own question?');
    expect(app.params.maxNewTokens).toBe(7);
    void runs.runAll();
    expect(generates()[0]).toMatchObject({ runId: 'run-2', prompt: expect.stringContaining('My own question?') });
  });

  it('a prompt too long for the context fails only its pane, with the counts and no class name (issue 14)', async () => {
    const run = runs.runAll();
    worker().reply(done('run-1'));
    await tick();
    worker().reply({
      type: 'error',
      runId: 'run-2',
      name: 'PromptTooLongError',
      message: 'The prompt is 1,500 tokens but the model reads at most 1,024: shorten the question or the exemplars.'
    });
    await tick();
    worker().reply(done('run-3'));
    await run;
    expect(runs.panes['few-shot-cot'].status).toBe('error');
    expect(runs.panes['few-shot-cot'].error).toBe(
      'The prompt is 1,500 tokens but the model reads at most 1,024: shorten the question or the exemplars.'
    );
    expect(runs.panes['answer-only'].status).toBe('done');
  });

  it('an empty or whitespace question cannot run and says why', async () => {
    for (const q of ['', '   \n\t ']) {
      app.setQuestionText(q);
      expect(runs.canRun).toBe(false);
      expect(app.questionProblem).toBe('Type a question to run the three modes.');
      await runs.runAll();
      expect(generates()).toHaveLength(0);
    }
  });

  it('a 1 MB question is refused with its size, never sent to the worker', async () => {
    app.setQuestionText('x'.repeat(1 << 20));
    expect(runs.canRun).toBe(false);
    expect(app.questionProblem).toBe("The question is 1,048,576 characters; at most 16,000 fit the model's context.");
    const before = worker().posted.length;
    await runs.refreshPromptCounts();
    await runs.runAll();
    expect(worker().posted.length).toBe(before);
  });

  it('control characters, right-to-left text and emoji run normally', async () => {
    const q = 'كم 2 + 3؟ \u202e🙂👍🏽 a\u0000b\u0007c\u001b[31m';
    app.setQuestionText(q);
    expect(runs.canRun).toBe(true);
    void runs.runAll();
    expect(generates()[0]?.prompt).toContain('🙂👍🏽 a\u0000b\u0007c\u001b[31m');
  });

  it('marks the first run after a load as a warm-up, its first pane only, and the next run as warm', async () => {
    const finish = async (ids: string[]): Promise<void> => {
      for (const id of ids) {
        worker().reply(done(id));
        await tick();
      }
    };
    const first = runs.runAll();
    await finish(['run-1', 'run-2', 'run-3']);
    await first;
    expect(MODES.map((m) => runs.panes[m].warmup)).toEqual([true, false, false]);
    const second = runs.runAll();
    await finish(['run-4', 'run-5', 'run-6']);
    await second;
    expect(MODES.map((m) => runs.panes[m].warmup)).toEqual([false, false, false]);
    const reload = app.loadModel();
    worker().reply(ready);
    await reload;
    const third = runs.runAll();
    await finish(['run-7', 'run-8', 'run-9']);
    await third;
    expect(runs.panes['zero-shot-cot'].warmup).toBe(true);
  });

  it('gives each pane a verdict for the strip: right, wrong, or none without a gold answer', async () => {
    const run = runs.runAll();
    for (const [id, text] of [
      ['run-1', ' The answer is 8.'],
      ['run-2', ' The answer is 9.'],
      ['run-3', ' 8.']
    ] as const) {
      worker().reply(done(id, text));
      await tick();
    }
    await run;
    expect(MODES.map((m) => runs.panes[m].verdict)).toEqual(['right', 'wrong', 'right']);
    app.setQuestionText('Who wrote Hamlet?');
    const next = runs.runAll();
    for (const id of ['run-4', 'run-5', 'run-6']) {
      worker().reply(done(id, ' Shakespeare.'));
      await tick();
    }
    await next;
    expect(MODES.map((m) => runs.panes[m].verdict)).toEqual(['none', 'none', 'none']);
  });

  it('notes a hidden tab on the panes that ran while it was hidden', async () => {
    const run = runs.runAll();
    runs.setPageHidden(true);
    worker().reply(done('run-1'));
    await tick();
    runs.setPageHidden(false);
    worker().reply(done('run-2'));
    await tick();
    worker().reply(done('run-3'));
    await run;
    expect(runs.panes['zero-shot-cot'].hiddenDuringRun).toBe(true);
    expect(runs.panes['few-shot-cot'].hiddenDuringRun).toBe(true);
    expect(runs.panes['answer-only'].hiddenDuringRun).toBe(false);
    expect(runs.panes['zero-shot-cot'].status).toBe('done');
  });
});
