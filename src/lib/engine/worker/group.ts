import type { Tensor } from '@huggingface/transformers';
import { GenerationError, generationFailure } from '../shared/errors.ts';
import type { GenParams, TokenInfo } from '../../core/types.ts';
import { nextToken, topTokens } from './sample.ts';
import { firstStop } from './stop.ts';
import { RowState, int64, keepRows, maskTensor, pastFrom, release, repeatRows } from './rows.ts';
import type { Loaded } from './generate.ts';
import { BLOCK_TOKENS, blockedLength, commonLength, type PrefixBlocks } from './prefixBlocks.ts';

/**
 * Prompts that open with at least this many of the same tokens compute them once. Every prompt opens with "Q:", and
 * a few shared tokens are not worth a forward pass of their own; the few-shot exemplars are about 300. The figure
 * is a floor between the two, not a measured optimum.
 */
const MIN_SHARED_PREFIX = 16;

/** What every group of a request shares: the model, the decoding settings, the stop rules. */
export interface Shared {
  loaded: Loaded;
  params: GenParams;
  decode: (ids: readonly number[]) => string;
  eos: Set<number>;
  stops: string[];
  longestStop: number;
  pad: number;
}

/** How many tokens every row opens with, leaving each row at least one of its own. */
export function sharedPrefixLength(rows: readonly (readonly number[])[]): number {
  const first = rows[0];
  if (first === undefined) return 0;
  const limit = Math.max(0, Math.min(...rows.map((r) => r.length)) - 1);
  return Math.min(...rows.map((r) => commonLength(first, r, limit)));
}

/**
 * Rows that share one KV cache and step together: one forward pass per step for all of them, with left padding,
 * a per-row attention mask and position ids. A row that has ended leaves the batch, its part of the cache cut
 * out (an evaluation's answer-only rows end after a few tokens, its chains at any length); where the cache lives
 * in GPU buffers it stays and is fed masked filler until the last row ends.
 *
 * With `sharePrefix`, rows that open alike (an evaluation's few-shot prompts: the same exemplars, then each its
 * question) compute that opening once, as one row, and its cache is copied to every row; the padding then sits
 * between the opening and each row's own tokens, which a model whose graph builds its mask from the 2-D
 * attention mask reads as it would left padding (the bundled model; an integration test holds it to the text
 * each row writes alone).
 */
export class Group {
  readonly #shared: Shared;
  /** The rows still in the batch, in the cache's row order. */
  #states: RowState[];
  #inputs: number[][];
  #positions: number[][];
  #past: Record<string, Tensor> | null = null;
  /** The opening every row shares, computed before the first step; null when there is none to share. */
  #prefix: number[] | null = null;
  /** A lone row's opening read in whole blocks before the first step, from and into the kept blocks. */
  #blocked: { cache: PrefixBlocks; length: number } | null = null;
  #steps = 0;

  constructor(shared: Shared, states: RowState[], sharePrefix = false, blocks: PrefixBlocks | null = null) {
    this.#shared = shared;
    this.#states = states;
    const prefix = sharePrefix && states.length > 1 ? sharedPrefixLength(states.map((s) => s.ids)) : 0;
    if (prefix >= MIN_SHARED_PREFIX) {
      this.#prefix = states[0]?.ids.slice(0, prefix) ?? null;
      for (const s of states) {
        s.extendMask(prefix, true);
        s.positions(0, prefix);
      }
    }
    const lone = states.length === 1 ? states[0] : undefined;
    const blocked = lone === undefined ? 0 : blockedLength(lone.ids.length);
    if (blocks !== null && lone !== undefined && blocked > 0) {
      this.#blocked = { cache: blocks, length: blocked };
      lone.extendMask(blocked, true);
      lone.positions(0, blocked);
    }
    const start = this.#prefix?.length ?? this.#blocked?.length ?? 0;
    const own = (s: RowState): number[] => s.ids.slice(start);
    const width = Math.max(0, ...states.map((s) => own(s).length));
    this.#inputs = states.map((s) => [...Array<number>(width - own(s).length).fill(shared.pad), ...own(s)]);
    this.#positions = states.map((s) => s.positions(width - own(s).length, own(s).length));
    for (const s of states) {
      s.extendMask(width - own(s).length, false);
      s.extendMask(own(s).length, true);
    }
  }

