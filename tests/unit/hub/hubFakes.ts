import { createHash } from 'node:crypto';
import type { CacheLike, CacheStorageLike } from '$lib/engine/shared/modelFileCache.ts';
import type { ListableCache, ListableStorage } from '$lib/hub/cachedModels.ts';

/** An in-memory Cache API with `keys()`, enough for the model cache and its management. */
export class MemoryCache implements CacheLike, ListableCache {
  readonly entries = new Map<string, { bytes: Uint8Array; headers: Headers }>();
  async match(key: string): Promise<Response | undefined> {
    const e = this.entries.get(key);
    return e === undefined ? undefined : new Response(e.bytes.slice(), { headers: e.headers });
  }
  async put(key: string, res: Response): Promise<void> {
    this.entries.set(key, { bytes: new Uint8Array(await res.arrayBuffer()), headers: new Headers(res.headers) });
  }
  async delete(key: string): Promise<boolean> {
    return this.entries.delete(key);
  }
  async keys(): Promise<{ url: string }[]> {
    return [...this.entries.keys()].map((url) => ({ url }));
  }
}

export function memoryStorage(cache = new MemoryCache()): CacheStorageLike & ListableStorage & { cache: MemoryCache } {
  return {
    cache,
    open: () => Promise.resolve(cache),
    delete: () => {
      const had = cache.entries.size > 0;
      cache.entries.clear();
      return Promise.resolve(had);
    }
  };
}

export const enc = (s: string): Uint8Array<ArrayBuffer> => new Uint8Array(new TextEncoder().encode(s));

export const gitSha1 = (b: Uint8Array): string =>
  createHash('sha1')
    .update(Buffer.concat([Buffer.from(`blob ${b.byteLength}\0`), Buffer.from(b)]))
    .digest('hex');
export const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

export const HOST = 'https://hub.test/';

/** A tiny repo: three JSON files and q8 weights, as the Hub's API lists them. */
export function repoFiles(): Map<string, Uint8Array<ArrayBuffer>> {
  return new Map([
    ['config.json', enc('{"model_type":"qwen2","max_position_embeddings":32768}')],
    ['tokenizer.json', enc('{"model":{}}')],
    [
      'tokenizer_config.json',
      enc('{"chat_template":"{{ messages[0].content }}","eos_token":"<|im_end|>","bos_token":null}')
    ],
    ['onnx/model_quantized.onnx', new Uint8Array(1000).fill(7)],
    ['README.md', enc('# a model')]
  ]);
}

export function apiJson(files: Map<string, Uint8Array>): unknown {
  return {
    sha: 'c'.repeat(40),
    siblings: [...files].map(([path, b]) =>
      path.endsWith('.onnx')
        ? { rfilename: path, size: b.byteLength, blobId: 'x', lfs: { sha256: sha256(b), size: b.byteLength } }
        : { rfilename: path, size: b.byteLength, blobId: gitSha1(b) }
    )
  };
}

/** A fetch that answers like the Hub from `files`, counting requests; `override` changes one URL's answer. */
export function hubFetch(
  files: Map<string, Uint8Array<ArrayBuffer>>,
  override: (url: string) => Response | Promise<Response> | null = () => null
): { fetch: typeof fetch; calls: string[] } {
  const calls: string[] = [];
  const impl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    calls.push(url);
    if (init?.signal?.aborted === true) throw new DOMException('aborted', 'AbortError');
    const o = await override(url);
    if (o !== null) return o;
    if (url.includes('/api/models/')) return Response.json(apiJson(files));
    const path = url.split('/resolve/main/')[1] ?? '';
    const b = files.get(path);
    return b === undefined ? new Response('Entry not found', { status: 404 }) : new Response(b.slice());
  };
  return { fetch: impl as typeof fetch, calls };
}
