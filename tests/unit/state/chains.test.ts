import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunTimings } from '$lib/core/types.ts';
import type { Request } from '$lib/engine/shared/protocol.ts';
import { MODES } from '$lib/prompts/index.ts';
import type { AppState } from '$lib/state/appState.svelte.ts';
import type { RunState } from '$lib/state/runState.svelte.ts';
import type { FakeWorker } from '../engine/client/fakeWorker.ts';
import { format, readyApp, tick, newest } from './fixtures.ts';

const timings = (generatedTokens: number, endedAt = 50): RunTimings => ({
  startedAt: 0,
  firstTokenAt: 10,
  lastTokenAt: endedAt - 1,
  endedAt,
  promptTokens: 20,
  generatedTokens,
  batchRows: 3
});

let workers: FakeWorker[];
let app: AppState;
let runs: RunState;

const worker = (): FakeWorker => newest(workers);

/** Answers the three modes' generations, one at a time, as each is posted. */
async function finishModes(): Promise<void> {
  const answered = new Set<string>();
  for (let i = 0; i < MODES.length; i++) {
    await tick();
    const next = worker().posted.find(
      (r): r is Extract<Request, { type: 'generate' }> => r.type === 'generate' && !answered.has(r.runId)
    );
    if (next === undefined) return;
    answered.add(next.runId);
    worker().reply({ type: 'done', runId: next.runId, text: ' The answer is 8.', timings: timings(5), stopped: false });
  }
}

function chainBatch(): Extract<Request, { type: 'generate-batch' }> | undefined {
  return worker().posted.find(
    (r): r is Extract<Request, { type: 'generate-batch' }> => r.type === 'generate-batch' && r.runs.length > 1
  );
}

beforeEach(async () => {
  vi.stubGlobal('fetch', () => Promise.resolve(new Response(JSON.stringify(format))));
  ({ app, runs, workers } = await readyApp());
  // The modes one at a time, so that the chains' batch is the only one posted.
  runs.setTogether(false);
  app.setQuestion({ question: 'What is 4 plus 4?', gold: '8', family: 'arithmetic' });
});

afterEach(() => vi.unstubAllGlobals());

describe('self-consistency on a run', () => {
  it('is off by default: a run sends the three modes and nothing else', async () => {
    const run = runs.runAll();
    await finishModes();
    await run;
    expect(chainBatch()).toBeUndefined();
    expect(runs.chains.chains).toHaveLength(0);
    expect(runs.report(0).panes.map((p) => p.mode)).toEqual([...MODES]);
  });

  it("samples k chains of zero-shot CoT's prompt as one seeded batch after the modes, and votes", async () => {
    app.consistency.setOn(true);
    app.consistency.setSettings({ k: 3, seed: 42, temperature: 0.5 });
    const run = runs.runAll();
    await finishModes();
    await tick();
    const batch = chainBatch();
    expect(batch?.runs).toHaveLength(3);
    expect(new Set(batch?.runs.map((r) => r.prompt))).toEqual(new Set([app.prompts?.['zero-shot-cot']]));
    expect(batch?.params).toMatchObject({ temperature: 0.5, seed: 42 });
    expect(runs.chains.status).toBe('running');
    const [a, b, c] = batch?.runs ?? [];
    if (a === undefined || b === undefined || c === undefined) throw new Error('three chains expected');
    worker().reply({ type: 'tokens', runId: b.runId, text: ' 4 + 4', at: [11, 12] });
    expect(runs.chains.chains[1]?.text).toBe(' 4 + 4');
    worker().reply({
      type: 'done',
      runId: a.runId,
      text: ' 4 + 4 = 8. The answer is 8.',
      timings: timings(10, 40),
      stopped: false
    });
    worker().reply({
      type: 'done',
      runId: b.runId,
      text: ' 4 * 4 = 16. The answer is 16.',
      timings: timings(10, 90),
      stopped: false
    });
    worker().reply({
      type: 'done',
      runId: c.runId,
      text: ' 4 + 4 = 8. The answer is 8.',
      timings: timings(12, 60),
      stopped: false
    });
    await run;
    expect(runs.chains.status).toBe('done');
    expect(runs.chains.vote.majority).toBe('8');
    expect(runs.chains.vote.tallies).toEqual([
      { answer: '8', votes: 2 },
      { answer: '16', votes: 1 }
    ]);
    expect(runs.chains.verdict).toBe('right');
    expect(runs.chains.stats).toMatchObject({ chains: 3, generatedTokens: 32, totalMs: 90 });
    // The run's export gains a fourth row: the vote, every chain's text and answer, and how they were sampled.
    const row = runs.report(0).panes.at(-1);
    expect(row).toMatchObject({
      mode: 'self-consistency',
      answer: '8',
      correct: true,
      chains: { k: 3, temperature: 0.5, seed: 42, answers: ['8', '16', '8'] }
    });
    expect(row?.text.split('\n')).toHaveLength(3);
    expect(row?.stats?.generatedTokens).toBe(32);
  });

  it('Stop ends every chain; stopped chains are not graded', async () => {
    app.consistency.setOn(true);
    app.consistency.setSettings({ k: 2 });
    const run = runs.runAll();
    await finishModes();
    await tick();
    const ids = chainBatch()?.runs.map((r) => r.runId) ?? [];
    runs.stop();
    const interrupted = worker().posted.flatMap((r) => (r.type === 'interrupt' ? [r.runId] : []));
    for (const id of ids) expect(interrupted).toContain(id);
    for (const id of ids)
      worker().reply({ type: 'done', runId: id, text: ' The answer is 8.', timings: timings(3), stopped: true });
    await run;
    expect(runs.chains.status).toBe('stopped');
    expect(runs.chains.verdict).toBe('none');
    expect(runs.chains.vote.majority).toBe('8');
  });
});
