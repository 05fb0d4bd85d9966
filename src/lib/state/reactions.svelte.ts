import type { AppState } from './appState.svelte.ts';
import type { CacheState } from './cacheState.svelte.ts';
import type { OfflineState } from './offlineState.svelte.ts';
import type { RunState } from './runState.svelte.ts';
import type { ShareState } from './shareState.svelte.ts';
import { untrack } from 'svelte';

/**
 * The reactions between stores, in one place instead of in components: the address bar follows the
 * settings, the offline copy follows the runtime files a load used, prompt token counts follow the
 * prompts. Returns the function that stops them.
 */
export function connectStores(stores: {
  app: AppState;
  runs: RunState;
  offline: OfflineState;
  share: ShareState;
  cache: CacheState;
}): () => void {
  const { app, runs, offline, share, cache } = stores;
  const stopCache = connectCache(app, cache);
  const stop = $effect.root(() => {
    $effect(() => share.syncAddressBar());

    // The offline copy keeps the ONNX Runtime build each load used; only a new load asks again.
    $effect(() => {
      const files = app.engine.backend?.runtimeFiles;
      if (files !== undefined) untrack(() => void offline.want(files));
    });

    // The workers keep the few-shot exemplars' opening (the engine sends it to each as it loads), asked again when
    // the exemplars change; with an empty question, so typing does not ask. The first run starts as later runs do.
    $effect(() => {
      const opening = app.promptsFor('')?.['few-shot-cot'];
      if (opening !== undefined) untrack(() => app.engine.keep([opening]));
    });

    // Re-count prompt tokens whenever a prompt changes or the model becomes ready.
    $effect(() => {
      if (app.prompts !== null && app.engine.status === 'ready') void runs.refreshPromptCounts();
    });
  });
  return () => {
    stop();
    stopCache();
  };
}

/** The cache panel re-reads the cache whenever a load ends: a load or Reload model may have just cached the model. */
export function connectCache(app: AppState, cache: CacheState): () => void {
  return $effect.root(() => {
    $effect(() => {
      if (app.engine.status === 'ready') untrack(() => void cache.refresh());
    });
  });
}
