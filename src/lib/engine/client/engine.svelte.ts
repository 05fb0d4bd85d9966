import type { DevicePreference, GenParams, ModelRef } from '../../core/types.ts';
import type { ChatPrompting, PromptFormat } from '../../prompts/index.ts';
import type { ProgressSummary } from '../../stats/index.ts';
import { CancelledError } from '../shared/errors.ts';
import { EngineClient } from './engineClient.svelte.ts';
import type { BackendInfo, EngineStatus, RunCallbacks, RunResult } from './runTypes.ts';
import type { WorkerPort } from './workerPort.ts';

/** What the page knows about the model the engine runs (or is loading): one place, read by every panel and export. */
export interface ModelFacts {
  ref: ModelRef;
  /** A display name (a catalog label); null shows the id. */
  label: string | null;
  /** Counted from the model's own config.json; null when its architecture is not one we can count. */
  parameters: number | null;
  /** The prompt formats runs use; null until the bundled model's prompts.json has loaded. */
  format: PromptFormat | null;
  /** The chat template prompts go through, or null for Q/A text. */
  chat: ChatPrompting | null;
}

/** Who submitted a piece of work: a stop or a cancel reaches only its own owner's work. */
export type JobOwner = 'run' | 'evaluation';

interface JobRow {
  prompt: string;
  callbacks: RunCallbacks;
  resolve: (result: RunResult) => void;
  reject: (err: unknown) => void;
}

/** One generation: a single prompt or several stepped together as a batch. */
interface Job {
  owner: JobOwner;
  params: GenParams;
  rows: JobRow[];
  /** Why it was cancelled while running: its results are then refused with this reason. */
  cancelled: string | null;
}

/** Prompts submitted together: one result per prompt, in order, and a stop for each. */
export interface BatchHandle {
  results: Promise<RunResult>[];
  /** Stops one row: before the batch starts it is dropped (CancelledError), while running it ends as stopped. */
  stop(index: number): void;
}

const SWITCH_CANCEL_MESSAGE = 'Cancelled when a model was loaded';

/**
 * The one owner of the engine. Every generation (a live run's modes, alone or together; an evaluation's
 * items) is queued here and runs in order; a model switch cancels everything queued or running, then loads.
 * It also holds the loaded model's facts. Token counts are light (tokenizing only): they go to the
 * loaded model at once instead of waiting behind generations.
 */
export class Engine {
  readonly #client: EngineClient;
  #model: ModelFacts;
  #queue: Job[] = [];
  #current: Job | null = null;
  /** Settles when the current job has ended; a switch waits for it so no late token reaches a reset pane. */
  #currentEnded: Promise<void> = Promise.resolve();
  #owners = $state.raw<readonly JobOwner[]>([]);
  #switchListeners: ((model: ModelFacts) => void)[] = [];

  constructor(model: ModelFacts, createWorker?: () => WorkerPort, cores?: number) {
    this.#model = $state.raw(model);
    this.#client = new EngineClient(createWorker, cores);
  }

  get model(): ModelFacts {
    return this.#model;
  }
  get status(): EngineStatus {
    return this.#client.status;
  }
  get backend(): BackendInfo | null {
    return this.#client.backend;
  }
  get error(): string | null {
    return this.#client.error;
  }
  get progress(): ProgressSummary {
    return this.#client.progress;
  }
  get notices(): readonly string[] {
    return this.#client.notices;
  }
  get loadedDevice(): DevicePreference | null {
    return this.#client.loadedDevice;
  }
  /** Workers that run a run's panes side by side, the main one included (EngineClient.workers). */
  get workers(): number {
    return this.#client.workers;
  }
  get workersLoading(): boolean {
    return this.#client.workersLoading;
  }
  /** Whether any work is queued or running. */
  get busy(): boolean {
    return this.#owners.length > 0;
  }
  /** Whether `owner` has work queued or running. */
  busyWith(owner: JobOwner): boolean {
    return this.#owners.includes(owner);
  }

  /** Called after a switch has cancelled the old model's work and before the new model loads. */
  onSwitch(listener: (model: ModelFacts) => void): void {
    this.#switchListeners.push(listener);
  }

