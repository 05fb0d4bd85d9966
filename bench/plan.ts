/**
 * The measurement plan every target follows, so Node and Chromium figures mean the same thing:
 * load reps (cold, then warm), then one session with every engine loaded, one warm-up run per prompt
 * length, and measured repetitions with the engines interleaved run by run (the order flips each rep).
 */
import type { Dtype } from '$lib/core/types.ts';
import type { BenchPrompt } from './prompts.ts';
import { runMetrics, type RunMetrics } from './stats.ts';
import type { GenerateOptions, RunResult } from './web/api.ts';

export interface LoadSample {
  coldMs: number;
  warmMs: number;
}

export interface TargetSession<E extends string> {
  generate(engine: E, options: GenerateOptions): Promise<RunResult>;
  /** Bytes per engine, or null where the target cannot tell. */
  memory(): Promise<Record<E, number | null>>;
  close(): Promise<void>;
}

export interface Target<E extends string> {
  id: string;
  label: string;
  engines: readonly E[];
  /** How `memory()` is measured, for the table's footnote. */
  memoryNote: string;
  /** What the app reported for its thread count (or the runtime's default), per engine. */
  threads: number | null;
  measureLoad(engine: E, dtype: Dtype): Promise<LoadSample>;
  open(dtype: Dtype): Promise<TargetSession<E>>;
}

export interface Protocol {
  dtypes: readonly Dtype[];
  prompts: readonly BenchPrompt[];
  maxNewTokens: number;
  eosTokenId: number;
  loadReps: number;
  reps: number;
}

export interface MeasuredRun {
  promptTokens: number;
  /** -1 for the warm-up run. */
  rep: number;
  metrics: RunMetrics;
  /** The app's text, or the bare loop's ids decoded, for checking both generated the same tokens. */
  output: string;
}

export interface Cell {
  target: string;
  targetLabel: string;
  threads: number | null;
  dtype: Dtype;
  engine: string;
  loads: LoadSample[];
  runs: MeasuredRun[];
  memoryBytes: number | null;
  memoryNote: string;
}

export type Decode = (r: RunResult) => string;

export async function runTarget<E extends string>(
  target: Target<E>,
  protocol: Protocol,
  decode: Decode,
  log: (line: string) => void
): Promise<Cell[]> {
  const cells: Cell[] = [];
  for (const dtype of protocol.dtypes) {
    const byEngine = new Map<E, Cell>(
      target.engines.map((engine) => [
        engine,
        {
          target: target.id,
          targetLabel: target.label,
          threads: target.threads,
          dtype,
          engine,
          loads: [],
          runs: [],
          memoryBytes: null,
          memoryNote: target.memoryNote
        }
      ])
    );
    const cell = (engine: E): Cell => {
      const c = byEngine.get(engine);
      if (c === undefined) throw new Error(`no cell for ${engine}`);
      return c;
    };
    for (let rep = 0; rep < protocol.loadReps; rep++)
      for (const engine of rep % 2 === 0 ? target.engines : [...target.engines].reverse())
        cell(engine).loads.push(await target.measureLoad(engine, dtype));
    const session = await target.open(dtype);
    try {
      for (let rep = -1; rep < protocol.reps; rep++) {
        const order = rep % 2 === 0 ? [...target.engines].reverse() : target.engines;
        for (const prompt of protocol.prompts)
          for (const engine of order) {
            const r = await session.generate(engine, {
              prompt: prompt.text,
              ids: prompt.ids,
              maxNewTokens: protocol.maxNewTokens,
              eosTokenId: protocol.eosTokenId
            });
            cell(engine).runs.push({ promptTokens: prompt.tokens, rep, metrics: runMetrics(r), output: decode(r) });
          }
      }
      const memory = await session.memory();
      for (const engine of target.engines) cell(engine).memoryBytes = memory[engine];
    } finally {
      await session.close();
    }
    const summary = target.engines
      .map((e) => {
        const decodes = cell(e)
          .runs.filter((r) => r.rep >= 0)
          .map((r) => r.metrics.decodeTokensPerSec ?? 0);
        return `${e} ${Math.round(decodes.reduce((a, b) => a + b, 0) / Math.max(1, decodes.length))} tok/s`;
      })
      .join(', ');
    log(`${target.label} ${dtype}: ${summary}`);
    cells.push(...byEngine.values());
  }
  return cells;
}
