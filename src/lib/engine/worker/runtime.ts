import { messageOf } from '../../core/values.ts';
import {
  AutoModelForCausalLM,
  AutoTokenizer,
  env,
  type PreTrainedModel,
  type PreTrainedTokenizer,
  type ProgressInfo
} from '@huggingface/transformers';
import { TokenBatcher } from './tokenBatcher.ts';
import { ModelFileCache } from '../shared/modelFileCache.ts';
import { contextTokensOf } from './context.ts';
import {
  chooseBackend,
  chooseThreads,
  dtypeFile,
  isSmallModel,
  probeWebGpu,
  steppingFor,
  watchDeviceLoss,
  type GpuLike
} from '../shared/device.ts';
import { BackendError, BusyError, ModelLoadError, NotReadyError } from '../shared/errors.ts';
import { generateBatch, type Loaded } from './generate.ts';
import { PrefixBlocks } from './prefixBlocks.ts';
import { modelFileUrl } from '../shared/modelUrl.ts';
import { ortFiles } from './ortFiles.ts';
import { addSpecialTokens, hubDtypes, modelFilesOf, pointAt } from './modelSource.ts';
import type {
  BatchGoal,
  DevicePreference,
  Dtype,
  GenParams,
  LoadProgress,
  LoadTimings,
  ModelRef,
  Stepping,
  TokenInfo
} from '../../core/types.ts';
import { assertNever } from '../../core/assert.ts';
import type { BatchRun, Reply } from '../shared/protocol.ts';

type Send = (reply: Reply) => void;

const WARM_UP: GenParams = { maxNewTokens: 2, temperature: 0, topK: 0, topP: 1, stopSequences: [] };
/** A longer warm-up round, for a load that asks for several. */
const WARM_UP_ROUND: GenParams = { ...WARM_UP, maxNewTokens: 24 };
/** Reading a prompt to keep its opening: one token, the least a generation makes. */
const KEEP: GenParams = { ...WARM_UP, maxNewTokens: 1 };

interface Running {
  runId: string;
  interrupted: boolean;
}

/**
 * ORT's wasm CPU kernels resolve their promises as microtasks, so without a real task boundary the
 * worker would never see an `interrupt` message until the whole generation had finished. A task
 * boundary every few milliseconds is enough for that; one per token would cost a little on every token.
 */
