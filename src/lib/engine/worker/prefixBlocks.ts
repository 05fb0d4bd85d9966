import type { Tensor } from '@huggingface/transformers';

/**
 * A long prompt is read in blocks of this many tokens, and the cache at a block's end is kept, so that the next
 * prompt opening with the same blocks (the few-shot pane's exemplars, the same question run again, a chat model's
 * system turn) starts from it. vLLM's automatic prefix caching, made small. Where a prompt splits depends on the
 * prompt alone, never on what is cached, so a cached run computes exactly what an uncached one does.
 */
export const BLOCK_TOKENS = 64;
/** The few-shot pane's opening is about 330 tokens, a cache of 0.7 MB for the bundled model; a Hub model's is larger. */
const MAX_BYTES = 64 * 2 ** 20;
const MAX_ENTRIES = 4;

/** How many of a prompt's tokens are read in whole blocks: all but the last partial block, and never the last token. */
export function blockedLength(promptTokens: number): number {
  return Math.floor((promptTokens - 1) / BLOCK_TOKENS) * BLOCK_TOKENS;
}

type Past = Record<string, Tensor>;

interface Entry {
  ids: readonly number[];
  past: Past;
  bytes: number;
}

/** How many tokens `a` and `b` open with alike, at most `limit`. */
export function commonLength(a: readonly number[], b: readonly number[], limit: number): number {
  let n = 0;
  while (n < limit && n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

function bytesOf(past: Past): number {
  let total = 0;
  for (const t of Object.values(past)) total += ArrayBuffer.isView(t.data) ? t.data.byteLength : 0;
  return total;
}

/** The cache cut to its first `length` positions; a KV tensor is [batch, kv heads, positions, head size]. */
function firstPositions(past: Past, length: number): Past {
  return Object.fromEntries(Object.entries(past).map(([name, t]) => [name, t.slice(null, null, [0, length], null)]));
}

/** Whether `past` is a CPU cache of `length` positions in the layout firstPositions cuts. */
export function isBlockCache(past: Past, length: number): boolean {
  const tensors = Object.values(past);
  return (
    tensors.length > 0 && tensors.every((t) => t.location === 'cpu' && t.dims.length === 4 && t.dims[2] === length)
  );
}

/** Cached prompt openings for one loaded model, the most recently used last. */
export class PrefixBlocks {
  #entries: Entry[] = [];

  /** The longest cached opening of `ids` that ends on a block boundary and is at most `limit` tokens long. */
  lookup(ids: readonly number[], limit: number): { length: number; past: Past } | null {
    let best: Entry | null = null;
    let length = 0;
    for (const e of this.#entries) {
      const n = Math.floor(commonLength(e.ids, ids, limit) / BLOCK_TOKENS) * BLOCK_TOKENS;
      if (n > length) [best, length] = [e, n];
    }
    if (best === null) return null;
    this.#entries = [...this.#entries.filter((e) => e !== best), best];
    // Nothing writes into a CPU tensor that a forward pass reads, so a whole entry is shared, not copied.
    return { length, past: length === best.ids.length ? best.past : firstPositions(best.past, length) };
  }

  /** Keeps the cache of `ids` (whole blocks); an entry it extends is dropped, the oldest go past the budget. */
  store(ids: readonly number[], past: Past): void {
    if (!isBlockCache(past, ids.length)) return;
    const bytes = bytesOf(past);
    if (bytes > MAX_BYTES) return;
    const kept = this.#entries.filter((e) => commonLength(e.ids, ids, e.ids.length) < e.ids.length);
    kept.push({ ids: [...ids], past, bytes });
    while (kept.length > MAX_ENTRIES || kept.reduce((sum, e) => sum + e.bytes, 0) > MAX_BYTES) kept.shift();
    this.#entries = kept;
  }
}
