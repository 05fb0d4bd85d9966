import { describe, expect, it } from 'vitest';
import { ModelFileCache, type CacheLike, type CacheStorageLike } from '$lib/engine/shared/modelFileCache.ts';
import { ModelFiles, sha256Hex } from '$lib/engine/shared/integrity.ts';

const bytes = new Uint8Array(new TextEncoder().encode('{"vocab_size":1024}'));
const KEY = '/models/m/config.json';

async function files(): Promise<ModelFiles> {
  return new ModelFiles(
    { algorithm: 'sha256', files: { 'config.json': { bytes: bytes.byteLength, sha256: await sha256Hex(bytes) } } },
    '/models/m/'
  );
}

/** An in-memory Cache API; `failPut` makes every put reject the way a full disk does. */
class MemoryCache implements CacheLike {
  readonly entries = new Map<string, Uint8Array>();
  failPut: DOMException | null = null;
  async match(key: string): Promise<Response | undefined> {
    const b = this.entries.get(key);
    return b === undefined ? undefined : new Response(b.slice());
  }
  async put(key: string, res: Response): Promise<void> {
    if (this.failPut !== null) throw this.failPut;
    this.entries.set(key, new Uint8Array(await res.arrayBuffer()));
  }
  async delete(key: string): Promise<boolean> {
    return this.entries.delete(key);
  }
}
const storage = (cache: CacheLike): CacheStorageLike => ({ open: () => Promise.resolve(cache) });

describe('ModelFileCache', () => {
  it('stores and returns a verified file, with no notice', async () => {
    const mem = new MemoryCache();
    const cache = new ModelFileCache(await files(), storage(mem));
    expect(await cache.match(KEY)).toBeUndefined();
    await cache.put(KEY, new Response(bytes.slice()));
    const hit = await cache.match(KEY);
    expect(new Uint8Array(await (hit ?? new Response()).arrayBuffer())).toEqual(bytes);
    expect(cache.notice).toBeNull();
  });

  it('QuotaExceededError on put: no throw, a notice, and the load goes on from memory', async () => {
    const mem = new MemoryCache();
    mem.failPut = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const cache = new ModelFileCache(await files(), storage(mem));
    await expect(cache.put(KEY, new Response(bytes.slice()))).resolves.toBeUndefined();
    expect(await cache.match(KEY)).toBeUndefined();
    expect(cache.notice).toBe(
      'The browser would not cache the model (QuotaExceededError: The quota has been exceeded.): it runs from memory and downloads again next visit.'
    );
  });

  it('a blocked Cache API (SecurityError on open, as in private windows and third-party iframes)', async () => {
    const blocked: CacheStorageLike = {
      open: () =>
        Promise.reject(new DOMException('An attempt was made to break through the security policy', 'SecurityError'))
    };
    const cache = new ModelFileCache(await files(), blocked);
    expect(await cache.match(KEY)).toBeUndefined();
    await cache.put(KEY, new Response(bytes.slice()));
    expect(cache.notice).toContain('SecurityError');
  });

  it('no Cache API at all', async () => {
    const cache = new ModelFileCache(await files(), undefined);
    expect(await cache.match(KEY)).toBeUndefined();
    expect(cache.notice).toContain('the Cache API is not available here');
  });

  it('drops a cached copy that no longer matches the manifest (an older export)', async () => {
    const mem = new MemoryCache();
    mem.entries.set(KEY, new TextEncoder().encode('{"vocab_size":512}'));
    const cache = new ModelFileCache(await files(), storage(mem));
    expect(await cache.match(KEY)).toBeUndefined();
    expect(mem.entries.has(KEY)).toBe(false);
    expect(cache.notice).toBeNull();
  });

  it('never answers for keys outside the manifest (the Hub URL transformers.js also tries)', async () => {
    const mem = new MemoryCache();
    mem.entries.set('https://huggingface.co/m/resolve/main/config.json', bytes);
    const cache = new ModelFileCache(await files(), storage(mem));
    expect(await cache.match('https://huggingface.co/m/resolve/main/config.json')).toBeUndefined();
  });
});
