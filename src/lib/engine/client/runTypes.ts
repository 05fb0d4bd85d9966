import type { RunTimings, TokenInfo } from '../../core/types.ts';
import type { Reply } from '../shared/protocol.ts';

/* The engine's types the page reads: its status, the loaded backend, a run's result and its callbacks. */

export type EngineStatus = 'idle' | 'loading' | 'ready' | 'error';

/** What the worker's `ready` reply says about the loaded backend: one definition, in the protocol. */
export type BackendInfo = Readonly<Omit<Extract<Reply, { type: 'ready' }>, 'type'>>;

export interface RunResult {
  runId: string;
  text: string;
  timings: RunTimings;
  stopped: boolean;
}

export interface RunCallbacks {
  onPrompt?: (promptTokens: number) => void;
  /**
   * The text of `at.length` tokens, with each token's worker time, and each one's probability and alternatives
   * when the run asked for them (empty otherwise).
   */
  onToken?: (text: string, at: readonly number[], tokens: readonly TokenInfo[]) => void;
}

/** The backend facts of a `ready` reply, without its message type. */
export function backendInfo(reply: Extract<Reply, { type: 'ready' }>): BackendInfo {
  return {
    device: reply.device,
    dtype: reply.dtype,
    threads: reply.threads,
    loadMs: reply.loadMs,
    webgpuAdapter: reply.webgpuAdapter,
    contextTokens: reply.contextTokens,
    autoReason: reply.autoReason,
    stepping: reply.stepping,
    notices: reply.notices,
    modelCached: reply.modelCached,
    runtimeFiles: reply.runtimeFiles
  };
}
