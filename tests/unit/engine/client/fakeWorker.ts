import type { WorkerPort } from '$lib/engine/client/workerPort.ts';
import type { Reply, Request } from '$lib/engine/shared/protocol.ts';

/** Records what the client posts and lets a test answer as the worker would. */
export class FakeWorker implements WorkerPort {
  readonly posted: Request[] = [];
  terminated = false;
  #onReply: ((r: Reply) => void) | null = null;
  #onCrash: ((m: string) => void) | null = null;

  post(request: Request): void {
    this.posted.push(structuredClone(request));
  }
  listen(onReply: (r: Reply) => void, onCrash: (m: string) => void): void {
    this.#onReply = onReply;
    this.#onCrash = onCrash;
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(r: Reply): void {
    this.#onReply?.(r);
  }
  crash(message: string): void {
    this.#onCrash?.(message);
  }
}
