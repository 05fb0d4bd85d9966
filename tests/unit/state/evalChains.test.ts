import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunTimings } from '$lib/core/types.ts';
import type { Request } from '$lib/engine/shared/protocol.ts';
import type { AppState } from '$lib/state/appState.svelte.ts';
import { EvalState } from '$lib/state/evalState.svelte.ts';
import type { FakeWorker } from '../engine/client/fakeWorker.ts';
import { format, readyApp, tick } from './fixtures.ts';

const timings = (generatedTokens: number, endedAt: number): RunTimings => ({
  startedAt: 0,
  firstTokenAt: 5,
  lastTokenAt: endedAt - 1,
  endedAt,
  promptTokens: 20,
  generatedTokens,
  batchRows: 3
});

let worker: FakeWorker;
let app: AppState;

type Batch = Extract<Request, { type: 'generate-batch' }>;
const batches = (): Batch[] => worker.posted.filter((r): r is Batch => r.type === 'generate-batch');

beforeEach(async () => {
  vi.stubGlobal('fetch', () => Promise.resolve(new Response(JSON.stringify(format))));
  const loaded = await readyApp();
  app = loaded.app;
  const first = loaded.workers[0];
  if (first === undefined) throw new Error('no worker');
  worker = first;
});

afterEach(() => vi.unstubAllGlobals());

describe('self-consistency in an evaluation', () => {
  it('is off by default', () => expect(new EvalState(app).modes).not.toContain('self-consistency'));

  it('samples k chains per question as one seeded batch and records their vote, with all chains counted', async () => {
    app.consistency.setSettings({ k: 3, seed: 9, temperature: 0.6 });
    const evaluation = new EvalState(app);
    evaluation.setCount(2);
    evaluation.setModes(['self-consistency']);
    const run = evaluation.run();
    for (const q of [0, 1]) {
      await tick();
      const batch = batches()[q];
      const item = evaluation.runSet?.items[q];
      expect(batch?.runs).toHaveLength(3);
      expect(new Set(batch?.runs.map((r) => r.prompt))).toEqual(
        new Set([app.promptsFor(item?.question ?? '')?.['zero-shot-cot']])
      );
      expect(batch?.params).toMatchObject({ temperature: 0.6, seed: 9, topK: 40 });
      // Two chains agree on the gold answer for the first question, on a wrong one for the second.
      const answers = q === 0 ? [item?.gold, 'zzz', item?.gold] : ['zzz', item?.gold, 'zzz'];
      batch?.runs.forEach((row, i) =>
        worker.reply({
          type: 'done',
          runId: row.runId,
          text: ` Steps. The answer is ${answers[i] ?? ''}.`,
          timings: timings(10 + i, 40 + 10 * i),
          stopped: false
        })
      );
    }
    await run;
    expect(evaluation.status).toBe('done');
    expect(evaluation.records.map((r) => [r.index, r.mode, r.correct, r.predicted === 'zzz'])).toEqual([
      [0, 'self-consistency', true, false],
      [1, 'self-consistency', false, true]
    ]);
    const first = evaluation.records[0];
    expect(first?.generatedTokens).toBe(33);
    expect(first?.totalMs).toBe(60);
    expect(first?.text.split('\n')).toHaveLength(3);
    expect(evaluation.summary.modes[0]).toMatchObject({ mode: 'self-consistency', correct: 1, n: 2 });
  });

  it('a stopped chain leaves its question out', async () => {
    app.consistency.setSettings({ k: 2 });
    const evaluation = new EvalState(app);
    evaluation.setCount(3);
    evaluation.setModes(['self-consistency']);
    const run = evaluation.run();
    await tick();
    evaluation.stop();
    batches()[0]?.runs.forEach((row) =>
      worker.reply({ type: 'done', runId: row.runId, text: ' partial', timings: timings(2, 9), stopped: true })
    );
    await run;
    expect(evaluation.status).toBe('stopped');
    expect(evaluation.records).toHaveLength(0);
    expect(batches()).toHaveLength(1);
  });
});
