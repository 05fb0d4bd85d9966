import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GenParams, RunTimings, TokenInfo } from '$lib/core/types.ts';
import type { Request } from '$lib/engine/shared/protocol.ts';
import { MODES, type Mode } from '$lib/prompts/index.ts';
import type { AppState } from '$lib/state/appState.svelte.ts';
import { PaneState } from '$lib/state/paneState.svelte.ts';
import type { RunState } from '$lib/state/runState.svelte.ts';
import type { FakeWorker } from '../engine/client/fakeWorker.ts';
import { format, hubModel, ready, readyApp, tick, newest } from './fixtures.ts';

const timings = (generatedTokens: number): RunTimings => ({
  startedAt: 0,
  firstTokenAt: 2,
  lastTokenAt: 2 + generatedTokens,
  endedAt: 3 + generatedTokens,
  promptTokens: 20,
  generatedTokens
});

/** A token the model was sure of, and one where it nearly wrote `other`. */
const sure = (text: string): TokenInfo => ({
  text,
  prob: 0.97,
  top: [
    { text, prob: 0.97 },
    { text: ' x', prob: 0.01 }
  ]
});
const fork = (text: string, other: string): TokenInfo => ({
  text,
  prob: 0.5,
  top: [
    { text, prob: 0.5 },
    { text: other, prob: 0.45 },
    { text: ' z', prob: 0.02 }
  ]
});

/** Zero-shot's greedy answer, with a fork at token 1 where the model nearly wrote 9. */
const TOKENS = [sure(' 4 + 4 ='), fork(' 8', ' 9'), sure('. The answer is'), sure(' 8'), sure('.')];
const TEXT = ' 4 + 4 = 8. The answer is 8.';

let workers: FakeWorker[];
let app: AppState;
let runs: RunState;

const worker = (): FakeWorker => newest(workers);

type Generate = Extract<Request, { type: 'generate' }>;
function generates(): Generate[] {
  return worker().posted.flatMap((r) => (r.type === 'generate' ? [r] : []));
}
function generateOf(mode: Mode): Generate {
  const g = generates().find((r) => r.prompt === app.prompts?.[mode]);
  if (g === undefined) throw new Error(`no generate for ${mode}`);
  return g;
}

/** Answers the one-at-a-time run: zero-shot with TOKENS (reported only if asked for), the others briefly. */
async function answerRun(): Promise<void> {
  for (let i = 0; i < MODES.length; i++) {
    await tick();
    const g = generates().at(-1);
    if (g === undefined) throw new Error('no generate');
    const zero = g.prompt === app.prompts?.['zero-shot-cot'];
    const text = zero ? TEXT : ' 8.';
    const tokens = zero ? TOKENS : [sure(' 8'), sure('.')];
    const report = (g.params.alternatives ?? 0) > 0;
    worker().reply({
      type: 'tokens',
      runId: g.runId,
      text,
      at: tokens.map((_, t) => t),
      ...(report ? { tokens } : {})
    });
    worker().reply({ type: 'done', runId: g.runId, text, timings: timings(tokens.length), stopped: false });
  }
}

async function runWithView(...modes: Mode[]): Promise<void> {
  for (const m of modes) runs.panes[m].confidence.toggle();
  const run = runs.runAll();
  await answerRun();
  await run;
}

beforeEach(async () => {
  vi.stubGlobal('fetch', () => Promise.resolve(new Response(JSON.stringify(format))));
  ({ app, runs, workers } = await readyApp());
  app.setQuestion({ question: 'What is 4 plus 4?', gold: '8', family: 'arithmetic' });
  runs.setTogether(false);
});

afterEach(() => vi.unstubAllGlobals());

describe('the confidence view asks for alternatives only where it is on', () => {
  it('off everywhere: no run asks, and no pane holds tokens', async () => {
    await runWithView();
    for (const m of MODES) expect(generateOf(m).params.alternatives).toBe(0);
    expect(runs.panes['zero-shot-cot'].confidence.tokens).toEqual([]);
  });

  it("on for one pane, one at a time: that pane's run asks for the top five, the others for none", async () => {
    await runWithView('zero-shot-cot');
    expect(generateOf('zero-shot-cot').params.alternatives).toBe(5);
    expect(generateOf('few-shot-cot').params.alternatives).toBe(0);
    expect(generateOf('answer-only').params.alternatives).toBe(0);
    const view = runs.panes['zero-shot-cot'].confidence;
    expect(view.tokens.map((t) => t.text).join('')).toBe(TEXT);
    expect(view.isFork(1)).toBe(true);
    expect(view.isFork(0)).toBe(false);
  });

  it('together, one batch asks for all rows when any pane is on', async () => {
    runs.setTogether(true);
    runs.panes['answer-only'].confidence.toggle();
    const run = runs.runAll();
    const batch = worker().posted.find((r) => r.type === 'generate-batch');
    expect(batch?.type === 'generate-batch' ? batch.params.alternatives : null).toBe(5);
    runs.stop();
    if (batch?.type === 'generate-batch')
      for (const row of batch.runs)
        worker().reply({ type: 'done', runId: row.runId, text: '', timings: timings(0), stopped: true });
    await run;
  });

  it('a run cut at a stop sequence keeps the tokens of its final text only', () => {
    const pane = new PaneState('zero-shot-cot');
    pane.queue('Q: x\nA:', format, '8');
    pane.start();
    const tokens = [sure(' 8'), sure('.'), sure('\n'), sure('Q'), sure(':')];
    pane.append(' 8.\nQ:', [1, 2, 3, 4, 5], tokens);
    expect(pane.confidence.tokens).toHaveLength(5);
    pane.finish({ runId: 'r', text: ' 8.', timings: timings(5), stopped: false });
    expect(pane.confidence.tokens.map((t) => t.text)).toEqual([' 8', '.']);
  });
});

