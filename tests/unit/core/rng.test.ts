import { describe, expect, it } from 'vitest';
import { Rng } from '$lib/core/rng.ts';

describe('Rng', () => {
  it('repeats its sequence for the same seed', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const xs = Array.from({ length: 20 }, () => a.next());
    const ys = Array.from({ length: 20 }, () => b.next());
    expect(xs).toEqual(ys);
  });

  it('gives a different sequence for a different seed', () => {
    const a = new Rng(1);
    const b = new Rng(2);
    expect(Array.from({ length: 5 }, () => a.next())).not.toEqual(Array.from({ length: 5 }, () => b.next()));
  });

  it('next() stays in [0, 1)', () => {
    const rng = new Rng(7);
    for (let i = 0; i < 2000; i++) {
      const x = rng.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });

  it('int(lo, hi) includes both ends and nothing outside', () => {
    const rng = new Rng(3);
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) seen.add(rng.int(2, 5));
    expect([...seen].sort()).toEqual([2, 3, 4, 5]);
  });

  it('pick() throws on an empty list', () => {
    expect(() => new Rng(1).pick([])).toThrow(RangeError);
  });

  it('shuffle() is a permutation and leaves its input alone', () => {
    const items = [1, 2, 3, 4, 5, 6, 7, 8];
    const out = new Rng(9).shuffle(items);
    expect(items).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...out].sort((x, y) => x - y)).toEqual(items);
  });

  it('sample() returns n distinct items', () => {
    const out = new Rng(11).sample(['a', 'b', 'c', 'd', 'e'], 3);
    expect(out).toHaveLength(3);
    expect(new Set(out).size).toBe(3);
  });

  it('fork() with different salts gives different streams', () => {
    const base = new Rng(5);
    const f1 = base.fork(1);
    const f2 = new Rng(5).fork(2);
    expect(f1.next()).not.toBe(f2.next());
  });
});
