import { Tensor, type PreTrainedModel, type PreTrainedTokenizer } from '@huggingface/transformers';
import { assertFitsContext, contextTokensOf } from './context.ts';
import { IncrementalDetokenizer } from './incrementalDetokenizer.ts';
import { GenerationError, generationFailure } from '../shared/errors.ts';
import type { GenParams, RunTimings, TokenInfo } from '../../core/types.ts';
import { Rng } from '../../core/rng.ts';
import { nextToken, topTokens } from './sample.ts';
import { cutAtStop, firstStop } from './stop.ts';

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

function eosIds(model: PreTrainedModel): Set<number> {
  const fromConfig = (model.config as { eos_token_id?: number | number[] | null }).eos_token_id;
  const eos = model.generation_config?.eos_token_id ?? fromConfig;
  return new Set(eos === undefined || eos === null ? [] : Array.isArray(eos) ? eos : [eos]);
}

/** The id written into padding: masked out, so any id would do, but the model's own pad id is the honest one. */
function padId(loaded: Loaded): number {
  const fromConfig = (loaded.model.config as { pad_token_id?: number | null }).pad_token_id;
  return loaded.tokenizer.pad_token_id ?? fromConfig ?? 0;
}

/** WebGPU keeps the KV cache in GPU buffers (transformers.js asks ORT to); those are freed by hand. */
function release(tensors: Iterable<Tensor>, keep: ReadonlySet<Tensor> = new Set()): void {
  for (const t of tensors) if (t.location === 'gpu-buffer' && !keep.has(t)) t.dispose();
}

/** The next step's `past_key_values.*` from this step's `present.*` outputs. */
function pastFrom(outputs: Record<string, Tensor>): Record<string, Tensor> {
  const past: Record<string, Tensor> = {};
  for (const [name, t] of Object.entries(outputs))
    if (name.startsWith('present')) past[name.replace('present', 'past_key_values')] = t;
  return past;
}

/** One row's progress: its own text, stop test and clock, inside a batch that steps all rows together. */
class RowState {
  readonly detokenizer: IncrementalDetokenizer;
  readonly ids: number[];
  /**
   * 1 for the row's real tokens, 0 for its left padding and for the filler fed after it has ended; allocated
   * once at its final length, so a step copies it instead of converting every entry to a BigInt again.
   */
  readonly mask: BigInt64Array;
  maskLength = 0;
  firstTokenAt: number | null = null;
  lastTokenAt: number | null = null;
  endedAt: number | null = null;
  generated = 0;
  /** The next real token's position: padding does not move it. */
  position = 0;

  constructor(
    readonly row: BatchRow,
    ids: number[],
    decode: (ids: readonly number[]) => string,
    capacity: number,
    /** Draws for sampling: seeded per row, so a seed reproduces every row's chain. */
    readonly random: () => number
  ) {
    this.ids = ids;
    this.detokenizer = new IncrementalDetokenizer(decode);
    this.mask = new BigInt64Array(capacity);
  }

  /** Extends the attention mask by `n` entries, all real (1) or all masked (0). */
  extendMask(n: number, real: boolean): void {
    this.mask.fill(real ? 1n : 0n, this.maskLength, this.maskLength + n);
    this.maskLength += n;
  }

  get ended(): boolean {
    return this.endedAt !== null;
  }

  /** Positions for the row's part of the next input, `padding` fillers first; fillers take 1, as HF's do. */
  positions(padding: number, real: number): number[] {
    const out = Array<number>(padding).fill(1);
    for (let i = 0; i < real; i++) out.push(this.position++);
    return out;
  }
}

/** The rows' attention masks as one [rows, length] tensor: a copy per row, no per-entry conversion. */
function maskTensor(states: readonly RowState[]): Tensor {
  const length = states[0]?.maskLength ?? 0;
  const data = new BigInt64Array(states.length * length);
  states.forEach((s, r) => data.set(s.mask.subarray(0, length), r * length));
  return new Tensor('int64', data, [states.length, length]);
}

function int64(rows: readonly (readonly number[])[]): Tensor {
  const width = rows[0]?.length ?? 0;
  const data = new BigInt64Array(rows.length * width);
  rows.forEach((row, r) => row.forEach((v, c) => (data[r * width + c] = BigInt(v))));
  return new Tensor('int64', data, [rows.length, width]);
}

