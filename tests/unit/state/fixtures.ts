import { STUDENT_FORMAT } from '../../../models/recipe/format.ts';
import type { DevicePreference, ModelRef } from '$lib/core/types.ts';
import type { Reply } from '$lib/engine/shared/protocol.ts';
import { AppState } from '$lib/state/appState.svelte.ts';
import { RunState } from '$lib/state/runState.svelte.ts';
import { FakeWorker } from '../engine/client/fakeWorker.ts';

/** The student's prompt formats with one short exemplar, as a loaded prompts.json. */
export const format = {
  ...STUDENT_FORMAT,
  exemplars: [{ question: 'What is 2 plus 3?', rationale: '2 + 3 = 5. The answer is 5.', answer: '5' }]
};

/** The worker's answer to a load on WASM. */
export const ready: Extract<Reply, { type: 'ready' }> = {
  type: 'ready',
  device: 'wasm',
  dtype: 'q8',
  threads: 1,
  loadMs: { downloadMs: 1, sessionMs: 1, warmupMs: 1 },
  webgpuAdapter: false,
  contextTokens: 1024,
  autoReason: null,
  stepping: { alone: 'turns', throughput: 'batch' },
  notices: [],
  modelCached: true,
  runtimeFiles: []
};

export const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

/** The newest of the fake workers: a reload or a crash starts another. */
export function newest(workers: readonly FakeWorker[]): FakeWorker {
  const w = workers.at(-1);
  if (w === undefined) throw new Error('no worker');
  return w;
}

/**
 * An app whose model has loaded: started against fake workers (`workers`, newest last) with the first
 * one answering `ready`. The caller stubs `fetch` for prompts.json first.
 */
export async function readyApp(
  device?: DevicePreference,
  backend: Partial<Extract<Reply, { type: 'ready' }>> = {}
): Promise<{ app: AppState; runs: RunState; workers: FakeWorker[] }> {
  const workers: FakeWorker[] = [];
  const app = new AppState({
    origin: 'http://localhost:4173',
    base: '/',
    seed: 1,
    cores: 1,
    ...(device === undefined ? {} : { device }),
    createWorker: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    }
  });
  const runs = new RunState(app);
  const started = app.start();
  await tick();
  workers.at(-1)?.reply({ ...ready, ...backend, type: 'ready' });
  await started;
  return { app, runs, workers };
}

/** A Hub model to switch to (nothing is fetched for it: the tests answer as its worker). */
export function hubModel(id: string): ModelRef {
  return {
    source: 'hub',
    id,
    baseUrl: 'https://hub.example/',
    dtypes: ['q8'],
    revision: 'main',
    manifest: { algorithm: 'sha256', files: {} },
    chat: false
  };
}
