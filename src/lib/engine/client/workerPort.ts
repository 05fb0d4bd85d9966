import type { Reply, Request } from '../shared/protocol.ts';

/** The page's view of a worker: enough for the real Worker and for a fake one in tests. */
export interface WorkerPort {
  post(request: Request): void;
  listen(onReply: (reply: Reply) => void, onCrash: (message: string) => void): void;
  terminate(): void;
}

/** The main worker loads the model first and counts tokens; copies (EngineCopies) run rows beside it. */
export type WorkerRole = 'main' | 'copy';

/**
 * A worker for `role`: the same script, named apart so that a profile or a test can tell them apart. Vite only
 * bundles a worker written exactly as `new Worker(new URL(..., import.meta.url))` with static options.
 */
export function browserWorker(role: WorkerRole = 'main'): WorkerPort {
  return port(
    role === 'main'
      ? new Worker(new URL('../worker/worker.ts', import.meta.url), { type: 'module', name: 'think-small-engine' })
      : new Worker(new URL('../worker/worker.ts', import.meta.url), { type: 'module', name: 'think-small-engine-copy' })
  );
}

function port(worker: Worker): WorkerPort {
  return {
    post: (request) => worker.postMessage(request),
    listen(onReply, onCrash) {
      worker.onmessage = (ev: MessageEvent<Reply>) => onReply(ev.data);
      worker.onerror = (ev: ErrorEvent) => {
        ev.preventDefault();
        onCrash(ev.message || 'the engine worker failed to start');
      };
      worker.onmessageerror = () => onCrash('a message from the engine worker could not be read');
    },
    terminate: () => worker.terminate()
  };
}
