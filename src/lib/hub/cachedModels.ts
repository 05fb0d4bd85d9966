import { CACHE_NAME } from '../engine/shared/modelFileCache.ts';

/** What the cache-management panel lists: one row per model, whatever its source. */
export interface CachedModel {
  /** `think-small-3m` for a bundled model, `org/name` for a Hub model. */
  id: string;
  files: number;
  bytes: number;
}

/** The slices of the Cache API listing needs. */
export interface ListableCache {
  keys(): Promise<readonly { url: string }[]>;
  match(key: string): Promise<Response | undefined>;
  delete(key: string): Promise<boolean>;
}
export interface ListableStorage {
  open(name: string): Promise<ListableCache>;
  delete(name: string): Promise<boolean>;
}

/** The model a cache key belongs to: `/models/<id>/…`, `/<org>/<repo>/resolve/…` or the Hub API's `/api/models/<org>/<repo>/…`. */
export function modelOfKey(url: string): string | null {
  const path = new URL(url).pathname;
  const hub = /^\/(?:api\/models\/)?([^/]+\/[^/]+)\/(?:resolve|revision)\//.exec(path);
  if (hub?.[1] !== undefined) return decodeURIComponent(hub[1]);
  const bundled = /\/models\/([^/]+)\//.exec(path);
  return bundled?.[1] === undefined ? null : decodeURIComponent(bundled[1]);
}

async function sizeOf(cache: ListableCache, url: string): Promise<number> {
  const res = await cache.match(url);
  const header = Number(res?.headers.get('content-length') ?? NaN);
  if (Number.isFinite(header)) return header;
  return res === undefined ? 0 : (await res.arrayBuffer()).byteLength;
}

export async function listCachedModels(storage: ListableStorage): Promise<CachedModel[]> {
  const cache = await storage.open(CACHE_NAME);
  const byModel = new Map<string, CachedModel>();
  for (const req of await cache.keys()) {
    const id = modelOfKey(req.url);
    if (id === null) continue;
    const row = byModel.get(id) ?? { id, files: 0, bytes: 0 };
    row.files += 1;
    row.bytes += await sizeOf(cache, req.url);
    byModel.set(id, row);
  }
  return [...byModel.values()].sort((a, b) => a.id.localeCompare(b.id));
}

export async function deleteCachedModel(storage: ListableStorage, id: string): Promise<number> {
  const cache = await storage.open(CACHE_NAME);
  let deleted = 0;
  for (const req of await cache.keys()) {
    if (modelOfKey(req.url) === id && (await cache.delete(req.url))) deleted += 1;
  }
  return deleted;
}

export async function deleteAllCachedModels(storage: ListableStorage): Promise<void> {
  await storage.delete(CACHE_NAME);
}