  /** Facts learnt about the current model after it was chosen (the bundled model's prompts.json and config). */
  learn(ref: ModelRef, patch: Partial<Omit<ModelFacts, 'ref'>>): void {
    if (this.#model.ref === ref) this.#model = { ...this.#model, ...patch };
  }

  /** Queues one generation; it starts when everything before it has ended. */
  generate(owner: JobOwner, prompt: string, params: GenParams, callbacks: RunCallbacks = {}): Promise<RunResult> {
    const [result] = this.generateTogether(owner, [{ prompt, callbacks }], params).results;
    return result ?? Promise.reject(new CancelledError('nothing to generate'));
  }

  /** Queues prompts to be generated together, as one batch, when everything before them has ended. */
  generateTogether(
    owner: JobOwner,
    prompts: readonly { prompt: string; callbacks: RunCallbacks }[],
    params: GenParams
  ): BatchHandle {
    const job: Job = { owner, params, rows: [], cancelled: null };
    const results = prompts.map(
      ({ prompt, callbacks }) =>
        new Promise<RunResult>((resolve, reject) => job.rows.push({ prompt, callbacks, resolve, reject }))
    );
    const rows = [...job.rows];
    this.#queue.push(job);
    this.#syncOwners();
    this.#next();
    return { results, stop: (index) => this.#stopRow(job, rows[index]) };
  }

  /** Token counts with the loaded model's tokenizer. */
  countTokens(texts: readonly string[]): Promise<number[]> {
    return this.#client.countTokens(texts);
  }

  /**
   * Prompts the next runs will open with (the few-shot exemplars): each worker reads and keeps their openings while
   * idle, so that the first run after a load starts from them as later runs do. Nothing is queued: a hint only.
   */
  keep(prompts: readonly string[]): void {
    this.#client.keep(prompts);
  }

  /** Stops `owner`'s running generation (its partial text comes back with `stopped: true`); queued work stays. */
  interrupt(owner: JobOwner): void {
    if (this.#current?.owner === owner) this.#client.interrupt();
  }

  /** Cancels `owner`'s queued work (rejected with CancelledError) and stops its running generation. */
  cancel(owner: JobOwner, reason = 'Cancelled'): void {
    this.#dropQueued((job) => job.owner === owner, reason);
    const current = this.#current;
    if (current?.owner === owner) {
      current.cancelled = reason;
      this.#client.interrupt();
    }
  }

  /**
   * Cancels all work, stops the running generation and waits for its end (so none of its tokens can
   * reach what the listeners reset for the new model), then loads `model`.
   */
  async switchTo(model: ModelFacts, device: DevicePreference): Promise<void> {
    this.#dropQueued(() => true, SWITCH_CANCEL_MESSAGE);
    const current = this.#current;
    if (current !== null) {
      current.cancelled = SWITCH_CANCEL_MESSAGE;
      this.#client.interrupt();
      await this.#currentEnded;
    }
    this.#model = model;
    for (const listener of this.#switchListeners) listener(model);
    try {
      await this.#client.load(model.ref, device);
    } catch {
      // The client keeps the message in `error` for the load panel.
    }
  }

  /**
   * Loads the current model again (another device, or after an error). The old worker goes at once, so
   * its running generation ends with a CancelledError; prompts and panes are the page's and stay.
   */
  async reload(device: DevicePreference): Promise<void> {
    this.#dropQueued(() => true, SWITCH_CANCEL_MESSAGE);
    if (this.#current !== null) this.#current.cancelled = SWITCH_CANCEL_MESSAGE;
    try {
      await this.#client.load(this.#model.ref, device);
    } catch {
      // The client keeps the message in `error` for the load panel.
    }
  }

  dispose(): void {
    this.#dropQueued(() => true, 'the engine was shut down');
    this.#client.dispose();
  }

  #stopRow(job: Job, row: JobRow | undefined): void {
    if (row === undefined) return;
    const index = job.rows.indexOf(row);
    if (index === -1) return;
    if (this.#current === job) {
      this.#client.interruptRow(index);
      return;
    }
    job.rows.splice(index, 1);
    row.reject(new CancelledError('Stopped before it started'));
    if (job.rows.length === 0) this.#dropQueued((j) => j === job, 'Stopped before it started');
  }

  #next(): void {
    if (this.#current !== null) return;
    const job = this.#queue.shift();
    if (job === undefined) return;
    this.#current = job;
    // An evaluation's rows only need their answers; a run's panes need each row's text as it would be alone.
    const results = this.#client.generateBatch(
      job.rows,
      job.params,
      job.owner === 'evaluation' ? 'throughput' : 'alone'
    );
    const settled = results.map((result, i) => {
      const row = job.rows[i];
      return result.then(
        (r) => (job.cancelled === null ? row?.resolve(r) : row?.reject(new CancelledError(job.cancelled))),
        (err: unknown) => row?.reject(job.cancelled === null ? err : new CancelledError(job.cancelled))
      );
    });
    this.#currentEnded = Promise.all(settled).then(() => {
      this.#current = null;
      this.#syncOwners();
      this.#next();
    });
  }

  #dropQueued(which: (job: Job) => boolean, reason: string): void {
    const dropped = this.#queue.filter(which);
    this.#queue = this.#queue.filter((job) => !which(job));
    for (const job of dropped) for (const row of job.rows) row.reject(new CancelledError(reason));
    this.#syncOwners();
  }

  #syncOwners(): void {
    const jobs = this.#current === null ? this.#queue : [this.#current, ...this.#queue];
    const owners = jobs.map((j) => j.owner);
    this.#owners = owners.filter((owner, i) => owners.indexOf(owner) === i);
  }
}
