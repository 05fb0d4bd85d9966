import {
  AutoModelForCausalLM,
  AutoTokenizer,
  InterruptableStoppingCriteria,
  StoppingCriteria,
  TextStreamer,
  env,
  type PreTrainedModel,
  type PreTrainedTokenizer,
  type ProgressInfo
} from '@huggingface/transformers';
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import ortMjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import { ModelFileCache } from './cache.ts';
import { assertFitsContext, contextTokensOf } from './context.ts';
import { chooseBackend, chooseThreads, dtypeFile, probeWebGpu, watchDeviceLoss, type GpuLike } from './device.ts';
import { BackendError, BusyError, ModelLoadError, NotReadyError, generationFailure } from './errors.ts';
import { modelFileUrl } from './model.ts';
import { addSpecialTokens, hubDtypes, modelFilesOf, pointAt } from './source.ts';
import { cutAtStop, firstStop } from './stop.ts';
import {
  assertNever,
  type DevicePreference,
  type Dtype,
  type GenParams,
  type LoadProgress,
  type LoadTimings,
  type ModelRef,
  type Reply,
  type RunTimings
} from './protocol.ts';

type Send = (reply: Reply) => void;

interface Loaded {
  tokenizer: PreTrainedTokenizer;
  addSpecialTokens: boolean;
  model: PreTrainedModel;
  contextTokens: number | null;
}

interface Running {
  runId: string;
  criteria: InterruptableStoppingCriteria;
}

/**
 * ORT's wasm CPU kernels resolve their promises as microtasks, so without a real task boundary the
 * worker would never see an `interrupt` message until the whole generation had finished.
 */
const yieldChannel = new MessageChannel();
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    yieldChannel.port1.onmessage = () => resolve();
    yieldChannel.port2.postMessage(null);
  });
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

async function fetchWithProgress(
  url: string,
  file: string,
  onProgress: (p: LoadProgress) => void
): Promise<ArrayBuffer> {
  const res = await fetch(url);
  if (!res.ok || res.body === null) throw new ModelLoadError(`${file}: HTTP ${res.status} from ${url}`);
  const totalBytes = Number(res.headers.get('content-length') ?? 0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let loadedBytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loadedBytes += value.byteLength;
    onProgress({ file, loadedBytes, totalBytes: Math.max(totalBytes, loadedBytes) });
  }
  const out = new Uint8Array(loadedBytes);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out.buffer;
}

