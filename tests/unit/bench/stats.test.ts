import { describe, expect, it } from 'vitest';
import { pairedRatios, quantile, runMetrics, summarize } from '../../../bench/stats.ts';

describe('runMetrics', () => {
  const run = { startedAt: 100, tokenAt: [150, 160, 175, 190], endedAt: 200, promptTokens: 32, text: null, ids: null };
  it('measures TTFT from the start and prefill over it', () => {
    const m = runMetrics(run);
    expect(m.ttftMs).toBe(50);
    expect(m.prefillTokensPerSec).toBe(640);
  });
  it('decodes tokens after the first over the time after the first', () =>
    expect(runMetrics(run).decodeTokensPerSec).toBe(75));
  it('lists the gaps between tokens', () => expect(runMetrics(run).interTokenMs).toEqual([10, 15, 15]));
  it('spreads CPU time over the generated tokens, when measured', () => {
    expect(runMetrics({ ...run, cpuMs: 20 }).cpuMsPerToken).toBe(5);
    expect(runMetrics(run).cpuMsPerToken).toBeNull();
  });
  it('has nothing to say about a run without tokens', () => {
    const m = runMetrics({ ...run, tokenAt: [] });
    expect([m.ttftMs, m.prefillTokensPerSec, m.decodeTokensPerSec, m.generatedTokens]).toEqual([null, null, null, 0]);
  });
  it('one token gives a TTFT but no decode rate', () =>
    expect(runMetrics({ ...run, tokenAt: [150] }).decodeTokensPerSec).toBeNull());
});

describe('quantile', () => {
  it('interpolates between ranks', () => expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5));
  it('p90 of ten values', () => expect(quantile([10, 1, 2, 3, 4, 5, 6, 7, 8, 9], 0.9)).toBeCloseTo(9.1));
  it('clamps q and handles one value', () => {
    expect(quantile([7], 0.9)).toBe(7);
    expect(quantile([1, 2], 2)).toBe(2);
  });
  it('is null for nothing', () => expect(quantile([], 0.5)).toBeNull());
});

describe('summarize', () => {
  it('median and range, skipping nulls', () =>
    expect(summarize([3, null, 1, 2, Infinity])).toEqual({ median: 2, min: 1, max: 3, n: 3 }));
  it('is null when nothing was measured', () => expect(summarize([null])).toBeNull());
});

describe('pairedRatios', () => {
  it('divides neighbours, skipping pairs with a gap', () =>
    expect(pairedRatios([10, null, 30, 40], [20, 5, 0, 20])).toEqual([0.5, 2]));
});
