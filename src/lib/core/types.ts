/**
 * The types every layer shares: devices and dtypes, decoding settings, timings, model descriptors.
 * Pure declarations and constants; this module imports nothing.
 */

/** What the user asked for; `auto` resolves to WebGPU when an adapter exists. */
export const DEVICE_PREFERENCES = ['auto', 'webgpu', 'wasm'] as const;
export type DevicePreference = (typeof DEVICE_PREFERENCES)[number];
export type Device = Exclude<DevicePreference, 'auto'>;

export const DTYPES = ['fp32', 'q8', 'q4', 'fp16', 'q4f16'] as const;
export type Dtype = (typeof DTYPES)[number];
/** Dtypes whose WebGPU kernels compute in f16, so they need the adapter's `shader-f16` feature. */
export const F16_DTYPES: readonly Dtype[] = ['fp16', 'q4f16'];

/** `manifest.json` next to a model's files: every file the engine loads, with its size and sha256. */
export interface Manifest {
  algorithm: 'sha256';
  files: Record<string, ManifestEntry>;
}
export interface ManifestEntry {
  bytes: number;
  /** Large (LFS) files: the Hub and manifest.json give their sha256. */
  sha256?: string;
  /**
   * Small Hub files are plain git blobs: the Hub gives only their git object id, sha1 of
   * `blob <size>\0<bytes>`, which identifies the content as well.
   */
  gitSha1?: string;
}

/** A model served from the app's own origin, under `<baseUrl><id>/`. */
export interface BundledModelRef {
  source: 'bundled';
  /** Folder name under the models URL (`think-small-3m`). */
  id: string;
  /** Absolute URL of the models folder, ending in `/`. */
  baseUrl: string;
  /** Dtypes whose ONNX files the model is declared to ship; the worker checks which really exist. */
  dtypes: readonly Dtype[];
}

/** A model from the Hugging Face Hub, already downloaded into the model cache by the page. */
export interface HubModelRef {
  source: 'hub';
  /** The Hub id (`onnx-community/Qwen3-0.6B-ONNX`). */
  id: string;
  /** The Hub's host, ending in `/`. */
  baseUrl: string;
  /** The dtype the page downloaded. */
  dtypes: readonly Dtype[];
  /** The revision the files were fetched (and cached) under. */
  revision: string;
  /** Sizes and checksums from the Hub's file list: the cache is checked against them. */
  manifest: Manifest;
  /** Prompts are rendered through the chat template, which writes its own BOS: the tokenizer must not add one. */
  chat: boolean;
}

export type ModelRef = BundledModelRef | HubModelRef;

export interface GenParams {
  maxNewTokens: number;
  /** 0 means greedy decoding. */
  temperature: number;
  topK: number;
  topP: number;
  /** Generation ends at the first of these in the generated text, which is cut before it. */
  stopSequences: string[];
  /**
   * Sampling draws from a PRNG seeded with this (each row of a batch from its own stream derived from it), so
   * the same seed gives the same chains; absent, from Math.random.
   */
  seed?: number;
  /** Report each generated token's probability and this many most likely tokens at its step; 0 or absent: off. */
  alternatives?: number;
}

/** A token the model could have written at one step, with the probability it gave it (temperature 1). */
export interface TokenChoice {
  text: string;
  prob: number;
}

/** One generated token as the model saw it: its text, its probability, and the most likely tokens at its step. */
export interface TokenInfo extends TokenChoice {
  /** Most likely first; the chosen token is among them when it was likely enough. */
  top: TokenChoice[];
}

/** Worker-clock milliseconds (`performance.now()` inside the worker). */
export interface RunTimings {
  startedAt: number;
  firstTokenAt: number | null;
  lastTokenAt: number | null;
  endedAt: number;
  promptTokens: number;
  generatedTokens: number;
  /**
   * Prompts that ran together in one batch with this one (itself included). Above 1 the prefill and every
   * step were shared: the wait for the first token is the batch's, and decode counts this row's own tokens
   * over its own time. Absent for a run alone.
   */
  batchRows?: number;
  /**
   * Prompts decoded in turns with this one (itself included), each row with its own cache, one forward pass
   * each in turn. Above 1 nothing was shared: this row's clock also ran through the other rows' steps, so its
   * first-token wait and decode rate include them. Absent for a run alone or a batch.
   */
  turnRows?: number;
  /**
   * Opening prompt tokens whose cache an earlier run left (engine/worker/prefixBlocks.ts): not read again, so the
   * prefill covered only the rest. Absent when none.
   */
  keptTokens?: number;
}

/**
 * How the rows of one request are stepped: as one padded batch (each step one forward pass for all rows), or
 * in turns (each row its own forward pass and cache, one after another). Both stream every row at once.
 */
export type Stepping = 'batch' | 'turns';

/**
 * What a request of several rows wants from its stepping: each row's text exactly as it would be alone (`alone`:
 * the panes, whose greedy text must not depend on the other modes), or the most rows per second (`throughput`:
 * an evaluation's questions, which accept that q8's per-batch activation scales nudge a row's numbers).
 */
export type BatchGoal = 'alone' | 'throughput';

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
