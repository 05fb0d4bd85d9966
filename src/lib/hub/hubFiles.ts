import { CACHE_NAME, ModelFileCache, type CacheStorageLike } from '../engine/shared/modelFileCache.ts';
import { IntegrityError } from '../engine/shared/errors.ts';
import { DownloadCancelledError, HubError } from './hubErrors.ts';
import {
  apiUrl,
  htmlProblem,
  httpProblem,
  isHtml,
  manifestOf,
  parseRepo,
  unreachable,
  type HubFile,
  type HubRepo
} from './repo.ts';
import { ModelFiles, verifyBytes } from '../engine/shared/integrity.ts';
import { hubFileUrl } from '../engine/shared/modelUrl.ts';

export type Fetch = typeof fetch;
export type OnBytes = (loadedBytes: number, totalBytes: number, fromCache: boolean) => void;

function mb(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
  return n >= 1e3 ? `${Math.round(n / 1e3)} kB` : `${n} bytes`;
}

function isAbort(err: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true || (err instanceof DOMException && err.name === 'AbortError');
}

/**
 * Asks the Hub which commit a revision is and which files it holds. The answer is kept in the model
 * cache, so a model downloaded once loads again with no request at all (and offline).
 */
export async function fetchRepo(
  host: string,
  id: string,
  revision: string,
  storage: CacheStorageLike | undefined,
  fetchImpl: Fetch
): Promise<HubRepo> {
  const url = apiUrl(host, id, revision);
  const cache = await storage?.open(CACHE_NAME).catch(() => undefined);
  const cached = await cache?.match(url).catch(() => undefined);
  if (cached !== undefined) {
    try {
      return parseRepo(id, revision, await cached.json());
    } catch {
      await cache?.delete(url).catch(() => false);
    }
  }
  let res: Response;
  try {
    res = await fetchImpl(url, { cache: 'no-cache' });
  } catch (err) {
    throw unreachable(host, err);
  }
  if (!res.ok) throw httpProblem(res.status, id, `Model ${id} at revision ${revision}`);
  if (isHtml(res)) throw htmlProblem(`The Hub's description of ${id}`);
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    throw new HubError(`The Hub's description of ${id} is not valid JSON.`);
  }
  const repo = parseRepo(id, revision, json);
  await cache
    ?.put(url, new Response(JSON.stringify(json), { headers: { 'content-type': 'application/json' } }))
    .catch(() => undefined);
  return repo;
}

/**
 * A Hub repo's files, each read from the model cache when a verified copy is there and downloaded
 * (with progress, verified against the Hub's size and checksum, then cached) when not. A cached copy
 * that fails its check is dropped and fetched again. This is the cache transformers.js reads later.
 */
export class HubFiles {
  readonly host: string;
  readonly repo: HubRepo;
  readonly modelFiles: ModelFiles;
  readonly cache: ModelFileCache;
  readonly #fetch: Fetch;
  readonly #storage: CacheStorageLike | undefined;

  constructor(host: string, repo: HubRepo, storage: CacheStorageLike | undefined, fetchImpl: Fetch) {
    this.#storage = storage;
    this.host = host;
    this.repo = repo;
    this.modelFiles = new ModelFiles(
      manifestOf(repo.files),
      new URL(hubFileUrl(host, repo.id, repo.revision, ''), host).pathname
    );
    this.cache = new ModelFileCache(this.modelFiles, storage);
    this.#fetch = fetchImpl;
  }

  url(file: HubFile): string {
    return hubFileUrl(this.host, this.repo.id, this.repo.revision, file.path);
  }

  /** Whether a copy is cached, unverified: cheap, for the size still to download (`get` verifies). */
  async has(file: HubFile): Promise<boolean> {
    try {
      const cache = await this.#storage?.open(CACHE_NAME);
      return (await cache?.match(this.url(file))) !== undefined;
    } catch {
      return false;
    }
  }

  /** The verified cached bytes, or null (a damaged copy is deleted on the way). */
  async cached(file: HubFile): Promise<Uint8Array<ArrayBuffer> | null> {
    const hit = await this.cache.match(this.url(file));
    return hit === undefined ? null : new Uint8Array(await hit.arrayBuffer());
  }

  async get(file: HubFile, onBytes: OnBytes, signal?: AbortSignal): Promise<Uint8Array<ArrayBuffer>> {
    const hit = await this.cached(file);
    if (hit !== null) {
      onBytes(hit.byteLength, hit.byteLength, true);
      return hit;
    }
    const bytes = await this.#download(file, onBytes, signal);
    await this.cache.put(
      this.url(file),
      new Response(bytes, {
        headers: { 'content-type': 'application/octet-stream', 'content-length': String(bytes.byteLength) }
      })
    );
    return bytes;
  }

  async #download(file: HubFile, onBytes: OnBytes, signal?: AbortSignal): Promise<Uint8Array<ArrayBuffer>> {
    const url = this.url(file);
    let res: Response;
    try {
      // The model cache is the copy we keep; the HTTP cache would store every gigabyte a second time.
      res = await this.#fetch(url, signal === undefined ? { cache: 'no-store' } : { cache: 'no-store', signal });
    } catch (err) {
      if (isAbort(err, signal)) throw new DownloadCancelledError(`The download of ${this.repo.id} was cancelled.`);
      throw unreachable(this.host, err);
    }
    if (!res.ok) throw httpProblem(res.status, this.repo.id, `${file.path} of ${this.repo.id}`);
    if (isHtml(res)) throw htmlProblem(file.path);
    if (res.body === null) throw new HubError(`${file.path} came back empty.`);
    const total = file.bytes >= 0 ? file.bytes : Number(res.headers.get('content-length') ?? 0);
    const reader = res.body.getReader();
    const chunks: Uint8Array[] = [];
    let loaded = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        loaded += value.byteLength;
        onBytes(loaded, Math.max(total, loaded), false);
      }
    } catch (err) {
      if (isAbort(err, signal)) throw new DownloadCancelledError(`The download of ${this.repo.id} was cancelled.`);
      throw new HubError(
        `The connection was lost while downloading ${file.path} (${mb(loaded)} of ${mb(total)}): check the network and try again; what was complete is kept.`
      );
    }
    const bytes = new Uint8Array(loaded);
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.byteLength;
    }
    const entry = this.modelFiles.entryOf(file.path);
    if (entry !== null) {
      if (entry.bytes >= 0 && loaded < entry.bytes)
        throw new HubError(
          `${file.path} arrived cut short (${mb(loaded)} of ${mb(entry.bytes)}): the download was interrupted or the server sent a truncated file. Try again.`
        );
      try {
        await verifyBytes(file.path, bytes, entry);
      } catch (err) {
        throw err instanceof IntegrityError ? new HubError(err.message) : err;
      }
    }
    return bytes;
  }
}
