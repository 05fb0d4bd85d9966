import { describe, expect, it } from 'vitest';
import { CHAIN_TOP_K, DEFAULT_CONSISTENCY, chainParams, sanitizeConsistency } from '$lib/run/consistency.ts';
import { DEFAULT_PARAMS } from '$lib/run/params.ts';

describe('sanitizeConsistency', () => {
  it('keeps k within 2..16 and whole', () => {
    expect(sanitizeConsistency({ k: 40 }, DEFAULT_CONSISTENCY).k).toBe(16);
    expect(sanitizeConsistency({ k: 1 }, DEFAULT_CONSISTENCY).k).toBe(2);
    expect(sanitizeConsistency({ k: 6.6 }, DEFAULT_CONSISTENCY).k).toBe(7);
  });
  it('never lets the temperature reach greedy', () =>
    expect(sanitizeConsistency({ temperature: 0 }, DEFAULT_CONSISTENCY).temperature).toBeGreaterThan(0));
  it('a blank field keeps the value it had', () => {
    const s = sanitizeConsistency({ k: Number.NaN, seed: Number.NaN }, { ...DEFAULT_CONSISTENCY, seed: 9 });
    expect(s.k).toBe(DEFAULT_CONSISTENCY.k);
    expect(s.seed).toBe(9);
  });
});

describe('chainParams', () => {
  it("samples at the chains' temperature with the seed, keeping the run's length and stops", () => {
    const p = chainParams(
      { ...DEFAULT_PARAMS, maxNewTokens: 99, stopSequences: ['\nQ:'] },
      { k: 5, temperature: 0.5, seed: 3 }
    );
    expect(p).toMatchObject({
      maxNewTokens: 99,
      stopSequences: ['\nQ:'],
      temperature: 0.5,
      topK: CHAIN_TOP_K,
      topP: 1,
      seed: 3
    });
  });
});
