import type { PreTrainedModel, PreTrainedTokenizer, Tensor } from '@huggingface/transformers';
import { assertFitsContext, contextTokensOf } from './context.ts';
import { GenerationError, generationFailure } from '../shared/errors.ts';
import type { GenParams, RunTimings, Stepping, TokenInfo } from '../../core/types.ts';
import { Rng } from '../../core/rng.ts';
import { nextToken, topTokens } from './sample.ts';
import { cutAtStop, firstStop } from './stop.ts';
import { RowState, eosIds, int64, maskTensor, padId, pastFrom, release } from './rows.ts';

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

/** One prompt of a batch, with its own stop control and its own stream. */
export interface BatchRow {
  prompt: string;
  control: RunControl;
  hooks: RowHooks;
}

/** What every group of a request shares: the model, the decoding settings, the stop rules. */
interface Shared {
  loaded: Loaded;
  params: GenParams;
  decode: (ids: readonly number[]) => string;
  eos: Set<number>;
  stops: string[];
  longestStop: number;
  pad: number;
}

/**
 * Rows that share one KV cache and step together: one forward pass per step for all of them, with left padding,
 * a per-row attention mask and position ids. A row that has ended is fed masked filler until the last row ends.
 */
class Group {
  readonly #shared: Shared;
  readonly states: RowState[];
  #inputs: number[][];
  #positions: number[][];
  #past: Record<string, Tensor> | null = null;
  #steps = 0;

  constructor(shared: Shared, states: RowState[]) {
    this.#shared = shared;
    this.states = states;
    const width = Math.max(0, ...states.map((s) => s.ids.length));
    this.#inputs = states.map((s) => [...Array<number>(width - s.ids.length).fill(shared.pad), ...s.ids]);
    this.#positions = states.map((s) => s.positions(width - s.ids.length, s.ids.length));
    for (const s of states) {
      s.extendMask(width - s.ids.length, false);
      s.extendMask(s.ids.length, true);
    }
  }

  get finished(): boolean {
    return this.#steps >= this.#shared.params.maxNewTokens || this.states.every((s) => s.ended);
  }

  async step(): Promise<void> {
    const { loaded, params, decode, eos, stops, longestStop, pad } = this.#shared;
    const n = this.#inputs[0]?.length ?? 0;
    let outputs: Record<string, Tensor>;
    try {
      outputs = await loaded.model.forward({
        input_ids: int64(this.#inputs),
        attention_mask: maskTensor(this.states),
        position_ids: int64(this.#positions),
        past_key_values: this.#past
      });
    } catch (err) {
      // A wasm abort or a lost GPU comes out as EngineFatalError, which makes the client restart the worker.
      throw generationFailure(err);
    }
    this.#steps += 1;
    const logits = outputs.logits;
    if (logits === undefined) throw new GenerationError('the model returned no logits');
    const vocab = logits.dims.at(-1) ?? 0;
    const data = logits.data as Float32Array;
    const nextPast = pastFrom(outputs);
    if (this.#past !== null) release(Object.values(this.#past), new Set(Object.values(nextPast)));
    this.#past = nextPast;
    const alternatives = params.alternatives ?? 0;

    this.#inputs = this.states.map((s, i) => {
      if (s.ended) {
        s.extendMask(1, false);
        return [pad];
      }
      const end = (i * n + n) * vocab;
      const rowLogits = data.subarray(end - vocab, end);
      const next = nextToken(rowLogits, params, s.random);
      const delta = s.detokenizer.push(next);
      const at = performance.now();
      s.firstTokenAt ??= at;
      s.lastTokenAt = at;
      s.generated += 1;
      s.extendMask(1, true);
      let info: TokenInfo | undefined;
      if (alternatives > 0) {
        const { prob, top } = topTokens(rowLogits, alternatives, next);
        info = { text: delta, prob, top: top.map((t) => ({ text: decode([t.id]), prob: t.prob })) };
      }
      s.row.hooks.onToken(delta, at, info);
      // A stop sequence that just appeared overlaps the new text, so only the tail needs searching.
      const text = s.detokenizer.text;
      const tail = text.slice(Math.max(0, text.length - delta.length - longestStop + 1));
      if (eos.has(next) || s.row.control.interrupted || (delta !== '' && firstStop(tail, stops) !== -1)) s.endedAt = at;
      return [next];
    });
    this.#positions = this.states.map((s) => (s.ended ? [1] : s.positions(0, 1)));
  }

  dispose(): void {
    if (this.#past !== null) release(Object.values(this.#past));
    this.#past = null;
  }
}

/**
 * Generations as a plain KV-cache loop over transformers.js's model (its `forward`, so sessions, cache
 * layout and WebGPU buffers stay transformers.js's) instead of `model.generate()`. Several prompts go either as
 * one batch (`stepping` 'batch': one cache, one forward pass a step) or in turns ('turns': a cache each, one
 * forward pass each in turn); either way every row streams at once and has its own end of sequence, stop
 * sequences, interrupt and seeded draws. Which pays depends on the backend (device.ts, chooseStepping). Per
 * token it detokenizes a short window and checks stop sequences on the new text only. Times are this thread's
 * clock. Shared by the browser worker and the Node benchmark.
 */
export async function generateBatch(
  loaded: Loaded,
  rows: readonly BatchRow[],
  params: GenParams,
  beforeForward?: () => Promise<void>,
  stepping: Stepping = 'batch'
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
    (row, i) => new RowState(row, encoded[i] ?? [], decode, width + params.maxNewTokens, random(i))
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
  const groups = stepping === 'batch' ? [new Group(shared, states)] : states.map((s) => new Group(shared, [s]));
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
      ...shares
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
