import type { Reply, Request } from '../shared/protocol.ts';

/** The page's view of a worker: enough for the real Worker and for a fake one in tests. */
export interface WorkerPort {
  post(request: Request): void;
  listen(onReply: (reply: Reply) => void, onCrash: (message: string) => void): void;
  terminate(): void;
}

export function browserWorker(): WorkerPort {
  // Vite only bundles a worker written exactly as `new Worker(new URL(..., import.meta.url))`; it is never mutated.
  const worker = new Worker(new URL('../worker/worker.ts', import.meta.url), {
    type: 'module',
    name: 'think-small-engine'
  });
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
