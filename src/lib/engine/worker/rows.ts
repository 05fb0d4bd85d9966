import { Tensor, cat, type PreTrainedModel } from '@huggingface/transformers';
import { IncrementalDetokenizer } from './incrementalDetokenizer.ts';
import type { BatchRow, Loaded } from './generate.ts';

export function eosIds(model: PreTrainedModel): Set<number> {
  const fromConfig = (model.config as { eos_token_id?: number | number[] | null }).eos_token_id;
  const eos = model.generation_config?.eos_token_id ?? fromConfig;
  return new Set(eos === undefined || eos === null ? [] : Array.isArray(eos) ? eos : [eos]);
}

/** The id written into padding: masked out, so any id would do, but the model's own pad id is the honest one. */
export function padId(loaded: Loaded): number {
  const fromConfig = (loaded.model.config as { pad_token_id?: number | null }).pad_token_id;
  return loaded.tokenizer.pad_token_id ?? fromConfig ?? 0;
}

/** WebGPU keeps the KV cache in GPU buffers (transformers.js asks ORT to); those are freed by hand. */
export function release(tensors: Iterable<Tensor>, keep: ReadonlySet<Tensor> = new Set()): void {
  for (const t of tensors) if (t.location === 'gpu-buffer' && !keep.has(t)) t.dispose();
}

/** The next step's `past_key_values.*` from this step's `present.*` outputs. */
export function pastFrom(outputs: Record<string, Tensor>): Record<string, Tensor> {
  const past: Record<string, Tensor> = {};
  for (const [name, t] of Object.entries(outputs))
    if (name.startsWith('present')) past[name.replace('present', 'past_key_values')] = t;
  return past;
}

/**
 * The cache with only the rows `keep` (indices along the batch axis, in order); null where a tensor lives in a GPU
 * buffer, which would have to come back to the CPU to be cut.
 */
export function keepRows(past: Record<string, Tensor>, keep: readonly number[]): Record<string, Tensor> | null {
  const tensors = Object.entries(past);
  if (tensors.some(([, t]) => t.location !== 'cpu')) return null;
  return Object.fromEntries(
    tensors.map(([name, t]) => [
      name,
      cat(
        keep.map((r) => t.slice([r, r + 1])),
        0
      )
    ])
  );
}

/** The cache of one row copied to `n` rows (CPU tensors only; null where a tensor lives in a GPU buffer). */
export function repeatRows(past: Record<string, Tensor>, n: number): Record<string, Tensor> | null {
  return keepRows(past, Array<number>(n).fill(0));
}

/** One row's progress: its own text, stop test and clock, inside a batch that steps all rows together. */
export class RowState {
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
  /** Opening tokens whose cache came from an earlier run (prefixBlocks.ts). */
  kept = 0;
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
export function maskTensor(states: readonly RowState[]): Tensor {
  const length = states[0]?.maskLength ?? 0;
  const data = new BigInt64Array(states.length * length);
  states.forEach((s, r) => data.set(s.mask.subarray(0, length), r * length));
  return new Tensor('int64', data, [states.length, length]);
}

export function int64(rows: readonly (readonly number[])[]): Tensor {
  const width = rows[0]?.length ?? 0;
  const data = new BigInt64Array(rows.length * width);
  rows.forEach((row, r) => row.forEach((v, c) => (data[r * width + c] = BigInt(v))));
  return new Tensor('int64', data, [rows.length, width]);
}
