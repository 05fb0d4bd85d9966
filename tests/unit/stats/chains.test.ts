import { describe, expect, it } from 'vitest';
import type { RunTimings } from '$lib/core/types.ts';
import { chainsStats } from '$lib/stats/chains.ts';

const chain = (firstTokenAt: number | null, endedAt: number, generatedTokens: number): RunTimings => ({
  startedAt: 100,
  firstTokenAt,
  lastTokenAt: endedAt,
  endedAt,
  promptTokens: 30,
  generatedTokens,
  batchRows: 3
});

describe('chainsStats', () => {
  it("adds every chain's tokens over the batch's whole time", () => {
    const s = chainsStats([chain(150, 600, 40), chain(150, 1100, 80), chain(150, 300, 10)]);
    expect(s).toEqual({ chains: 3, generatedTokens: 130, ttftMs: 50, totalMs: 1000, tokensPerSec: 130 });
  });
  it('no first token anywhere: no TTFT and no rate', () => {
    const s = chainsStats([chain(null, 100, 0)]);
    expect(s?.ttftMs).toBeNull();
    expect(s?.tokensPerSec).toBeNull();
  });
  it('no chains, no stats', () => expect(chainsStats([])).toBeNull());
});
