/** IPC between the benchmark driver and a Node child that hosts one engine (one process each, so peak RSS is its own). */
import type { Dtype } from '$lib/core/types.ts';
import type { GenerateOptions, LoadResult, RunResult } from '../web/api.ts';

/** `app`: transformers.js on onnxruntime-node through the engine's generate; `bare`: the bare loop on onnxruntime-node;
 * `bare-web`: the bare loop on onnxruntime-web's WASM kernels inside Node, one thread (the browser's CPU path). */
export const NODE_ENGINES = ['app', 'bare', 'bare-web'] as const;
export type NodeEngine = (typeof NODE_ENGINES)[number];

export type ChildRequest =
  | { type: 'load'; id: number; dtype: Dtype }
  | { type: 'generate'; id: number; options: GenerateOptions }
  | { type: 'memory'; id: number };

export type ChildReply =
  | { type: 'loaded'; id: number; result: LoadResult }
  | { type: 'generated'; id: number; result: RunResult }
  | { type: 'memory'; id: number; peakRssBytes: number }
  | { type: 'error'; id: number; message: string };