async function availableDtypes(model: ModelRef): Promise<Dtype[]> {
  const checks = await Promise.all(
    model.dtypes.map(async (d) => {
      try {
        const res = await fetch(modelFileUrl(model, `onnx/${dtypeFile(d)}`), { method: 'HEAD' });
        return res.ok ? d : null;
      } catch {
        return null;
      }
    })
  );
  return checks.filter((d): d is Dtype => d !== null);
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class Runtime {
  #loaded: Loaded | null = null;
  #running: Running | null = null;
  readonly #send: Send;

  constructor(send: Send) {
    this.#send = send;
  }

  async load(model: ModelRef, preference: DevicePreference): Promise<void> {
    const t0 = performance.now();
    const progress = (info: LoadProgress): void => this.#send({ type: 'progress', info });

    const gpu = (navigator as Navigator & { gpu?: GpuLike }).gpu;
    const probe = await probeWebGpu(gpu);
    const webgpuAdapter = probe.unavailable === null;
    const choice = chooseBackend(preference, probe, hubDtypes(model) ?? (await availableDtypes(model)));
    if (choice === null) throw new ModelLoadError(`no ONNX weights found under ${modelFileUrl(model, 'onnx/')}`);
    const { device, dtype, notices } = choice;
    const threads = chooseThreads(self.crossOriginIsolated);
    const files = await modelFilesOf(model);
    const cache = new ModelFileCache(files, typeof caches === 'undefined' ? undefined : caches);

    const source = pointAt(env, model);
    // Our cache checks every cached file against the manifest (a re-exported model replaces stale
    // copies) and survives a Cache API that is missing, blocked or full.
    env.useBrowserCache = false;
    env.useCustomCache = true;
    env.customCache = cache;
    env.fetch = files.fetcher(fetch.bind(globalThis));
    // We fetch the ORT binary ourselves so its download shows in the progress bar and download time.
    env.useWasmCache = false;
    const wasm = env.backends.onnx.wasm;
    if (wasm === undefined) throw new BackendError('onnxruntime-web wasm backend is unavailable');
    wasm.wasmPaths = { wasm: ortWasmUrl, mjs: ortMjsUrl };
    wasm.numThreads = threads;
    wasm.wasmBinary = await fetchWithProgress(ortWasmUrl, 'ort-wasm-simd-threaded.asyncify.wasm', progress);

    let filesDoneAt = performance.now();
    const onProgress = (p: ProgressInfo): void => {
      switch (p.status) {
        case 'progress':
          progress({ file: p.file, loadedBytes: p.loaded, totalBytes: p.total });
          break;
        case 'done':
          filesDoneAt = performance.now();
          break;
        case 'initiate':
        case 'download':
        case 'ready':
        case 'progress_total':
          break;
        default:
          assertNever(p);
      }
    };

    let tokenizer: PreTrainedTokenizer;
    try {
      tokenizer = await AutoTokenizer.from_pretrained(model.id, { ...source, progress_callback: onProgress });
    } catch (err) {
      throw files.failure ?? new ModelLoadError(`tokenizer for ${model.id}: ${messageOf(err)}`);
    }
    let loaded: PreTrainedModel;
    const weightsFile = `onnx/${dtypeFile(dtype)}`;
    let weightsRead = false;
    try {
      loaded = await AutoModelForCausalLM.from_pretrained(model.id, {
        ...source,
        device,
        dtype,
        progress_callback: (p: ProgressInfo) => {
          if (p.status === 'done' && p.file === weightsFile) weightsRead = true;
          onProgress(p);
        }
      });
    } catch (err) {
      if (files.failure !== null) throw files.failure;
      if (weightsRead) throw new BackendError(`${device}/${dtype} session: ${messageOf(err)}`);
      throw new ModelLoadError(`${model.id}: ${messageOf(err)}`);
    }
    const sessionAt = performance.now();
    this.#loaded = {
      tokenizer,
      addSpecialTokens: addSpecialTokens(model),
      model: loaded,
      contextTokens: contextTokensOf(loaded.config)
    };
    const forward = loaded.forward.bind(loaded);
    loaded.forward = async (inputs: unknown) => {
      await yieldToEventLoop();
      return forward(inputs);
    };

    try {
      const warm = tokenizer('Q: 1 + 1?\nA:');
      await loaded.generate({ ...warm, max_new_tokens: 2, do_sample: false });
    } catch (err) {
      this.#loaded = null;
      throw new BackendError(`warm-up on ${device}/${dtype}: ${messageOf(err)}`);
    }
    const readyAt = performance.now();
    const loadMs: LoadTimings = {
      downloadMs: filesDoneAt - t0,
      sessionMs: sessionAt - filesDoneAt,
      warmupMs: readyAt - sessionAt
    };
    const contextTokens = this.#loaded.contextTokens ?? Number.MAX_SAFE_INTEGER;
    const cacheNotice = cache.notice;
    if (cacheNotice !== null) notices.push(cacheNotice);
    this.#send({ type: 'ready', device, dtype, threads, loadMs, webgpuAdapter, contextTokens, notices });
    if (device === 'webgpu')
      void watchDeviceLoss(env.backends.onnx.webgpu, (message) =>
        this.#send({ type: 'error', name: 'EngineFatalError', message })
      );
  }

  async generate(runId: string, prompt: string, params: GenParams): Promise<void> {
    const startedAt = performance.now();
    const loaded = this.#loaded;
    if (loaded === null) throw new NotReadyError('load a model before generating');
    if (this.#running !== null) throw new BusyError(`run ${this.#running.runId} is still generating`);
    const criteria = new InterruptableStoppingCriteria();
    this.#running = { runId, criteria };
    try {
      const inputs = loaded.tokenizer(prompt, { add_special_tokens: loaded.addSpecialTokens });
      const promptTokens = inputs.input_ids.dims.at(-1) ?? 0;
      assertFitsContext(promptTokens, params.maxNewTokens, loaded.contextTokens);
      this.#send({ type: 'prompt', runId, promptTokens, at: performance.now() });
      let firstTokenAt: number | null = null;
      let lastTokenAt: number | null = null;
      let generatedTokens = 0;
      const streamer = new TokenStreamer(loaded.tokenizer, (text) => {
        const at = performance.now();
        firstTokenAt ??= at;
        lastTokenAt = at;
        generatedTokens += 1;
        this.#send({ type: 'token', runId, text, at });
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
          stopping_criteria: [criteria, stops]
        });
      } catch (err) {
        throw generationFailure(err);
      }
      const timings: RunTimings = {
        startedAt,
        firstTokenAt,
        lastTokenAt,
        endedAt: performance.now(),
        promptTokens,
        generatedTokens
      };
      this.#send({
        type: 'done',
        runId,
        text: cutAtStop(streamer.text, params.stopSequences),
        timings,
        stopped: criteria.interrupted
      });
    } finally {
      this.#running = null;
    }
  }

  /** Tokenizing is cheap and synchronous, so it may answer even while a generation is running. */
  count(texts: readonly string[]): number[] {
    const loaded = this.#loaded;
    if (loaded === null) throw new NotReadyError('load a model before counting tokens');
    return texts.map(
      (t) => loaded.tokenizer(t, { add_special_tokens: loaded.addSpecialTokens }).input_ids.dims.at(-1) ?? 0
    );
  }

  /** Interrupts only the named run, so a late interrupt can never stop the next mode's generation. */
  interrupt(runId: string): void {
    if (this.#running?.runId === runId) this.#running.criteria.interrupt();
  }
}
