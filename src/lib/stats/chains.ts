import type { RunTimings } from '../core/types.ts';
import { ratePerSec } from './run.ts';

/** Several chains generated as one batch, counted as one piece of work: what thinking k times cost. */
export interface ChainsStats {
  chains: number;
  /** Every chain's tokens, added up. */
  generatedTokens: number;
  /** From the batch's start to the first token of any chain: the shared prefill. */
  ttftMs: number | null;
  /** From the batch's start to the end of its last chain. */
  totalMs: number;
  /** All chains' tokens over the whole time: the batch's throughput, not one chain's speed. */
  tokensPerSec: number | null;
}

export function chainsStats(timings: readonly RunTimings[]): ChainsStats | null {
  if (timings.length === 0) return null;
  const start = Math.min(...timings.map((t) => t.startedAt));
  const end = Math.max(...timings.map((t) => t.endedAt));
  const firsts = timings.flatMap((t) => (t.firstTokenAt === null ? [] : [t.firstTokenAt]));
  const generatedTokens = timings.reduce((a, t) => a + t.generatedTokens, 0);
  const totalMs = Math.max(0, end - start);
  return {
    chains: timings.length,
    generatedTokens,
    ttftMs: firsts.length === 0 ? null : Math.max(0, Math.min(...firsts) - start),
    totalMs,
    tokensPerSec: ratePerSec(generatedTokens, totalMs)
  };
}