/**
 * Generations as a plain KV-cache loop over transformers.js's model (its `forward`, so sessions, cache
 * layout and WebGPU buffers stay transformers.js's) instead of `model.generate()`. Several prompts step
 * together as one batch: left padding, a per-row attention mask and position ids, and per-row end of
 * sequence, stop sequences, interrupts and streams. A row that has ended is fed masked filler until the
 * last row ends. Whether a batch pays depends on the backend: on onnxruntime-web's WASM the whole padded KV
 * cache is copied at every step, and a batch measured slower than its rows one at a time (BENCHMARKS.md). Per token it detokenizes a short window and checks stop
 * sequences on the new text only. Times are this thread's clock. Shared by the browser worker and the
 * Node benchmark.
 */
export async function generateBatch(
  loaded: Loaded,
  rows: readonly BatchRow[],
  params: GenParams,
  beforeForward?: () => Promise<void>
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
  const alternatives = params.alternatives ?? 0;
  const infoOf = (logits: Float32Array, chosen: number, text: string): TokenInfo => {
    const { prob, top } = topTokens(logits, alternatives, chosen);
    return { text, prob, top: top.map((t) => ({ text: decode([t.id]), prob: t.prob })) };
  };
  const promptAt = performance.now();
  for (const s of states) s.row.hooks.onPrompt(s.ids.length, promptAt);

  const pad = padId(loaded);
  let inputs = states.map((s) => [...Array<number>(width - s.ids.length).fill(pad), ...s.ids]);
  let positions = states.map((s) => s.positions(width - s.ids.length, s.ids.length));
  for (const s of states) {
    s.extendMask(width - s.ids.length, false);
    s.extendMask(s.ids.length, true);
  }

  const eos = eosIds(loaded.model);
  const stops = params.stopSequences.filter((s) => s !== '');
  const longestStop = Math.max(0, ...stops.map((s) => s.length));
  let past: Record<string, Tensor> | null = null;
  try {
    for (let step = 0; step < params.maxNewTokens && states.some((s) => !s.ended); step++) {
      await beforeForward?.();
      const n = inputs[0]?.length ?? 0;
      let outputs: Record<string, Tensor>;
      try {
        outputs = await loaded.model.forward({
          input_ids: int64(inputs),
          attention_mask: maskTensor(states),
          position_ids: int64(positions),
          past_key_values: past
        });
      } catch (err) {
        // A wasm abort or a lost GPU comes out as EngineFatalError, which makes the client restart the worker.
        throw generationFailure(err);
      }
      const logits = outputs.logits;
      if (logits === undefined) throw new GenerationError('the model returned no logits');
      const vocab = logits.dims.at(-1) ?? 0;
      const data = logits.data as Float32Array;
      const nextPast = pastFrom(outputs);
      if (past !== null) release(Object.values(past), new Set(Object.values(nextPast)));
      past = nextPast;

      inputs = states.map((s, i) => {
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
        s.row.hooks.onToken(delta, at, alternatives > 0 ? infoOf(rowLogits, next, delta) : undefined);
        // A stop sequence that just appeared overlaps the new text, so only the tail needs searching.
        const text = s.detokenizer.text;
        const tail = text.slice(Math.max(0, text.length - delta.length - longestStop + 1));
        if (eos.has(next) || s.row.control.interrupted || (delta !== '' && firstStop(tail, stops) !== -1))
          s.endedAt = at;
        return [next];
      });
      positions = states.map((s) => (s.ended ? [1] : s.positions(0, 1)));
    }
  } finally {
    if (past !== null) release(Object.values(past));
  }
  const endedAt = performance.now();
  return states.map((s) => ({
    text: cutAtStop(s.detokenizer.fullText, params.stopSequences),
    timings: {
      startedAt,
      firstTokenAt: s.firstTokenAt,
      lastTokenAt: s.lastTokenAt,
      endedAt: s.endedAt ?? endedAt,
      promptTokens: s.ids.length,
      generatedTokens: s.generated,
      ...(states.length > 1 ? { batchRows: states.length } : {})
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
