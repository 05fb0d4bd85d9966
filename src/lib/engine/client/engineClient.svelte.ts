import { SvelteMap } from 'svelte/reactivity';
import { mergeProgress, type ProgressSummary } from '../../stats/index.ts';
import {
  BusyError,
  CancelledError,
  EngineError,
  NotReadyError,
  WorkerCrashedError,
  errorFromWire
} from '../shared/errors.ts';
import type { DevicePreference, GenParams, LoadProgress, ModelRef, RunTimings } from '../../core/types.ts';
import { assertNever } from '../../core/assert.ts';
import type { Reply } from '../shared/protocol.ts';
import { browserWorker, type WorkerPort } from './workerPort.ts';

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
  /** The text of `at.length` tokens, with each token's worker time. */
  onToken?: (text: string, at: readonly number[]) => void;
}

interface PendingRun {
  runId: string;
  callbacks: RunCallbacks;
  resolve: (r: RunResult) => void;
  reject: (e: EngineError) => void;
}

interface PendingCount {
  resolve: (tokens: number[]) => void;
  reject: (e: EngineError) => void;
}

interface PendingLoad {
  resolve: (info: BackendInfo) => void;
  reject: (e: EngineError) => void;
}

/**
 * Crashes in a row, with no successful run between them, that are answered by a fresh worker; past
 * that the engine stays in its error state so a broken environment cannot restart in a loop.
 */
export const MAX_AUTO_RESTARTS = 2;

/**
 * Owns the one engine worker: loads the model, runs one generation at a time, routes replies by runId.
 * The page drives it through the Engine coordinator (engine.svelte.ts), which queues the work.
 */
export class EngineClient {
  #status = $state<EngineStatus>('idle');
  #backend = $state<BackendInfo | null>(null);
  #error = $state<string | null>(null);
  #progress = new SvelteMap<string, LoadProgress>();
  #runningId = $state<string | null>(null);
  #restartNotice = $state<string | null>(null);
  #restartsLeft = MAX_AUTO_RESTARTS;
  #lastLoad = $state.raw<{ model: ModelRef; device: DevicePreference } | null>(null);

  #worker: WorkerPort | null = null;
  #load: PendingLoad | null = null;
  #run: PendingRun | null = null;
  // Bookkeeping for pending replies, never rendered, so a plain Map.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #counts = new Map<string, PendingCount>();
  #nextRun = 1;
  #nextCount = 1;
  readonly #createWorker: () => WorkerPort;

  constructor(createWorker: () => WorkerPort = browserWorker) {
    this.#createWorker = createWorker;
  }

