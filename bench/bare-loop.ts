/**
 * A bare greedy KV-cache loop over one ONNX decoder session: the floor the app is measured against.
 * It feeds the session exactly what transformers.js feeds it (input_ids, a full attention_mask,
 * position_ids when the graph declares them, the previous step's `present.*` as `past_key_values.*`)
 * and does nothing else: no tokenizer, no logits processors, no streamer.
 * Runtime-agnostic: onnxruntime-node, or onnxruntime-web in Node, a worker or a page, passes its
 * own `Tensor` class.
 */
import type { InferenceSession, Tensor } from 'onnxruntime-common';
import { BLOCK_TOKENS, blockedLength } from '$lib/engine/worker/prefixBlocks.ts';

export interface KvLayout {
  layers: number;
  kvHeads: number;
  headDim: number;
}

/** The slice of an ORT package the loop needs; both onnxruntime-node and onnxruntime-web provide it. */
export interface OrtApi {
  Tensor: typeof Tensor;
}

export interface BareOptions {
  maxNewTokens: number;
  eosTokenId: number;
  /** WebGPU: transformers.js keeps `present.*` on the GPU (preferredOutputLocation); the loop must free them. */
  disposeGpuPast?: boolean;
  /**
   * Read the prompt's whole blocks first, as the app does where it keeps prompt openings (its cache on the CPU).
   * q8 scales activations per call, so a prompt read in one piece computes slightly different logits, and a near
   * tie can then go the other way: the floor must do the app's arithmetic to be held to the app's tokens.
   */
  inBlocks?: boolean;
}

export interface BareResult {
  /** Generated ids, the end-of-sequence id included when it came. */
  ids: number[];
  /** Logits of the last prompt position (for checking a session against a reference). */
  firstLogits: Float32Array;
  startedAt: number;
  /** `performance.now()` when each generated token was known. */
  tokenAt: number[];
}

/** The transformers.js / HF config fields that fix the KV-cache shape. */
export function kvLayout(config: {
  num_hidden_layers: number;
  num_key_value_heads: number;
  head_dim: number;
}): KvLayout {
  return { layers: config.num_hidden_layers, kvHeads: config.num_key_value_heads, headDim: config.head_dim };
}

export function argmax(data: Float32Array, offset: number, n: number): number {
  let best = 0;
  let bestValue = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = data[offset + i] ?? -Infinity;
    if (v > bestValue) {
      bestValue = v;
      best = i;
    }
  }
  return best;
}

function int64(values: readonly number[], dims: number[], ort: OrtApi): Tensor {
  return new ort.Tensor('int64', BigInt64Array.from(values, BigInt), dims);
}

export async function bareGreedy(
  session: InferenceSession,
  ort: OrtApi,
  layout: KvLayout,
  promptIds: readonly number[],
  options: BareOptions
): Promise<BareResult> {
  const startedAt = performance.now();
  const wantsPositions = session.inputNames.includes('position_ids');
  let past: Record<string, Tensor> = {};
  const empty = [1, layout.kvHeads, 0, layout.headDim];
  for (let i = 0; i < layout.layers; i++) {
    past[`past_key_values.${i}.key`] = new ort.Tensor('float32', new Float32Array(0), empty);
    past[`past_key_values.${i}.value`] = new ort.Tensor('float32', new Float32Array(0), empty);
  }
  const ids: number[] = [];
  const tokenAt: number[] = [];
  let firstLogits = new Float32Array(0);
  let pos = 0;
  const read = async (input: readonly number[]) => {
    const n = input.length;
    const feeds: Record<string, Tensor> = {
      ...past,
      input_ids: int64(input, [1, n], ort),
      attention_mask: new ort.Tensor('int64', new BigInt64Array(pos + n).fill(1n), [1, pos + n])
    };
    if (wantsPositions)
      feeds.position_ids = int64(
        input.map((_, i) => pos + i),
        [1, n],
        ort
      );
    const out = await session.run(feeds);
    const nextPast: Record<string, Tensor> = {};
    for (let i = 0; i < layout.layers; i++) {
      for (const kind of ['key', 'value'] as const) {
        const present = out[`present.${i}.${kind}`];
        if (present === undefined) throw new Error(`the session has no present.${i}.${kind} output`);
        nextPast[`past_key_values.${i}.${kind}`] = present;
      }
    }
    if (options.disposeGpuPast === true)
      for (const t of Object.values(past)) if (t.location === 'gpu-buffer') t.dispose();
    past = nextPast;
    pos += n;
    const logits = out.logits;
    if (logits === undefined) throw new Error('the session has no logits output');
    return logits;
  };
  const blocked = options.inBlocks === true ? blockedLength(promptIds.length) : 0;
  for (let start = 0; start < blocked; start += BLOCK_TOKENS) await read(promptIds.slice(start, start + BLOCK_TOKENS));
  let input = promptIds.slice(blocked);
  for (let step = 0; step < options.maxNewTokens; step++) {
    const n = input.length;
    const logits = await read(input);
    const vocab = logits.dims[2] ?? 0;
    const data = logits.data as Float32Array;
    if (step === 0) firstLogits = data.slice((n - 1) * vocab, n * vocab);
    const next = argmax(data, (n - 1) * vocab, vocab);
    ids.push(next);
    tokenAt.push(performance.now());
    input = [next];
    if (next === options.eosTokenId) break;
  }
  if (options.disposeGpuPast === true)
    for (const t of Object.values(past)) if (t.location === 'gpu-buffer') t.dispose();
  return { ids, firstLogits, startedAt, tokenAt };
}
