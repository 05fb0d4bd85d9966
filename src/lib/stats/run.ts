import type { RunTimings } from '../core/types.ts';

/** Per-run numbers shown under each pane; null where the run produced too little to measure. */
export interface RunStats {
  promptTokens: number;
  /** Of them, opening tokens whose cache an earlier run left, not read again (RunTimings.keptTokens). */
  keptTokens: number;
  /** Every token the model produced, the end-of-sequence token included. */
  generatedTokens: number;
  /** From the generate call (tokenizing included) to the first generated token. */
  ttftMs: number | null;
  /** Prompt tokens read (the kept ones not counted) over TTFT: the prefill dominates the wait for the first token. */
  prefillTokensPerSec: number | null;
  /** Tokens after the first, over the time after the first. */
  decodeTokensPerSec: number | null;
  totalMs: number;
  /** Prompts generated together with this one (itself included): above 1, prefill and steps were shared. */
  batchRows: number;
  /** Prompts decoded in turns with this one (itself included): above 1, its clock also ran through theirs. */
  turnRows: number;
}

export function ratePerSec(count: number, ms: number): number | null {
  if (count <= 0 || ms <= 0 || !Number.isFinite(ms)) return null;
  return (count * 1000) / ms;
}

export function ttftMs(t: RunTimings): number | null {
  return t.firstTokenAt === null ? null : Math.max(0, t.firstTokenAt - t.startedAt);
}

export function prefillTokensPerSec(t: RunTimings): number | null {
  const ttft = ttftMs(t);
  return ttft === null ? null : ratePerSec(t.promptTokens - (t.keptTokens ?? 0), ttft);
}

export function decodeTokensPerSec(t: RunTimings): number | null {
  if (t.firstTokenAt === null || t.lastTokenAt === null) return null;
  return ratePerSec(t.generatedTokens - 1, t.lastTokenAt - t.firstTokenAt);
}

export function totalMs(t: RunTimings): number {
  return Math.max(0, t.endedAt - t.startedAt);
}

export function runStats(t: RunTimings): RunStats {
  return {
    promptTokens: t.promptTokens,
    keptTokens: t.keptTokens ?? 0,
    generatedTokens: t.generatedTokens,
    ttftMs: ttftMs(t),
    prefillTokensPerSec: prefillTokensPerSec(t),
    decodeTokensPerSec: decodeTokensPerSec(t),
    totalMs: totalMs(t),
    batchRows: t.batchRows ?? 1,
    turnRows: t.turnRows ?? 1
  };
}

/**
 * Fewer decoded tokens than this make a rate of noise: answer-only's 3 to 6 tokens span a few milliseconds, and
 * one timer tick moves the figure by half. The page shows a dash instead (the number stays in exports).
 */
export const MIN_DECODE_TOKENS = 8;

/** Whether the run decoded enough tokens (after the first) for its decode rate to mean anything. */
export function decodeMeasurable(stats: RunStats): boolean {
  return stats.decodeTokensPerSec !== null && stats.generatedTokens - 1 >= MIN_DECODE_TOKENS;
}
