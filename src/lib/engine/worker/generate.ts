import { Tensor, type PreTrainedModel, type PreTrainedTokenizer } from '@huggingface/transformers';
import { assertFitsContext, contextTokensOf } from './context.ts';
import { IncrementalDetokenizer } from './incrementalDetokenizer.ts';
import { GenerationError, generationFailure } from '../shared/errors.ts';
import type { GenParams, RunTimings } from '../../core/types.ts';
import { nextToken } from './sample.ts';
import { cutAtStop, firstStop } from './stop.ts';

export interface Loaded {
  tokenizer: PreTrainedTokenizer;
  /** False for chat models: their template already writes the BOS the tokenizer would add again. */
  addSpecialTokens: boolean;
  model: PreTrainedModel;
}

export interface GenerateHooks {
  /** The prompt's token count, once tokenized. */
  onPrompt(promptTokens: number, at: number): void;
  /** Once per generated token (end-of-sequence included) with the text it added, possibly ''. */
  onToken(text: string, at: number): void;
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

function eosIds(model: PreTrainedModel): Set<number> {
  const fromConfig = (model.config as { eos_token_id?: number | number[] | null }).eos_token_id;
  const eos = model.generation_config?.eos_token_id ?? fromConfig;
  return new Set(eos === undefined || eos === null ? [] : Array.isArray(eos) ? eos : [eos]);
}

function int64(values: readonly number[]): Tensor {
  return new Tensor('int64', BigInt64Array.from(values, BigInt), [1, values.length]);
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

/**
 * One generation as a plain KV-cache loop over transformers.js's model (its `forward`, so sessions,
 * cache layout and WebGPU buffers stay transformers.js's) instead of `model.generate()`: per token it
 * runs the model, picks a token, detokenizes a short window and checks stop sequences on the new text
 * only. Times are this thread's clock. Shared by the browser worker and the Node benchmark.
 */
export async function generateText(
  loaded: Loaded,
  prompt: string,
  params: GenParams,
  control: RunControl,
  hooks: GenerateHooks
): Promise<Generation> {
  const startedAt = performance.now();
  const encoded = loaded.tokenizer(prompt, { add_special_tokens: loaded.addSpecialTokens });
  const promptTokens = encoded.input_ids.dims.at(-1) ?? 0;
  assertFitsContext(promptTokens, params.maxNewTokens, contextTokensOf(loaded.model.config));
  hooks.onPrompt(promptTokens, performance.now());

  const eos = eosIds(loaded.model);
  const detokenizer = new IncrementalDetokenizer((ids) =>
    loaded.tokenizer.decode([...ids], { skip_special_tokens: true })
  );
  const stops = params.stopSequences.filter((s) => s !== '');
  const longestStop = Math.max(0, ...stops.map((s) => s.length));
  let firstTokenAt: number | null = null;
  let lastTokenAt: number | null = null;
  let generatedTokens = 0;

  let inputIds: Tensor = encoded.input_ids;
  let attentionMask: Tensor = encoded.attention_mask;
  let past: Record<string, Tensor> | null = null;
  let seen = 0;
  try {
    for (let step = 0; step < params.maxNewTokens; step++) {
      await hooks.beforeForward?.();
      const n = inputIds.dims.at(-1) ?? 0;
      const positions = Array.from({ length: n }, (_, i) => seen + i);
      let outputs: Record<string, Tensor>;
      try {
        outputs = await loaded.model.forward({
          input_ids: inputIds,
          attention_mask: attentionMask,
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
      const row = (logits.data as Float32Array).subarray((n - 1) * vocab, n * vocab);
      const next = nextToken(row, params);
      const nextPast = pastFrom(outputs);
      if (past !== null) release(Object.values(past), new Set(Object.values(nextPast)));
      past = nextPast;
      seen += n;

      const delta = detokenizer.push(next);
      const at = performance.now();
      firstTokenAt ??= at;
      lastTokenAt = at;
      generatedTokens += 1;
      hooks.onToken(delta, at);

      if (eos.has(next) || control.interrupted) break;
      // A stop sequence that just appeared overlaps the new text, so only the tail needs searching.
      const text = detokenizer.text;
      if (
        delta !== '' &&
        firstStop(text.slice(Math.max(0, text.length - delta.length - longestStop + 1)), stops) !== -1
      )
        break;
      inputIds = int64([next]);
      attentionMask = new Tensor('int64', new BigInt64Array(seen + 1).fill(1n), [1, seen + 1]);
    }
  } finally {
    if (past !== null) release(Object.values(past));
  }
  return {
    text: cutAtStop(detokenizer.fullText, params.stopSequences),
    timings: { startedAt, firstTokenAt, lastTokenAt, endedAt: performance.now(), promptTokens, generatedTokens },
    stopped: control.interrupted
  };
}
