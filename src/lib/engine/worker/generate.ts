import type { PreTrainedModel, PreTrainedTokenizer } from '@huggingface/transformers';
import { assertFitsContext, contextTokensOf } from './context.ts';
import { GenerationError } from '../shared/errors.ts';
import type { GenParams, RunTimings, Stepping, TokenInfo } from '../../core/types.ts';
import { Rng } from '../../core/rng.ts';
import { cutAtStop } from './stop.ts';
import { RowState, eosIds, padId } from './rows.ts';
import { Group, type Shared } from './group.ts';
import type { PrefixBlocks } from './prefixBlocks.ts';

export interface Loaded {
  tokenizer: PreTrainedTokenizer;
  /** False for chat models: their template already writes the BOS the tokenizer would add again. */
  addSpecialTokens: boolean;
  model: PreTrainedModel;
}

export interface RowHooks {
  /** The prompt's token count, once tokenized. */
  onPrompt(promptTokens: number, at: number): void;
  /**
   * Once per generated token (end-of-sequence included) with the text it added, possibly ''; with the token's
   * probability and alternatives when the run asked for them (`GenParams.alternatives`).
   */
  onToken(text: string, at: number, info?: TokenInfo): void;
}

export interface GenerateHooks extends RowHooks {
  /** Awaited before every forward pass: the worker yields here so an `interrupt` message can arrive. */
  beforeForward?(): Promise<void>;
}

/** Read after every token; setting `interrupted` ends the run after the token in flight, as a stop. */
export interface RunControl {
  readonly interrupted: boolean;
}

export interface Generation {
  text: string;
  timings: RunTimings;
  stopped: boolean;
}

/** How a request's rows go: as one batch or in turns, and whether rows opening alike compute that opening once. */
export interface BatchOptions {
  stepping: Stepping;
  /** Only where the cache stays on the CPU and the model's graph takes padding anywhere in its mask (group.ts). */
  sharePrefix: boolean;
  /** Openings kept between runs (prefixBlocks.ts), for rows that run alone; only where the cache is on the CPU. */
  blocks?: PrefixBlocks | null;
}

/** One prompt of a batch, with its own stop control and its own stream. */
export interface BatchRow {
  prompt: string;
  /** Which stream of seeded draws the row takes (default: its place in the batch). */
  draw?: number;
  control: RunControl;
  hooks: RowHooks;
}

/**
 * Generations as a plain KV-cache loop over transformers.js's model (its `forward`, so sessions, cache
 * layout and WebGPU buffers stay transformers.js's) instead of `model.generate()`. Several prompts go either as
 * one batch (`stepping` 'batch': one cache, one forward pass a step) or in turns ('turns': a cache each, one
 * forward pass each in turn); either way every row streams at once and has its own end of sequence, stop
 * sequences, interrupt and seeded draws. Which pays depends on the backend and the request's goal (device.ts,
 * chooseStepping); a batch's rows leave it as they end, and `sharePrefix` computes a common opening once
 * (group.ts). Per token it detokenizes a short window and checks stop sequences on the new text only. Times are
 * this thread's clock. Shared by the browser worker and the Node benchmark.
 */
export async function generateBatch(
  loaded: Loaded,
  rows: readonly BatchRow[],
  params: GenParams,
  beforeForward?: () => Promise<void>,
  { stepping, sharePrefix, blocks = null }: BatchOptions = { stepping: 'batch', sharePrefix: false }
): Promise<Generation[]> {
  const startedAt = performance.now();
  const decode = (ids: readonly number[]): string => loaded.tokenizer.decode([...ids], { skip_special_tokens: true });
  const contextTokens = contextTokensOf(loaded.model.config);
  const encoded = rows.map((row) => {
    const tokens = loaded.tokenizer(row.prompt, { add_special_tokens: loaded.addSpecialTokens });
    const ids = Array.from(tokens.input_ids.data as BigInt64Array, Number);
    assertFitsContext(ids.length, params.maxNewTokens, contextTokens);
    return ids;
  });
  const width = Math.max(0, ...encoded.map((ids) => ids.length));
  const random = (i: number): (() => number) => {
    if (params.seed === undefined) return Math.random;
    // fork, not seed + i: seeds 1 and 2 would otherwise share all but one chain.
    const rng = new Rng(params.seed).fork(i);
    return () => rng.next();
  };
  const states = rows.map(
    (row, i) => new RowState(row, encoded[i] ?? [], decode, width + params.maxNewTokens, random(row.draw ?? i))
  );
  const promptAt = performance.now();
  for (const s of states) s.row.hooks.onPrompt(s.ids.length, promptAt);

  const stops = params.stopSequences.filter((s) => s !== '');
  const shared: Shared = {
    loaded,
    params,
    decode,
    eos: eosIds(loaded.model),
    stops,
    longestStop: Math.max(0, ...stops.map((s) => s.length)),
    pad: padId(loaded)
  };
  const groups =
    stepping === 'batch'
      ? [new Group(shared, states, sharePrefix, blocks)]
      : states.map((s) => new Group(shared, [s], false, blocks));
  try {
    for (let live = groups.filter((g) => !g.finished); live.length > 0; live = live.filter((g) => !g.finished))
      for (const group of live) {
        await beforeForward?.();
        await group.step();
        // In turns the others go on: a finished row's cache (GPU buffers on WebGPU) is freed now, not at the end.
        if (group.finished) group.dispose();
      }
  } finally {
    for (const group of groups) group.dispose();
  }
  const endedAt = performance.now();
  const shares =
    states.length < 2 ? {} : stepping === 'batch' ? { batchRows: states.length } : { turnRows: states.length };
  return states.map((s) => ({
    text: cutAtStop(s.detokenizer.fullText, params.stopSequences),
    timings: {
      startedAt,
      firstTokenAt: s.firstTokenAt,
      lastTokenAt: s.lastTokenAt,
      endedAt: s.endedAt ?? endedAt,
      promptTokens: s.ids.length,
      generatedTokens: s.generated,
      ...shares,
      ...(s.kept > 0 ? { keptTokens: s.kept } : {})
    },
    stopped: s.row.control.interrupted
  }));
}

/** One generation: a batch of one row. */
export async function generateText(
  loaded: Loaded,
  prompt: string,
  params: GenParams,
  control: RunControl,
  hooks: GenerateHooks
): Promise<Generation> {
  const [generation] = await generateBatch(loaded, [{ prompt, control, hooks }], params, hooks.beforeForward);
  if (generation === undefined) throw new GenerationError('the batch returned no generation');
  return generation;
}
