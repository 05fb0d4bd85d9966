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
import type { BatchGoal, DevicePreference, GenParams, LoadProgress, ModelRef } from '../../core/types.ts';
import { assertNever } from '../../core/assert.ts';
import type { Reply } from '../shared/protocol.ts';
import { backendInfo, type BackendInfo, type EngineStatus, type RunCallbacks, type RunResult } from './runTypes.ts';
import { browserWorker, type WorkerPort, type WorkerRole } from './workerPort.ts';
import { EngineCopies, type RunReply } from './engineCopies.svelte.ts';
import { chooseCopies, spreadRows } from '../shared/copies.ts';
import { isSmallModel } from '../shared/device.ts';

interface PendingRun {
  runId: string;
  /** The engine copy that runs it. */
  port: WorkerPort;
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
 * Owns the engine's workers: the main one, which loads the model and counts tokens, and the copies beside it that
 * let a run's panes each take a core (EngineCopies). Runs one generation (one prompt or a batch) at a time and
 * routes replies by runId.
 * The page drives it through the Engine coordinator (engine.svelte.ts), which queues the work.
 */
export class EngineClient {
  #status = $state<EngineStatus>('idle');
  #backend = $state<BackendInfo | null>(null);
  #error = $state<string | null>(null);
  #progress = new SvelteMap<string, LoadProgress>();
  #runningIds = $state.raw<readonly string[]>([]);
  #restartNotice = $state<string | null>(null);
  #restartsLeft = MAX_AUTO_RESTARTS;
  #lastLoad = $state.raw<{ model: ModelRef; device: DevicePreference } | null>(null);

  #worker: WorkerPort | null = null;
  readonly #copies = new EngineCopies();
  readonly #cores: number;
  #load: PendingLoad | null = null;
  /** The rows of the generation in progress (one for a single run), in the order they were asked for. */
  #runs: PendingRun[] = [];
  // Bookkeeping for pending replies, never rendered, so a plain Map.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #counts = new Map<string, PendingCount>();
  /** What the page last asked workers to keep (`keep`): a copy that loads later reads it too. */
  #keepPrompts: readonly string[] = [];
  #nextRun = 1;
  #nextCount = 1;
  readonly #createWorker: (role: WorkerRole) => WorkerPort;

