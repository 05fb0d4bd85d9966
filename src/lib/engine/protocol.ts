import type { Mode } from '../prompts/index.ts';
import type { Manifest } from './integrity.ts';

/** What the user asked for; `auto` resolves to WebGPU when an adapter exists. */
export const DEVICE_PREFERENCES = ['auto', 'webgpu', 'wasm'] as const;
export type DevicePreference = (typeof DEVICE_PREFERENCES)[number];
export type Device = Exclude<DevicePreference, 'auto'>;

export const DTYPES = ['fp32', 'q8', 'q4', 'fp16', 'q4f16'] as const;
export type Dtype = (typeof DTYPES)[number];
/** Dtypes whose WebGPU kernels compute in f16, so they need the adapter's `shader-f16` feature. */
export const F16_DTYPES: readonly Dtype[] = ['fp16', 'q4f16'];

/** A model served from the app's own origin, or (with `hub`) from the Hugging Face Hub. */
export interface ModelRef {
  /** Folder name under the models URL (`think-small-3m`), or a Hub id (`onnx-community/Qwen3-0.6B-ONNX`). */
  id: string;
  /** Absolute URL of the models folder, or the Hub's host, ending in `/`. */
  baseUrl: string;
  /** Dtypes whose ONNX files the model is declared to ship; the worker checks which really exist. */
  dtypes: readonly Dtype[];
  /** A Hub model, already downloaded into the model cache by the page. */
  hub?: HubSource;
}

export interface HubSource {
  /** The revision the files were fetched (and cached) under. */
  revision: string;
  /** Sizes and checksums from the Hub's file list: the cache is checked against them. */
  manifest: Manifest;
  /** Prompts are rendered through the chat template, which writes its own BOS: the tokenizer must not add one. */
  chat: boolean;
}

export interface GenParams {
  maxNewTokens: number;
  /** 0 means greedy decoding. */
  temperature: number;
  topK: number;
  topP: number;
  /** Generation ends at the first of these in the generated text, which is cut before it. */
  stopSequences: string[];
}

/** Worker-clock milliseconds (`performance.now()` inside the worker). */
export interface RunTimings {
  startedAt: number;
  firstTokenAt: number | null;
  lastTokenAt: number | null;
  endedAt: number;
  promptTokens: number;
  generatedTokens: number;
}

export interface LoadTimings {
  /** Fetching or reading config, tokenizer and weights. */
  downloadMs: number;
  /** Creating the inference session (includes compiling the wasm/WebGPU kernels). */
  sessionMs: number;
  /** One short generation so the first real run is not paying for lazy initialisation. */
  warmupMs: number;
}

export interface LoadProgress {
  file: string;
  loadedBytes: number;
  totalBytes: number;
}

export type Request =
  /** `threads` overrides the default count of ORT's WASM threads (the benchmark compares 1 and 2). */
  | { type: 'load'; model: ModelRef; device: DevicePreference; threads?: number }
  | { type: 'generate'; runId: string; mode: Mode; prompt: string; params: GenParams }
  | { type: 'interrupt'; runId: string }
  /** Prompt lengths for the panes before any run; answered by one `counted` or `error` with the same runId. */
  | { type: 'count'; runId: string; texts: string[] };

export type Reply =
  | { type: 'progress'; info: LoadProgress }
  | {
      type: 'ready';
      device: Device;
      dtype: Dtype;
      threads: number;
      loadMs: LoadTimings;
      webgpuAdapter: boolean;
      /** The most tokens (prompt plus generated) the model reads, from its config. */
      contextTokens: number;
      /** What the user should know about this load: a fallback taken, a cache that could not be used. */
      notices: string[];
      /** The model's files are in the browser's cache, so the next visit (and an offline one) reads them there. */
      modelCached: boolean;
      /** The ONNX Runtime files this load used (site paths): an offline copy must keep them. */
      runtimeFiles: string[];
    }
  | { type: 'prompt'; runId: string; promptTokens: number; at: number }
  /** The text of `at.length` generated tokens (streamed in groups), with each token's time. */
  | { type: 'tokens'; runId: string; text: string; at: number[] }
  | { type: 'done'; runId: string; text: string; timings: RunTimings; stopped: boolean }
  | { type: 'counted'; runId: string; tokens: number[] }
  | { type: 'error'; runId?: string; name: string; message: string };

export type RequestType = Request['type'];
export type ReplyType = Reply['type'];

/** Makes a `switch` over a union fail to compile when a new member is added and not handled. */
export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
