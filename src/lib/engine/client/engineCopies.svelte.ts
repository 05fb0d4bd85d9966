import type { Dtype, ModelRef } from '../../core/types.ts';
import { assertNever } from '../../core/assert.ts';
import type { Reply } from '../shared/protocol.ts';
import type { WorkerPort } from './workerPort.ts';

/** The replies that belong to a run, whichever copy ran it. */
export type RunReply = Extract<Reply, { type: 'prompt' | 'tokens' | 'done' | 'error' }>;

/**
 * Warm-up generations a copy runs before it takes rows: WebAssembly code is optimised as it runs (the first run
 * after a load decoded at about a third of the steady speed, BENCHMARKS.md), and a copy loads while no one waits.
 */
export const COPY_WARM_UP_RUNS = 6;

interface Copy {
  port: WorkerPort;
  ready: boolean;
}

/**
 * The engine copies beside the main worker (shared/copies.ts says why and how many), owned by the EngineClient
 * that owns the main one: a run's panes, or the parts of an evaluation's batch, go to them. Each loads the same
 * model on WASM with one thread once the main copy is ready; one that fails to load, loads another dtype (its text
 * would differ) or crashes is dropped, and runs go on without it.
 */
export class EngineCopies {
  #copies = $state.raw<readonly Copy[]>([]);

  /** Whether a copy is still loading. */
  get loading(): boolean {
    return this.#copies.some((c) => !c.ready);
  }
  /** The copies ready to take rows. */
  get ready(): WorkerPort[] {
    return this.#copies.filter((c) => c.ready).map((c) => c.port);
  }

  /**
   * Starts `count` copies of `model` as `dtype`. Their run replies go to `onRun`; `onLost` hears of a copy that
   * stopped, so that the rows it was running fail; `onReady` of one that has loaded and takes rows from now on.
   */
  start(
    count: number,
    model: ModelRef,
    dtype: Dtype,
    create: () => WorkerPort,
    onRun: (reply: RunReply) => void,
    onLost: (port: WorkerPort, message: string) => void,
    onReady: (port: WorkerPort) => void = () => {}
  ): void {
    this.stop();
    const copies = Array.from({ length: count }, () => ({ port: create(), ready: false }));
    this.#copies = copies;
    for (const copy of copies) {
      const lose = (message: string): void => {
        if (!this.#copies.includes(copy)) return;
        copy.port.terminate();
        this.#copies = this.#copies.filter((c) => c !== copy);
        onLost(copy.port, message);
      };
      copy.port.listen(
        (reply) => {
          if (!this.#copies.includes(copy)) return;
          switch (reply.type) {
            case 'ready':
              if (reply.device === 'wasm' && reply.dtype === dtype) {
                copy.ready = true;
                this.#copies = [...this.#copies];
                onReady(copy.port);
              } else lose(`a copy loaded ${reply.device}/${reply.dtype}, not wasm/${dtype}`);
              break;
            case 'error':
              if (reply.runId === undefined || reply.name === 'EngineFatalError') lose(reply.message);
              else onRun(reply);
              break;
            case 'prompt':
            case 'tokens':
            case 'done':
              onRun(reply);
              break;
            case 'progress':
            case 'counted':
              break;
            default:
              assertNever(reply);
          }
        },
        (message) => lose(message)
      );
      copy.port.post({
        type: 'load',
        model: $state.snapshot(model),
        device: 'wasm',
        threads: 1,
        warmUpRuns: COPY_WARM_UP_RUNS
      });
    }
  }

  stop(): void {
    for (const { port } of this.#copies) port.terminate();
    this.#copies = [];
  }
}
