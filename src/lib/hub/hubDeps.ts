import type { GpuLike } from '../engine/shared/device.ts';
import type { CacheStorageLike } from '../engine/shared/modelFileCache.ts';
import type { ListableStorage } from './cachedModels.ts';
import type { Fetch } from './hubFiles.ts';
import { hubHost } from './plan.ts';

/** What talking to the Hub needs from the browser; tests pass fakes. */
export interface HubDeps {
  host: string;
  fetch: Fetch;
  storage: CacheStorageLike | undefined;
  gpu: GpuLike | undefined;
  now: () => number;
}

/** The browser's Hub, fetch, model cache and GPU; the Hub is huggingface.co except in the e2e test build. */
export function browserHubDeps(): HubDeps & { storage: (CacheStorageLike & ListableStorage) | undefined } {
  return {
    host: hubHost(import.meta.env.VITE_HUB_HOST),
    fetch: (input, init) => fetch(input, init),
    storage: typeof caches === 'undefined' ? undefined : caches,
    gpu: (navigator as Navigator & { gpu?: GpuLike }).gpu,
    now: () => performance.now()
  };
}
