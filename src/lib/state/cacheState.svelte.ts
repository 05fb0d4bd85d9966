import { messageOf } from '../core/values.ts';
import {
  deleteAllCachedModels,
  deleteCachedModel,
  listCachedModels,
  type CachedModel,
  type ListableStorage
} from '../hub/cachedModels.ts';

/** The parts of `navigator.storage` the panel uses. */
export interface StorageManagerLike {
  estimate(): Promise<{ usage?: number; quota?: number }>;
  persisted(): Promise<boolean>;
  persist(): Promise<boolean>;
}

/** The model cache as the user manages it: what is cached, room left, delete, persistent storage. */
export class CacheState {
  #models = $state.raw<CachedModel[]>([]);
  #usageBytes = $state<number | null>(null);
  #quotaBytes = $state<number | null>(null);
  #persisted = $state<boolean | null>(null);
  #error = $state<string | null>(null);
  /** Numbers each refresh: a slow listing that ends after a newer one (opened, then Delete) must not win. */
  #refreshSeq = 0;
  readonly #caches: ListableStorage | undefined;
  readonly #manager: StorageManagerLike | undefined;

  constructor(caches: ListableStorage | undefined, manager: StorageManagerLike | undefined) {
    this.#caches = caches;
    this.#manager = manager;
  }

  get models(): readonly CachedModel[] {
    return this.#models;
  }
  get usageBytes(): number | null {
    return this.#usageBytes;
  }
  get quotaBytes(): number | null {
    return this.#quotaBytes;
  }
  /** null when the browser cannot say. */
  get persisted(): boolean | null {
    return this.#persisted;
  }
  get error(): string | null {
    return this.#error;
  }
  get available(): boolean {
    return this.#caches !== undefined;
  }

  /** Reads the cache and the room left; only the newest refresh is applied, whatever order they finish in. */
  async refresh(): Promise<void> {
    const seq = ++this.#refreshSeq;
    try {
      const models = this.#caches === undefined ? [] : await listCachedModels(this.#caches);
      const estimate = await this.#manager?.estimate();
      const persisted = (await this.#manager?.persisted()) ?? null;
      if (seq !== this.#refreshSeq) return;
      this.#models = models;
      this.#usageBytes = estimate?.usage ?? null;
      this.#quotaBytes = estimate?.quota ?? null;
      this.#persisted = persisted;
      this.#error = null;
    } catch (err) {
      if (seq === this.#refreshSeq) this.#error = `Could not read the cache: ${messageOf(err)}`;
    }
  }

  async remove(id: string): Promise<void> {
    await this.#act(async (c) => {
      await deleteCachedModel(c, id);
    });
  }

  async removeAll(): Promise<void> {
    await this.#act((c) => deleteAllCachedModels(c));
  }

  /** Asks the browser not to evict the cache under storage pressure; it may say no (then nothing changes). */
  async persist(): Promise<void> {
    try {
      this.#persisted = (await this.#manager?.persist()) ?? null;
      if (this.#persisted === false)
        this.#error = 'The browser declined persistent storage: the cache may be evicted when space runs low.';
    } catch (err) {
      this.#error = `Could not request persistent storage: ${messageOf(err)}`;
    }
  }

  async #act(action: (c: ListableStorage) => Promise<void>): Promise<void> {
    if (this.#caches === undefined) return;
    try {
      await action(this.#caches);
    } catch (err) {
      this.#error = `Could not delete: ${messageOf(err)}`;
    }
    await this.refresh();
  }
}
