import { describe, expect, it } from 'vitest';
import { Tensor } from '@huggingface/transformers';
import { BLOCK_TOKENS, PrefixBlocks, blockedLength, isBlockCache } from '$lib/engine/worker/prefixBlocks.ts';

/** A one-layer cache whose entry at each position is that position, so a cut can be read back. */
function cache(positions: number): Record<string, Tensor> {
  const data = Float32Array.from({ length: positions * 2 }, (_, i) => Math.floor(i / 2));
  return {
    'past_key_values.0.key': new Tensor('float32', data, [1, 1, positions, 2]),
    'past_key_values.0.value': new Tensor('float32', data.slice(), [1, 1, positions, 2])
  };
}

const ids = (n: number, from = 0): number[] => Array.from({ length: n }, (_, i) => from + i);

describe('blockedLength', () => {
  it('reads whole blocks only, and never the last token, which the first step needs', () => {
    expect(blockedLength(1)).toBe(0);
    expect(blockedLength(BLOCK_TOKENS)).toBe(0);
    expect(blockedLength(BLOCK_TOKENS + 1)).toBe(BLOCK_TOKENS);
    expect(blockedLength(355)).toBe(5 * BLOCK_TOKENS);
    expect(blockedLength(5 * BLOCK_TOKENS + 1)).toBe(5 * BLOCK_TOKENS);
  });
});

describe('PrefixBlocks', () => {
  it('finds the longest kept opening that ends on a block boundary, cut to those positions', () => {
    const blocks = new PrefixBlocks();
    blocks.store(ids(3 * BLOCK_TOKENS), cache(3 * BLOCK_TOKENS));
    // Shares two blocks and a half: two are usable.
    const next = [...ids(2 * BLOCK_TOKENS + 30), ...ids(100, 9000)];
    const hit = blocks.lookup(next, blockedLength(next.length));
    expect(hit?.length).toBe(2 * BLOCK_TOKENS);
    const key = hit?.past['past_key_values.0.key'];
    expect(key?.dims).toEqual([1, 1, 2 * BLOCK_TOKENS, 2]);
    expect(Array.from(key?.data as Float32Array).at(-1)).toBe(2 * BLOCK_TOKENS - 1);
  });

  it('never gives more than the limit, and nothing for less than a block in common', () => {
    const blocks = new PrefixBlocks();
    blocks.store(ids(3 * BLOCK_TOKENS), cache(3 * BLOCK_TOKENS));
    expect(blocks.lookup(ids(400), BLOCK_TOKENS)?.length).toBe(BLOCK_TOKENS);
    expect(blocks.lookup([...ids(BLOCK_TOKENS - 1), -1, ...ids(200)], 256)).toBeNull();
    expect(blocks.lookup(ids(400, 1), 256)).toBeNull();
  });

  it('drops an opening that a longer one extends, so that it takes none of the four places', () => {
    const blocks = new PrefixBlocks();
    blocks.store(ids(BLOCK_TOKENS, 1000), cache(BLOCK_TOKENS));
    blocks.store(ids(BLOCK_TOKENS), cache(BLOCK_TOKENS));
    blocks.store(ids(2 * BLOCK_TOKENS), cache(2 * BLOCK_TOKENS));
    blocks.store(ids(BLOCK_TOKENS, 2000), cache(BLOCK_TOKENS));
    blocks.store(ids(BLOCK_TOKENS, 3000), cache(BLOCK_TOKENS));
    // Kept both the shorter opening and the longer one, the four places would be full and the oldest gone.
    expect(blocks.lookup(ids(300, 1000), 256)?.length).toBe(BLOCK_TOKENS);
    expect(blocks.lookup(ids(300), 256)?.length).toBe(2 * BLOCK_TOKENS);
  });

  it('drops the least recently used opening past four', () => {
    const blocks = new PrefixBlocks();
    for (let k = 1; k <= 4; k++) blocks.store(ids(BLOCK_TOKENS, k * 1000), cache(BLOCK_TOKENS));
    expect(blocks.lookup(ids(300, 1000), 256)?.length).toBe(BLOCK_TOKENS);
    blocks.store(ids(BLOCK_TOKENS, 5000), cache(BLOCK_TOKENS));
    expect(blocks.lookup(ids(300, 2000), 256)).toBeNull();
    for (const k of [1, 3, 4, 5]) expect(blocks.lookup(ids(300, k * 1000), 256)?.length).toBe(BLOCK_TOKENS);
  });

  it('keeps only a CPU cache laid out as [batch, heads, positions, size] with the positions stored', () => {
    const blocks = new PrefixBlocks();
    blocks.store(ids(BLOCK_TOKENS), cache(2 * BLOCK_TOKENS));
    expect(blocks.lookup(ids(300), 256)).toBeNull();
    const flat = { k: new Tensor('float32', new Float32Array(BLOCK_TOKENS), [BLOCK_TOKENS]) };
    expect(isBlockCache(flat, BLOCK_TOKENS)).toBe(false);
    expect(isBlockCache({}, 0)).toBe(false);
    expect(isBlockCache(cache(BLOCK_TOKENS), BLOCK_TOKENS)).toBe(true);
  });
});