  get status(): EngineStatus {
    return this.#status;
  }
  get backend(): BackendInfo | null {
    return this.#backend;
  }
  get error(): string | null {
    return this.#error;
  }
  get progress(): ProgressSummary {
    return mergeProgress(this.#progress);
  }
  /** The device preference the last load asked for; null before any load. */
  get loadedDevice(): DevicePreference | null {
    return this.#lastLoad?.device ?? null;
  }
  get runningId(): string | null {
    return this.#runningId;
  }
  /** Fallbacks the last load took, and a restart after a crash: what the user should know. */
  get notices(): readonly string[] {
    const fromLoad = this.#backend?.notices ?? [];
    return this.#restartNotice === null ? fromLoad : [this.#restartNotice, ...fromLoad];
  }

  /** A fresh worker per load: switching WebGPU/WASM must not inherit the previous ORT environment. */
  load(model: ModelRef, device: DevicePreference): Promise<BackendInfo> {
    this.#restartsLeft = MAX_AUTO_RESTARTS;
    return this.#start(model, device);
  }

  #start(model: ModelRef, device: DevicePreference): Promise<BackendInfo> {
    this.#shutdown(new CancelledError('the model was reloaded'));
    this.#lastLoad = { model, device };
    this.#restartNotice = null;
    const worker = this.#createWorker();
    this.#worker = worker;
    worker.listen(
      (reply) => {
        if (this.#worker === worker) this.#onReply(reply);
      },
      (message) => {
        if (this.#worker === worker) this.#crash(message);
      }
    );
    this.#status = 'loading';
    this.#error = null;
    this.#backend = null;
    this.#progress.clear();
    const done = new Promise<BackendInfo>((resolve, reject) => {
      this.#load = { resolve, reject };
    });
    worker.post({ type: 'load', model: $state.snapshot(model), device });
    return done;
  }

  generate(prompt: string, params: GenParams, callbacks: RunCallbacks = {}): Promise<RunResult> {
    const worker = this.#worker;
    if (worker === null || this.#status !== 'ready')
      return Promise.reject(new NotReadyError('the model is not loaded'));
    if (this.#run !== null) return Promise.reject(new BusyError(`run ${this.#run.runId} is still generating`));
    const runId = `run-${this.#nextRun++}`;
    const done = new Promise<RunResult>((resolve, reject) => {
      this.#run = { runId, callbacks, resolve, reject };
    });
    this.#runningId = runId;
    worker.post({ type: 'generate', runId, prompt, params: { ...params } });
    return done;
  }

  /** Token counts of `texts` with the model's tokenizer (BOS included, as in a run). */
  countTokens(texts: readonly string[]): Promise<number[]> {
    const worker = this.#worker;
    if (worker === null || this.#status !== 'ready')
      return Promise.reject(new NotReadyError('the model is not loaded'));
    const runId = `count-${this.#nextCount++}`;
    const done = new Promise<number[]>((resolve, reject) => {
      this.#counts.set(runId, { resolve, reject });
    });
    worker.post({ type: 'count', runId, texts: [...texts] });
    return done;
  }

  /** Stops the current run; its partial text arrives in its `done` with `stopped: true`. */
  interrupt(): void {
    const run = this.#run;
    if (run !== null) this.#worker?.post({ type: 'interrupt', runId: run.runId });
  }

  dispose(): void {
    this.#shutdown(new WorkerCrashedError('the engine was shut down'));
    this.#status = 'idle';
  }

  #onReply(reply: Reply): void {
    switch (reply.type) {
      case 'progress':
        this.#progress.set(reply.info.file, reply.info);
        break;
      case 'ready': {
        const info: BackendInfo = {
          device: reply.device,
          dtype: reply.dtype,
          threads: reply.threads,
          loadMs: reply.loadMs,
          webgpuAdapter: reply.webgpuAdapter,
          contextTokens: reply.contextTokens,
          notices: reply.notices,
          modelCached: reply.modelCached,
          runtimeFiles: reply.runtimeFiles
        };
        this.#backend = info;
        this.#status = 'ready';
        this.#load?.resolve(info);
        this.#load = null;
        break;
      }
      case 'prompt':
        if (this.#run?.runId === reply.runId) this.#run.callbacks.onPrompt?.(reply.promptTokens);
        break;
      case 'tokens':
        // Tokens of a run that already ended, or of a restarted engine, are dropped here.
        if (this.#run?.runId === reply.runId) this.#run.callbacks.onToken?.(reply.text, reply.at);
        break;
      case 'done': {
        const run = this.#run;
        if (run?.runId !== reply.runId) break;
        this.#endRun();
        this.#restartsLeft = MAX_AUTO_RESTARTS;
        run.resolve({ runId: reply.runId, text: reply.text, timings: reply.timings, stopped: reply.stopped });
        break;
      }
      case 'counted': {
        const pending = this.#counts.get(reply.runId);
        this.#counts.delete(reply.runId);
        pending?.resolve(reply.tokens);
        break;
      }
      case 'error': {
        if (reply.name === 'EngineFatalError') {
          this.#crash(reply.message);
          break;
        }
        const err = errorFromWire(reply.name, reply.message);
        const count = reply.runId === undefined ? undefined : this.#counts.get(reply.runId);
        if (reply.runId !== undefined && count !== undefined) {
          this.#counts.delete(reply.runId);
          count.reject(err);
          break;
        }
        if (reply.runId !== undefined) {
          const run = this.#run;
          if (run?.runId !== reply.runId) break;
          this.#endRun();
          run.reject(err);
          break;
        }
        this.#status = 'error';
        this.#error = `${err.name}: ${err.message}`;
        this.#load?.reject(err);
        this.#load = null;
        break;
      }
      default:
        assertNever(reply);
    }
  }

  #endRun(): void {
    this.#run = null;
    this.#runningId = null;
  }

  /**
   * A dead or unusable worker fails what was pending. If the model had loaded, a fresh worker loads it
   * again with the same settings (the page's question and prompts live outside the engine and are kept).
   */
  #crash(message: string): void {
    const err = new WorkerCrashedError(message);
    const wasReady = this.#status === 'ready';
    this.#shutdown(err);
    const last = this.#lastLoad;
    if (wasReady && last !== null && this.#restartsLeft > 0) {
      this.#restartsLeft -= 1;
      this.#start(last.model, last.device).catch(() => {
        // The failed reload is in `error` for the load panel.
      });
      this.#restartNotice = `The engine stopped (${message}) and was restarted with the same settings.`;
      return;
    }
    this.#status = 'error';
    this.#error = `${err.name}: ${err.message}`;
  }

  #shutdown(reason: EngineError): void {
    this.#worker?.terminate();
    this.#worker = null;
    const run = this.#run;
    const load = this.#load;
    const counts = [...this.#counts.values()];
    this.#endRun();
    this.#load = null;
    this.#counts.clear();
    run?.reject(reason);
    load?.reject(reason);
    for (const c of counts) c.reject(reason);
  }
}