  get finished(): boolean {
    return this.#steps >= this.#shared.params.maxNewTokens || this.#states.every((s) => s.ended);
  }

  async #forward(inputs: Record<string, Tensor | Record<string, Tensor> | null>): Promise<Record<string, Tensor>> {
    try {
      return await this.#shared.loaded.model.forward(inputs);
    } catch (err) {
      // A wasm abort or a lost GPU comes out as EngineFatalError, which makes the client restart the worker.
      throw generationFailure(err);
    }
  }

  /** One row's `tokens` at positions from `start`, after `past` (the cache of the tokens before them). */
  async #readRow(
    tokens: readonly number[],
    start: number,
    past: Record<string, Tensor> | null
  ): Promise<Record<string, Tensor>> {
    const outputs = await this.#forward({
      input_ids: int64([tokens]),
      attention_mask: int64([Array<number>(start + tokens.length).fill(1)]),
      position_ids: int64([tokens.map((_, i) => start + i)]),
      past_key_values: past
    });
    return pastFrom(outputs);
  }

  /** The shared opening as one row, its cache then copied to every row. */
  async #prefill(prefix: readonly number[]): Promise<void> {
    const past = repeatRows(await this.#readRow(prefix, 0, null), this.#states.length);
    if (past === null) throw new GenerationError('a shared prompt opening needs its cache on the CPU');
    this.#past = past;
  }

  /** The lone row's first `length` tokens, block by block, starting after the longest kept opening it has. */
  async #readBlocks(cache: PrefixBlocks, length: number): Promise<void> {
    const lone = this.#states[0];
    const ids = lone?.ids ?? [];
    const kept = cache.lookup(ids, length);
    if (lone !== undefined) lone.kept = kept?.length ?? 0;
    let past = kept?.past ?? null;
    for (let start = kept?.length ?? 0; start < length; start += BLOCK_TOKENS)
      past = await this.#readRow(ids.slice(start, start + BLOCK_TOKENS), start, past);
    if (past !== null && (kept?.length ?? 0) < length) cache.store(ids.slice(0, length), past);
    this.#past = past;
  }

  async step(): Promise<void> {
    const { params, decode, eos, stops, longestStop, pad } = this.#shared;
    if (this.#prefix !== null) {
      await this.#prefill(this.#prefix);
      this.#prefix = null;
    }
    if (this.#blocked !== null) {
      await this.#readBlocks(this.#blocked.cache, this.#blocked.length);
      this.#blocked = null;
    }
    const n = this.#inputs[0]?.length ?? 0;
    const outputs = await this.#forward({
      input_ids: int64(this.#inputs),
      attention_mask: maskTensor(this.#states),
      position_ids: int64(this.#positions),
      past_key_values: this.#past
    });
    this.#steps += 1;
    const logits = outputs.logits;
    if (logits === undefined) throw new GenerationError('the model returned no logits');
    const vocab = logits.dims.at(-1) ?? 0;
    const data = logits.data as Float32Array;
    const nextPast = pastFrom(outputs);
    if (this.#past !== null) release(Object.values(this.#past), new Set(Object.values(nextPast)));
    this.#past = nextPast;
    const alternatives = params.alternatives ?? 0;

    this.#inputs = this.#states.map((s, i) => {
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
    this.#positions = this.#states.map((s) => (s.ended ? [1] : s.positions(0, 1)));
    this.#dropEnded();
  }

  /** Cuts the rows that have ended out of the batch and its cache, while some row goes on. */
  #dropEnded(): void {
    const keep = this.#states.flatMap((s, i) => (s.ended ? [] : [i]));
    if (keep.length === this.#states.length || keep.length === 0 || this.#past === null) return;
    const past = keepRows(this.#past, keep);
    if (past === null) return;
    this.#past = past;
    this.#states = keep.map((i) => this.#states[i]).filter((s) => s !== undefined);
    this.#inputs = keep.map((i) => this.#inputs[i] ?? []);
    this.#positions = keep.map((i) => this.#positions[i] ?? []);
  }

  dispose(): void {
    if (this.#past !== null) release(Object.values(this.#past));
    this.#past = null;
  }
}
