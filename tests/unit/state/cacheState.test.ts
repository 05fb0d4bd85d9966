import { afterEach, describe, expect, it, vi } from 'vitest';
import { CacheState, type StorageManagerLike } from '$lib/state/cacheState.svelte.ts';
import type { ListableStorage } from '$lib/hub/cachedModels.ts';
import { connectCache } from '$lib/state/reactions.svelte.ts';
import { memoryStorage } from '../hub/hubFakes.ts';
import { format, ready, readyApp, tick } from './fixtures.ts';

function manager(grant: boolean): StorageManagerLike & { persistedNow: boolean } {
  const m = {
    persistedNow: false,
    estimate: () => Promise.resolve({ usage: 1000, quota: 5000 }),
    persisted: () => Promise.resolve(m.persistedNow),
    persist: () => {
      m.persistedNow = grant;
      return Promise.resolve(grant);
    }
  };
  return m;
}

async function filled() {
  const s = memoryStorage();
  await s.cache.put('https://hf.test/o/a/resolve/main/config.json', new Response('{}'));
  await s.cache.put('https://hf.test/o/b/resolve/main/config.json', new Response('{}'));
  return s;
}

describe('CacheState', () => {
  it('lists models and the room left', async () => {
    const state = new CacheState(await filled(), manager(true));
    await state.refresh();
    expect(state.models.map((m) => m.id)).toEqual(['o/a', 'o/b']);
    expect([state.usageBytes, state.quotaBytes, state.persisted]).toEqual([1000, 5000, false]);
  });
  it('deletes one model, then all', async () => {
    const state = new CacheState(await filled(), manager(true));
    await state.remove('o/a');
    expect(state.models.map((m) => m.id)).toEqual(['o/b']);
    await state.removeAll();
    expect(state.models).toEqual([]);
  });
  it('asks for persistent storage and says when the browser declines', async () => {
    const granted = new CacheState(await filled(), manager(true));
    await granted.persist();
    expect([granted.persisted, granted.error]).toEqual([true, null]);
    const declined = new CacheState(await filled(), manager(false));
    await declined.persist();
    expect(declined.error).toMatch(/declined persistent storage/);
  });
  it('without a Cache API there is nothing to list', async () => {
    const state = new CacheState(undefined, undefined);
    await state.refresh();
    expect([state.available, state.models, state.usageBytes]).toEqual([false, [], null]);
  });
});

describe('CacheState stays current (issue 14: the panel went stale after Delete and after Reload model)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('a slow listing that ends after a Delete does not bring the deleted model back', async () => {
    const inner = await filled();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    // The first listing (opening the panel) waits; Delete and its own listing run meanwhile.
    const slow: ListableStorage = {
      delete: (name) => inner.delete(name),
      open: async () => {
        calls += 1;
        const cache = inner.cache;
        if (calls !== 1) return cache;
        const keys = await cache.keys();
        return { match: (k) => cache.match(k), delete: (k) => cache.delete(k), keys: () => gate.then(() => keys) };
      }
    };
    const state = new CacheState(slow, manager(true));
    const opening = state.refresh();
    await state.remove('o/a');
    expect(state.models.map((m) => m.id)).toEqual(['o/b']);
    release();
    await opening;
    expect(state.models.map((m) => m.id)).toEqual(['o/b']);
  });

  it('re-reads the cache when a load or a Reload model ends', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(new Response(JSON.stringify(format))));
    const { app, workers } = await readyApp('wasm');
    const storage = memoryStorage();
    const state = new CacheState(storage, manager(true));
    const stop = connectCache(app, state);
    await tick();
    await tick();
    expect(state.models).toEqual([]);
    // The reload's worker puts the model's files into the cache while it loads.
    const reload = app.loadModel();
    await storage.cache.put('http://localhost:4173/models/think-small-3m/config.json', new Response('{}'));
    await tick();
    workers.at(-1)?.reply(ready);
    await reload;
    await tick();
    await tick();
    expect(state.models.map((m) => m.id)).toEqual(['think-small-3m']);
    stop();
  });
});
