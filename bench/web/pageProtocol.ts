/** Messages between the benchmark page and its bare-ORT worker; the app's own worker speaks the app protocol. */
import type { Device, Dtype } from '$lib/core/types.ts';

export interface BareLoad {
  type: 'load';
  /** Absolute URL of the model folder, ending in `/`. */
  modelUrl: string;
  dtype: Dtype;
  device: Device;
  threads: number;
}

export interface BareGenerate {
  type: 'generate';
  runId: string;
  ids: number[];
  maxNewTokens: number;
  eosTokenId: number;
}

export type BareRequest = BareLoad | BareGenerate;

/** Worker-clock milliseconds; one `token` time per generated token, collected, not posted one by one. */
export interface BareTimings {
  startedAt: number;
  tokenAt: number[];
  endedAt: number;
}

export type BareReply =
  | { type: 'ready'; threads: number; loadMs: number }
  | { type: 'done'; runId: string; ids: number[]; timings: BareTimings }
  | { type: 'error'; runId?: string; message: string };
