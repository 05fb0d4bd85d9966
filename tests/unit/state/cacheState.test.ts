import { describe, expect, it } from 'vitest';
import { CacheState, type StorageManagerLike } from '$lib/state/cacheState.svelte.ts';
import { memoryStorage } from '../hub/hubFakes.ts';

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
