import {
  AutoModelForCausalLM,
  AutoTokenizer,
  InterruptableStoppingCriteria,
  env,
  type PreTrainedModel,
  type PreTrainedTokenizer,
  type ProgressInfo
} from '@huggingface/transformers';
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import ortMjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import { chooseDevice, chooseDtype, chooseThreads, dtypeFile, hasWebGpuAdapter, type GpuLike } from './device.ts';
import { BackendError, BusyError, ModelLoadError, NotReadyError } from './errors.ts';
import { generateText, type Loaded } from './generate.ts';
import { modelFileUrl } from './model.ts';
import {
  assertNever,
  type DevicePreference,
  type Dtype,
  type GenParams,
  type LoadProgress,
  type LoadTimings,
  type ModelRef,
  type Reply
} from './protocol.ts';

type Send = (reply: Reply) => void;

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

  async load(model: ModelRef, preference: DevicePreference, maxThreads?: number): Promise<void> {
    const t0 = performance.now();
    const progress = (info: LoadProgress): void => this.#send({ type: 'progress', info });

    const gpu = (navigator as Navigator & { gpu?: GpuLike }).gpu;
    const webgpuAdapter = await hasWebGpuAdapter(gpu);
    const device = chooseDevice(preference, webgpuAdapter);
    if (device === 'webgpu' && !webgpuAdapter)
      throw new BackendError('WebGPU was requested but this browser offers no adapter');
    const dtype = chooseDtype(device, await availableDtypes(model));
    if (dtype === null) throw new ModelLoadError(`no ONNX weights found under ${modelFileUrl(model, 'onnx/')}`);
    const threads = chooseThreads(self.crossOriginIsolated, maxThreads);

    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    // A path, not a full URL: transformers.js skips its local-file check for anything that parses as http(s).
    env.localModelPath = new URL(model.baseUrl).pathname;
    // The HTTP cache already keeps these; the Cache API copy would outlive a re-exported model.
    env.useBrowserCache = false;
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
      tokenizer = await AutoTokenizer.from_pretrained(model.id, { progress_callback: onProgress });
    } catch (err) {
      throw new ModelLoadError(`tokenizer for ${model.id}: ${messageOf(err)}`);
    }
    let loaded: PreTrainedModel;
    const weightsFile = `onnx/${dtypeFile(dtype)}`;
    let weightsRead = false;
    try {
      loaded = await AutoModelForCausalLM.from_pretrained(model.id, {
        device,
        dtype,
        progress_callback: (p: ProgressInfo) => {
          if (p.status === 'done' && p.file === weightsFile) weightsRead = true;
          onProgress(p);
        }
      });
    } catch (err) {
      if (weightsRead) throw new BackendError(`${device}/${dtype} session: ${messageOf(err)}`);
      throw new ModelLoadError(`${model.id}: ${messageOf(err)}`);
    }
    const sessionAt = performance.now();
    this.#loaded = { tokenizer, model: loaded };
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
    this.#send({ type: 'ready', device, dtype, threads, loadMs, webgpuAdapter });
  }

  async generate(runId: string, prompt: string, params: GenParams): Promise<void> {
    const loaded = this.#loaded;
    if (loaded === null) throw new NotReadyError('load a model before generating');
    if (this.#running !== null) throw new BusyError(`run ${this.#running.runId} is still generating`);
    const criteria = new InterruptableStoppingCriteria();
    this.#running = { runId, criteria };
    try {
      const { text, timings, stopped } = await generateText(loaded, prompt, params, criteria, {
        onPrompt: (promptTokens, at) => this.#send({ type: 'prompt', runId, promptTokens, at }),
        onToken: (text, at) => this.#send({ type: 'token', runId, text, at })
      });
      this.#send({ type: 'done', runId, text, timings, stopped });
    } finally {
      this.#running = null;
    }
  }

  /** Tokenizing is cheap and synchronous, so it may answer even while a generation is running. */
  count(texts: readonly string[]): number[] {
    const loaded = this.#loaded;
    if (loaded === null) throw new NotReadyError('load a model before counting tokens');
    return texts.map((t) => loaded.tokenizer(t).input_ids.dims.at(-1) ?? 0);
  }

  /** Interrupts only the named run, so a late interrupt can never stop the next mode's generation. */
  interrupt(runId: string): void {
    if (this.#running?.runId === runId) this.#running.criteria.interrupt();
  }
}