const YIELD_EVERY_MS = 8;
const yieldChannel = new MessageChannel();
let lastYieldAt = 0;
function yieldToEventLoop(): Promise<void> {
  if (performance.now() - lastYieldAt < YIELD_EVERY_MS) return Promise.resolve();
  return new Promise((resolve) => {
    yieldChannel.port1.onmessage = () => {
      lastYieldAt = performance.now();
      resolve();
    };
    yieldChannel.port2.postMessage(null);
  });
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

export class Runtime {
  #loaded: Loaded | null = null;
  /** The rows of the generation in progress, by runId (one for a single run). */
  #running = new Map<string, Running>();
  /** How a request's rows step on the loaded backend. */
  #stepping: Record<BatchGoal, Stepping> = { alone: 'turns', throughput: 'turns' };
  /** Whether rows that open alike compute their opening once (group.ts): a CPU cache and the bundled model's graph. */
  #sharePrefix = false;
  /** Prompt openings kept between runs (prefixBlocks.ts): on WASM, where the cache is a CPU tensor. */
  #blocks: PrefixBlocks | null = null;
  /** The reading of `keep`'s prompts, while it lasts. */
  #keeping: Promise<void> | null = null;
  readonly #send: Send;

  constructor(send: Send) {
    this.#send = send;
  }

  async load(model: ModelRef, preference: DevicePreference, requestedThreads?: number, warmUpRuns = 1): Promise<void> {
    const t0 = performance.now();
    const progress = (info: LoadProgress): void => this.#send({ type: 'progress', info });

    const gpu = (navigator as Navigator & { gpu?: GpuLike }).gpu;
    const probe = await probeWebGpu(gpu);
    const webgpuAdapter = probe.unavailable === null;
    const available = hubDtypes(model) ?? (await availableDtypes(model));
    const choice = chooseBackend(preference, probe, available, isSmallModel(model));
    if (choice === null) throw new ModelLoadError(`no ONNX weights found under ${modelFileUrl(model, 'onnx/')}`);
    const { device, dtype, notices, why } = choice;
    const threads = chooseThreads(self.crossOriginIsolated, navigator.hardwareConcurrency, requestedThreads);
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
    // The device chosen above is final for this worker (a fallback to WASM is decided before this point),
    // so the WebGPU-only asyncify build is fetched only when WebGPU will run.
    const ort = ortFiles(device);
    wasm.wasmPaths = { wasm: ort.wasm, mjs: ort.mjs };
    wasm.numThreads = threads;
    wasm.wasmBinary = await fetchWithProgress(ort.wasm, ort.name, progress);

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
    this.#loaded = { tokenizer, addSpecialTokens: addSpecialTokens(model), model: loaded };
    this.#stepping = steppingFor(device, probe);
    this.#sharePrefix = device === 'wasm' && model.source === 'bundled';
    this.#blocks = device === 'wasm' ? new PrefixBlocks() : null;

    try {
      // The same path as a run, so its first call pays for lazy initialisation, not the user's first run.
      for (let round = 0; round < warmUpRuns; round++)
        await this.#quiet(this.#loaded, [`Q: ${round + 1} + 1?\nA:`], warmUpRuns > 1 ? WARM_UP_ROUND : WARM_UP);
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
    const contextTokens = contextTokensOf(loaded.config) ?? Number.MAX_SAFE_INTEGER;
    const cacheNotice = cache.notice;
    if (cacheNotice !== null) notices.push(cacheNotice);
    const modelCached = cacheNotice === null;
    this.#send({
      type: 'ready',
      device,
      dtype,
      threads,
      loadMs,
      webgpuAdapter,
      contextTokens,
      autoReason: why,
      stepping: this.#stepping,
      notices,
      modelCached,
      runtimeFiles: [ort.wasm, ort.mjs]
    });
    if (device === 'webgpu')
      void watchDeviceLoss(env.backends.onnx.webgpu, (message) =>
        this.#send({ type: 'error', name: 'EngineFatalError', message })
      );
  }

  generate(runId: string, prompt: string, params: GenParams, draw?: number): Promise<void> {
    return this.generateBatch([{ runId, prompt, ...(draw === undefined ? {} : { draw }) }], params, 'alone');
  }

  /**
   * Runs the prompts together, as one batch or in turns as the backend and the goal prefer. A failure (a prompt too
   * long for the context included: the page checks that before Run) fails every row; the caller replies for each.
   */
  async generateBatch(runs: readonly BatchRun[], params: GenParams, goal: BatchGoal): Promise<void> {
    // A run that arrives while openings are being kept starts once they are: the model reads one thing at a time.
    await this.#keeping;
    const loaded = this.#loaded;
    if (loaded === null) throw new NotReadyError('load a model before generating');
    const busy = this.#running.keys().next();
    if (!busy.done) throw new BusyError(`run ${busy.value} is still generating`);
    const rows = runs.map(({ runId, prompt, draw }) => {
      const running: Running = { runId, interrupted: false };
      this.#running.set(runId, running);
      const batcher = new TokenBatcher((text, at, tokens) =>
        this.#send({ type: 'tokens', runId, text, at, ...(tokens.length > 0 ? { tokens } : {}) })
      );
      const hooks = {
        onPrompt: (promptTokens: number, at: number) => this.#send({ type: 'prompt', runId, promptTokens, at }),
        onToken: (text: string, at: number, info?: TokenInfo) => batcher.push(text, at, info)
      };
      return { runId, batcher, row: { prompt, control: running, hooks, ...(draw === undefined ? {} : { draw }) } };
    });
    try {
      const generations = await generateBatch(
        loaded,
        rows.map((r) => r.row),
        params,
        yieldToEventLoop,
        { stepping: this.#stepping[goal], sharePrefix: this.#sharePrefix, blocks: this.#blocks }
      );
      rows.forEach(({ runId, batcher }, i) => {
        const g = generations[i];
        if (g === undefined) return;
        batcher.end();
        this.#send({ type: 'done', runId, text: g.text, timings: g.timings, stopped: g.stopped });
      });
    } finally {
      this.#running.clear();
    }
  }

  /**
   * Reads `prompts` through a one-token generation, the same path as a run, so that their openings' blocks are kept
   * (WASM only; a GPU reads prompts whole). Skipped while a run generates or another keep reads (the run keeps its own
   * opening anyway). It never fails: a prompt it cannot read fails the run that sends it, with the run's own error.
   */
  keep(prompts: readonly string[]): Promise<void> {
    const loaded = this.#loaded;
    if (loaded === null || this.#blocks === null || this.#running.size > 0 || this.#keeping !== null)
      return Promise.resolve();
    const done = (): void => {
      this.#keeping = null;
    };
    this.#keeping = this.#quiet(loaded, prompts, KEEP).then(done, done);
    return this.#keeping;
  }

  /** Generations no one watches (the warm-up, `keep`): a run's path, blocks kept as a run keeps them, text dropped. */
  #quiet(loaded: Loaded, prompts: readonly string[], params: GenParams): Promise<unknown> {
    const noop = (): void => {};
    const rows = prompts.map((prompt) => ({
      prompt,
      control: { interrupted: false },
      hooks: { onPrompt: noop, onToken: noop }
    }));
    const options = { stepping: this.#stepping.alone, sharePrefix: false, blocks: this.#blocks };
    return generateBatch(loaded, rows, params, yieldToEventLoop, options);
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
    const running = this.#running.get(runId);
    if (running !== undefined) running.interrupted = true;
  }
}