describe('the popover', () => {
  const view = () => runs.panes['zero-shot-cot'].confidence;
  beforeEach(() => runWithView('zero-shot-cot'));

  it('a hover shows a token and leaving hides it', () => {
    view().hover(2);
    expect(view().active).toBe(2);
    expect(view().activeToken?.text).toBe('. The answer is');
    view().unhover();
    expect(view().active).toBeNull();
  });

  it('focus (or a tap) holds it against hovers until focus leaves or Escape', () => {
    view().focus(3);
    view().hover(1);
    view().unhover();
    expect(view().active).toBe(3);
    view().close();
    expect(view().active).toBeNull();
    view().hover(1);
    expect(view().active).toBe(1);
  });

  it('turning the view off closes it; a new run clears the tokens', async () => {
    view().focus(3);
    view().toggle();
    expect(view().active).toBeNull();
    view().toggle();
    expect(view().tokens).toHaveLength(TOKENS.length);
    const run = runs.runAll();
    expect(view().tokens).toEqual([]);
    runs.stop();
    await tick();
    const g = generates().at(-1);
    if (g !== undefined) worker().reply({ type: 'done', runId: g.runId, text: '', timings: timings(0), stopped: true });
    await run;
  });
});

describe('take the other branch', () => {
  const view = () => runs.panes['zero-shot-cot'].confidence;
  const zeroPrompt = (): string => app.prompts?.['zero-shot-cot'] ?? '';
  beforeEach(() => runWithView('zero-shot-cot'));

  it('is offered at a greedy fork only', () => {
    expect(view().canBranch(1)).toBe(true);
    expect(view().canBranch(0)).toBe(false);
    expect(view().canBranch(99)).toBe(false);
  });

  it('regenerates greedily from the fork with the runner-up written, and grades where it leads', async () => {
    app.setParams({ temperature: 0.8 });
    view().focus(1);
    const branched = view().takeBranch(1);
    expect(view().active).toBeNull();
    const g = generates().at(-1);
    expect(g?.prompt).toBe(`${zeroPrompt()} 4 + 4 = 9`);
    const params: Partial<GenParams> = g?.params ?? {};
    expect(params.temperature).toBe(0);
    expect(params.alternatives).toBe(0);
    const branch = view().branch;
    expect(branch?.status).toBe('running');
    expect(branch?.before).toBe(' 4 + 4 =');
    expect(branch?.chosen.text).toBe(' 8');
    expect(branch?.alternative.text).toBe(' 9');
    // One branch at a time, and nothing else while it runs.
    expect(view().canBranch(1)).toBe(false);
    expect(runs.canRun).toBe(false);

    worker().reply({ type: 'tokens', runId: g?.runId ?? '', text: '. The answer', at: [1, 2] });
    expect(branch?.text).toBe('. The answer');
    worker().reply({
      type: 'done',
      runId: g?.runId ?? '',
      text: '. The answer is 9.',
      timings: timings(6),
      stopped: false
    });
    await branched;
    expect(branch?.status).toBe('done');
    expect(branch?.answer).toBe('9');
    expect(branch?.verdict).toBe('wrong');
    expect(branch?.gold).toBe('8');
    // The pane's own run is untouched.
    expect(runs.panes['zero-shot-cot'].text).toBe(TEXT);
    expect(runs.panes['zero-shot-cot'].answer).toBe('8');
    expect(view().canBranch(1)).toBe(true);
    view().closeBranch();
    expect(view().branch).toBeNull();
  });

  it('is not graded without a gold answer, nor when stopped', async () => {
    const branched = view().takeBranch(1);
    view().stopBranch();
    const g = generates().at(-1);
    expect(worker().posted.at(-1)).toEqual({ type: 'interrupt', runId: g?.runId });
    worker().reply({
      type: 'done',
      runId: g?.runId ?? '',
      text: '. The answer is 9.',
      timings: timings(6),
      stopped: true
    });
    await branched;
    expect(view().branch?.status).toBe('stopped');
    expect(view().branch?.answer).toBe('9');
    expect(view().branch?.verdict).toBe('none');
  });

  it('waits for a free engine, and a branch that fails says why', async () => {
    app.setQuestion({ question: 'What is 4 plus 4?', gold: null, family: null });
    const other = runs.panes['answer-only'].confidence;
    const branched = view().takeBranch(1);
    expect(other.canBranch(0)).toBe(false);
    const g = generates().at(-1);
    worker().reply({ type: 'error', runId: g?.runId ?? '', name: 'GenerationError', message: 'boom' });
    await branched;
    expect(view().branch?.status).toBe('error');
    expect(view().branch?.error).toContain('boom');
    expect(view().branch?.verdict).toBe('none');
  });

  it('a model switch cancels a running branch and clears the view', async () => {
    const branched = view().takeBranch(1);
    const g = generates().at(-1);
    const old = worker();
    const switching = app.useModel({ ref: hubModel('test/other'), label: null, parameters: null, format, chat: null });
    expect(old.posted.at(-1)).toEqual({ type: 'interrupt', runId: g?.runId });
    old.reply({ type: 'done', runId: g?.runId ?? '', text: '. The', timings: timings(2), stopped: true });
    await branched;
    await tick();
    expect(view().tokens).toEqual([]);
    expect(view().branch).toBeNull();
    worker().reply({ ...ready, type: 'ready' });
    await switching;
  });
});
