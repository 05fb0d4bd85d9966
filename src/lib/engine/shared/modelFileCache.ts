import { verifyBytes, type ModelFiles } from './integrity.ts';

/** The slices of the Cache API used here, so tests can hand in a failing or missing one. */
export interface CacheLike {
  match(key: string): Promise<Response | undefined>;
  put(key: string, response: Response): Promise<void>;
  delete(key: string): Promise<boolean>;
}
export interface CacheStorageLike {
  open(name: string): Promise<CacheLike>;
}

export const CACHE_NAME = 'think-small-models';

function describe(err: unknown): string {
  if (err instanceof Error) return err.name === 'Error' ? err.message : `${err.name}: ${err.message}`;
  return String(err);
}

/**
 * The model-file cache handed to transformers.js (`env.customCache`). The Cache API can be missing,
 * refuse to open (private windows, third-party iframes) or run out of quota; none of that may stop a
 * load, so every failure is swallowed, remembered as a notice, and the files are used from memory.
 * A cached file is checked against the manifest before use, so a copy of an older export is dropped.
 */
export class ModelFileCache {
  readonly #files: ModelFiles;
  readonly #storage: CacheStorageLike | undefined;
  #cache: Promise<CacheLike | null> | null = null;
  #problem: string | null = null;

  constructor(files: ModelFiles, storage: CacheStorageLike | undefined) {
    this.#files = files;
    this.#storage = storage;
  }

  /** One sentence for the user when the cache could not be used, else null. */
  get notice(): string | null {
    return this.#problem === null
      ? null
      : `The browser would not cache the model (${this.#problem}): it runs from memory and downloads again next visit.`;
  }

  async match(key: string): Promise<Response | undefined> {
    const file = this.#files.fileOf(key);
    const entry = file === null ? null : this.#files.entryOf(file);
    if (file === null || entry === null) return undefined;
    const cache = await this.#open();
    if (cache === null) return undefined;
    try {
      const hit = await cache.match(key);
      if (hit === undefined) return undefined;
      const bytes = new Uint8Array(await hit.arrayBuffer());
      try {
        await verifyBytes(file, bytes, entry);
      } catch {
        await cache.delete(key);
        return undefined;
      }
      return new Response(bytes, { status: 200, headers: hit.headers });
    } catch (err) {
      this.#note(err);
      return undefined;
    }
  }

  async put(key: string, response: Response): Promise<void> {
    const cache = await this.#open();
    if (cache === null) return;
    try {
      await cache.put(key, response);
    } catch (err) {
      this.#note(err);
    }
  }

  #open(): Promise<CacheLike | null> {
    this.#cache ??= this.#openOnce();
    return this.#cache;
  }

  async #openOnce(): Promise<CacheLike | null> {
    if (this.#storage === undefined) {
      this.#note(new Error('the Cache API is not available here'));
      return null;
    }
    try {
      return await this.#storage.open(CACHE_NAME);
    } catch (err) {
      this.#note(err);
      return null;
    }
  }

  #note(err: unknown): void {
    this.#problem ??= describe(err);
  }
}
