/** What the benchmark page offers the Playwright driver, shared by both sides. */
import type { Device, Dtype, RunTimings } from '$lib/core/types.ts';

export const ENGINES = ['app', 'bare'] as const;
export type Engine = (typeof ENGINES)[number];

export interface LoadOptions {
  dtype: Dtype;
  device: Device;
  threads: number;
}

export interface LoadResult {
  /** Page clock, from creating the worker to its ready reply (warm-up generation included). */
  loadMs: number;
  threads: number;
}

export interface GenerateOptions {
  prompt: string;
  /** The prompt's ids, for the bare loop (the app tokenizes `prompt` itself). */
  ids: number[];
  maxNewTokens: number;
  eosTokenId: number;
}

/** Worker-clock milliseconds. */
export interface RunResult {
  startedAt: number;
  tokenAt: number[];
  endedAt: number;
  promptTokens: number;
  /** The app's text, or the bare loop's ids; the driver checks both decoded the same tokens. */
  text: string | null;
  ids: number[] | null;
  /**
   * CPU time the run cost, all threads (filled in by the driver, outside the page). Unlike wall time it
   * barely moves when other processes compete for the cores, so app ÷ bare in CPU time is the steadier ratio.
   */
  cpuMs?: number;
}

/** The app engine's run, in the bench's terms (the page worker and the Node child both report it). */
export function appRunResult(timings: RunTimings, tokenAt: number[], text: string): RunResult {
  const { startedAt, endedAt, promptTokens } = timings;
  return { startedAt, tokenAt, endedAt, promptTokens, text, ids: null };
}

export interface BenchApi {
  load(engine: Engine, options: LoadOptions): Promise<LoadResult>;
  generate(engine: Engine, options: GenerateOptions): Promise<RunResult>;
  unload(engine: Engine): void;
  /** Bytes per worker (JS heap and WASM memory), from `performance.measureUserAgentSpecificMemory`. */
  memory(): Promise<Record<Engine, number | null>>;
}

declare global {
  interface Window {
    thinkSmallBench: BenchApi;
  }
}
