import {
  InterruptableStoppingCriteria,
  StoppingCriteria,
  TextStreamer,
  type PreTrainedModel,
  type PreTrainedTokenizer
} from '@huggingface/transformers';
import { GenerationError } from './errors.ts';
import { cutAtStop, firstStop } from './stop.ts';
import type { GenParams, RunTimings } from './protocol.ts';

export interface Loaded {
  tokenizer: PreTrainedTokenizer;
  model: PreTrainedModel;
}

export interface GenerateHooks {
  /** The prompt's token count, once tokenized. */
  onPrompt(promptTokens: number, at: number): void;
  /** Once per generated token (end-of-sequence included) with the text it added, possibly ''. */
  onToken(text: string, at: number): void;
}

export interface Generation {
  text: string;
  timings: RunTimings;
  stopped: boolean;
}

/**
 * Calls `onToken` once per generated token with the text that token added (possibly ''). TextStreamer
 * only flushes whole words, which would hide the real time to first token; we keep its type, not its buffering.
 */
class TokenStreamer extends TextStreamer {
  #ids: bigint[] = [];
  #emitted = '';
  #decoded = '';
  #sawPrompt = false;
  readonly #tokenizer: PreTrainedTokenizer;
  readonly #onToken: (text: string) => void;

  constructor(tokenizer: PreTrainedTokenizer, onToken: (text: string) => void) {
    super(tokenizer, { skip_prompt: true, callback_function: () => {} });
    this.#tokenizer = tokenizer;
    this.#onToken = onToken;
  }

  override put(value: bigint[][]): void {
    if (!this.#sawPrompt) {
      this.#sawPrompt = true;
      return;
    }
    for (const id of value[0] ?? []) {
      this.#ids.push(id);
      const text = this.#tokenizer.decode(this.#ids, { skip_special_tokens: true });
      this.#decoded = text;
      // A byte-level token can end mid-character; wait for the rest rather than show U+FFFD.
      if (text.endsWith('\uFFFD') || !text.startsWith(this.#emitted)) {
        this.#onToken('');
        continue;
      }
      const delta = text.slice(this.#emitted.length);
      this.#emitted = text;
      this.#onToken(delta);
    }
  }

  override end(): void {}

  get text(): string {
    return this.#decoded;
  }
}

/** Ends generation once the streamed text contains a stop sequence. */
class StopSequenceCriteria extends StoppingCriteria {
  readonly #text: () => string;
  readonly #stops: readonly string[];

  constructor(text: () => string, stops: readonly string[]) {
    super();
    this.#text = text;
    this.#stops = stops;
  }

  override _call(inputIds: number[][]): boolean[] {
    const hit = this.#stops.length > 0 && firstStop(this.#text(), this.#stops) !== -1;
    return inputIds.map(() => hit);
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** One generation, shared by the browser worker and the Node benchmark; times are this thread's clock. */
export async function generateText(
  loaded: Loaded,
  prompt: string,
  params: GenParams,
  interrupt: InterruptableStoppingCriteria,
  hooks: GenerateHooks
): Promise<Generation> {
  const startedAt = performance.now();
  const inputs = loaded.tokenizer(prompt);
  const promptTokens = inputs.input_ids.dims.at(-1) ?? 0;
  hooks.onPrompt(promptTokens, performance.now());
  let firstTokenAt: number | null = null;
  let lastTokenAt: number | null = null;
  let generatedTokens = 0;
  const streamer = new TokenStreamer(loaded.tokenizer, (text) => {
    const at = performance.now();
    firstTokenAt ??= at;
    lastTokenAt = at;
    generatedTokens += 1;
    hooks.onToken(text, at);
  });
  const stops = new StopSequenceCriteria(() => streamer.text, params.stopSequences);
  const sampling =
    params.temperature > 0
      ? { do_sample: true, temperature: params.temperature, top_k: params.topK, top_p: params.topP }
      : { do_sample: false };
  try {
    await loaded.model.generate({
      ...inputs,
      ...sampling,
      max_new_tokens: params.maxNewTokens,
      streamer,
      stopping_criteria: [interrupt, stops]
    });
  } catch (err) {
    throw new GenerationError(messageOf(err));
  }
  return {
    text: cutAtStop(streamer.text, params.stopSequences),
    timings: { startedAt, firstTokenAt, lastTokenAt, endedAt: performance.now(), promptTokens, generatedTokens },
    stopped: interrupt.interrupted
  };
}