  /** `cores` is the device's (navigator.hardwareConcurrency): with more than one, small models get copies. */
  constructor(
    createWorker: (role: WorkerRole) => WorkerPort = browserWorker,
    cores = typeof navigator === 'undefined' ? 1 : navigator.hardwareConcurrency
  ) {
    this.#createWorker = createWorker;
    this.#cores = cores;
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
  /** Workers ready to run panes side by side, the main one included (1 until its copies load). */
  get workers(): number {
    return this.#worker === null ? 0 : 1 + this.#copies.ready.length;
  }
  /** Whether copies are still loading (`workers` will grow). */
  get workersLoading(): boolean {
    return this.#copies.loading;
  }
  /** The first run still generating, or null. */
  get runningId(): string | null {
    return this.#runningIds[0] ?? null;
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
    const worker = this.#createWorker('main');
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
    const [done] = this.generateBatch([{ prompt, callbacks }], params);
    return done ?? Promise.reject(new EngineError('no run was started'));
  }

  /**
   * Generates the prompts together as one request to the worker, stepped as `goal` asks (BatchGoal). Each row is
   * a run with its own runId, streams to its own callbacks and settles its own promise; `interruptRow` stops one row.
   */
  generateBatch(
    rows: readonly { prompt: string; callbacks: RunCallbacks }[],
    params: GenParams,
    goal: BatchGoal = 'alone'
  ): Promise<RunResult>[] {
    const worker = this.#worker;
    const refuse = (err: EngineError): Promise<RunResult>[] => rows.map(() => Promise.reject(err));
    if (worker === null || this.#status !== 'ready') return refuse(new NotReadyError('the model is not loaded'));
    const busy = this.#runs[0];
    if (busy !== undefined) return refuse(new BusyError(`run ${busy.runId} is still generating`));
    // Rows spread over the copies: a run's panes one to a copy, an evaluation's batch in one part per copy.
    const ports = [worker, ...this.#copies.ready];
    const where = spreadRows(
      rows.map((r) => r.prompt.length),
      ports.length
    );
    const sent = rows.map((row, i) => ({
      ...row,
      runId: `run-${this.#nextRun++}`,
      port: ports[where[i] ?? 0] ?? worker
    }));
    const promises = sent.map(
      ({ runId, port, callbacks }) =>
        new Promise<RunResult>((resolve, reject) => this.#runs.push({ runId, port, callbacks, resolve, reject }))
    );
    this.#runningIds = sent.map((r) => r.runId);
    // Each row keeps its place in the whole request for its seeded draws, whichever worker runs it.
    for (const port of ports) {
      const runs = sent.flatMap(({ runId, prompt, port: p }, draw) => (p === port ? [{ runId, prompt, draw }] : []));
      const [first] = runs;
      if (runs.length === 1 && first !== undefined)
        port.post({
          type: 'generate',
          runId: first.runId,
          prompt: first.prompt,
          params: { ...params },
          draw: first.draw
        });
      else if (runs.length > 1) port.post({ type: 'generate-batch', runs, params: { ...params }, goal });
    }
    return promises;
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

  /**
   * Prompts the next runs will open with: every worker ready now, and each one as it becomes ready (after a reload
   * too), reads them while idle and keeps their openings (the `keep` request), so that the first run starts as later
   * ones do.
   */
  keep(prompts: readonly string[]): void {
    this.#keepPrompts = [...prompts];
    const worker = this.#worker;
    if (worker === null || this.#status !== 'ready') return;
    for (const port of [worker, ...this.#copies.ready]) this.#sendKeep(port);
  }

  #sendKeep(port: WorkerPort): void {
    if (this.#keepPrompts.length > 0) port.post({ type: 'keep', prompts: [...this.#keepPrompts] });
  }

  /** Stops every row of the current generation; each partial text arrives in its `done` with `stopped: true`. */
  interrupt(): void {
    for (const run of this.#runs) run.port.post({ type: 'interrupt', runId: run.runId });
  }

  /** Stops row `index` of the current generation alone; the other rows go on. */
  interruptRow(index: number): void {
    const run = this.#runs[index];
    if (run !== undefined && this.#runningIds.includes(run.runId))
      run.port.post({ type: 'interrupt', runId: run.runId });
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
        const info = backendInfo(reply);
        this.#backend = info;
        this.#status = 'ready';
        this.#load?.resolve(info);
        this.#load = null;
        if (this.#worker !== null) this.#sendKeep(this.#worker);
        this.#startCopies(info);
        break;
      }
      case 'prompt':
        this.#live(reply.runId)?.callbacks.onPrompt?.(reply.promptTokens);
        break;
      case 'tokens':
        // Tokens of a run that already ended, or of a restarted engine, are dropped here.
        this.#live(reply.runId)?.callbacks.onToken?.(reply.text, reply.at, reply.tokens ?? []);
        break;
      case 'done': {
        const run = this.#live(reply.runId);
        if (run === undefined) break;
        this.#endRun(run.runId);
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
          const run = this.#live(reply.runId);
          if (run === undefined) break;
          this.#endRun(run.runId);
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

  #startCopies(info: BackendInfo): void {
    const model = this.#lastLoad?.model;
    if (model === undefined) return;
    const count = chooseCopies({
      device: info.device,
      smallModel: isSmallModel(model),
      cores: this.#cores,
      threads: info.threads
    });
    if (count < 2) return;
    this.#copies.start(
      count - 1,
      model,
      info.dtype,
      () => this.#createWorker('copy'),
      (reply: RunReply) => this.#onReply(reply),
      (port, message) => {
        for (const run of this.#runs.filter((r) => r.port === port && this.#runningIds.includes(r.runId))) {
          this.#endRun(run.runId);
          run.reject(new WorkerCrashedError(message));
        }
      },
      (port) => this.#sendKeep(port)
    );
  }

  /** The row `runId` if it is still generating. */
  #live(runId: string): PendingRun | undefined {
    return this.#runningIds.includes(runId) ? this.#runs.find((r) => r.runId === runId) : undefined;
  }

  /** Ends one row; the generation is over (and the client free) when its last row has ended. */
  #endRun(runId: string): void {
    this.#runningIds = this.#runningIds.filter((id) => id !== runId);
    if (this.#runningIds.length === 0) this.#runs = [];
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
    this.#copies.stop();
    const runs = this.#runs.filter((r) => this.#runningIds.includes(r.runId));
    const load = this.#load;
    const counts = [...this.#counts.values()];
    this.#runs = [];
    this.#runningIds = [];
    this.#load = null;
    this.#counts.clear();
    for (const run of runs) run.reject(reason);
    load?.reject(reason);
    for (const c of counts) c.reject(reason);
  }
}
