/** Benchmark maths: per-run metrics from token timestamps, and summaries over repetitions. */
import { median, ratePerSec } from '$lib/stats/index.ts';
import type { RunResult } from './web/api.ts';

export interface RunMetrics {
  promptTokens: number;
  generatedTokens: number;
  /** From the generate call (tokenizing included, for the app) to the first generated token. */
  ttftMs: number | null;
  /** Prompt tokens over TTFT. */
  prefillTokensPerSec: number | null;
  /** Tokens after the first over the time after the first, as the app's panes show it. */
  decodeTokensPerSec: number | null;
  /** Gaps between consecutive tokens. */
  interTokenMs: number[];
  /** CPU time of the whole run (prefill included) over the tokens it generated. */
  cpuMsPerToken: number | null;
}

export function runMetrics(r: RunResult): RunMetrics {
  const first = r.tokenAt[0];
  const last = r.tokenAt.at(-1);
  const ttftMs = first === undefined ? null : first - r.startedAt;
  return {
    promptTokens: r.promptTokens,
    generatedTokens: r.tokenAt.length,
    ttftMs,
    prefillTokensPerSec: ttftMs === null ? null : ratePerSec(r.promptTokens, ttftMs),
    decodeTokensPerSec:
      first === undefined || last === undefined ? null : ratePerSec(r.tokenAt.length - 1, last - first),
    interTokenMs: r.tokenAt.slice(1).map((t, i) => t - (r.tokenAt[i] ?? t)),
    cpuMsPerToken: r.cpuMs === undefined || r.tokenAt.length === 0 ? null : r.cpuMs / r.tokenAt.length
  };
}

/** Linear interpolation between closest ranks; null for no values. */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const at = Math.min(1, Math.max(0, q)) * (sorted.length - 1);
  const lo = Math.floor(at);
  const a = sorted[lo] ?? 0;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] ?? a;
  return a + (b - a) * (at - lo);
}

/** Median and full range of the repetitions: with five, the range is the honest spread. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function summarize(values: readonly (number | null)[]): Summary | null {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const m = median(xs);
  if (m === null) return null;
  return { median: m, min: Math.min(...xs), max: Math.max(...xs), n: xs.length };
}

/**
 * Ratios of runs taken back to back (app, then bare, same prompt): contention from other processes
 * drifts over seconds, so a ratio of neighbours is steadier than a ratio of medians.
 */
export function pairedRatios(app: readonly (number | null)[], bare: readonly (number | null)[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < Math.min(app.length, bare.length); i++) {
    const a = app[i];
    const b = bare[i];
    if (a != null && b != null && b > 0) out.push(a / b);
  }
  return out;
}
