import type {
  BatchGoal,
  Device,
  DevicePreference,
  Dtype,
  GenParams,
  LoadProgress,
  LoadTimings,
  ModelRef,
  RunTimings,
  Stepping,
  TokenInfo
} from '../../core/types.ts';

/** A row of a `generate-batch`; `draw` as in `generate` (default: its place in `runs`). */
export interface BatchRun {
  runId: string;
  prompt: string;
  draw?: number;
}

/**
 * Every message between the page and the engine worker: one union each way. Every run carries a
 * `runId` and ends in exactly one `done` or `error`; times come from the worker's clock.
 */
export type Request =
  /**
   * `threads` overrides the default count of ORT's WASM threads (the benchmark compares 1 and 2). `warmUpRuns`
   * (default 1) short generations before `ready`: an engine copy, which no one waits for, warms up longer so that
   * its first pane does not run on WebAssembly not yet optimised.
   */
  | { type: 'load'; model: ModelRef; device: DevicePreference; threads?: number; warmUpRuns?: number }
  /**
   * `draw`: which of a request's rows this is, for its seeded draws (GenParams.seed); the page's request may have
   * been split over several workers, and a row must draw the same numbers whichever worker runs it. Default 0.
   */
  | { type: 'generate'; runId: string; prompt: string; params: GenParams; draw?: number }
  /**
   * Several prompts generated together, streaming at once (as one batch or in turns, as the `ready` reply's
   * `stepping` says for the request's goal); each row is a run of its own, with its own replies and its own `done`
   * or `error`, and an `interrupt` of its runId stops that row alone.
   */
  | { type: 'generate-batch'; runs: BatchRun[]; params: GenParams; goal: BatchGoal }
  | { type: 'interrupt'; runId: string }
  /**
   * Prompts the next runs will open with (the few-shot exemplars): on WASM a worker that is not generating reads
   * them and keeps their openings' blocks (prefixBlocks.ts), so that the first run starts from them as later runs
   * do. A hint with no reply: a run computes the same with or without it, and one that arrives meanwhile waits.
   */
  | { type: 'keep'; prompts: string[] }
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
      /** Why Auto chose this device, for the header; null when the user named the device. */
      autoReason: string | null;
      /** How the rows of a `generate-batch` step on this backend, by the request's goal (device.ts, chooseStepping). */
      stepping: Record<BatchGoal, Stepping>;
      /** What the user should know about this load: a fallback taken, a cache that could not be used. */
      notices: string[];
      /** The model's files are in the browser's cache, so the next visit (and an offline one) reads them there. */
      modelCached: boolean;
      /** The ONNX Runtime files this load used (site paths): an offline copy must keep them. */
      runtimeFiles: string[];
    }
  | { type: 'prompt'; runId: string; promptTokens: number; at: number }
  /**
   * The text of `at.length` generated tokens (streamed in groups), with each token's time; `tokens` holds each
   * one's probability and alternatives when the run asked for them (`GenParams.alternatives`), else nothing.
   */
  | { type: 'tokens'; runId: string; text: string; at: number[]; tokens?: TokenInfo[] }
  | { type: 'done'; runId: string; text: string; timings: RunTimings; stopped: boolean }
  | { type: 'counted'; runId: string; tokens: number[] }
  | { type: 'error'; runId?: string; name: string; message: string };
