import type { EvalMode } from '../prompts/index.ts';
import { median, wilson, type Interval } from '../stats/index.ts';
import { FAMILIES, type Family } from '../tasks/index.ts';
import type { EvalRecord } from './problemSet.ts';

/** Accuracy of one group of answers; `null` where nothing was answered yet. */
export interface Tally {
  n: number;
  correct: number;
  accuracy: number | null;
  ci: Interval | null;
}

export interface ModeSummary extends Tally {
  mode: EvalMode;
  /** Generations that failed; they count in no accuracy. */
  errors: number;
  /** The cost of thinking: what one question costs in this mode, on average. */
  meanGeneratedTokens: number | null;
  meanSeconds: number | null;
  medianDecodeTokensPerSec: number | null;
}

/** One family and number of steps; steps mean operations, people or words depending on the family. */
export interface StepRow {
  family: Family | null;
  steps: number;
  /** Only the modes that were evaluated. */
  tallies: Partial<Record<EvalMode, Tally>>;
}

export interface EvalSummary {
  modes: ModeSummary[];
  bySteps: StepRow[];
}

export function tally(records: readonly EvalRecord[]): Tally {
  const answered = records.filter((r) => r.error === null);
  const n = answered.length;
  const correct = answered.filter((r) => r.correct).length;
  return { n, correct, accuracy: n === 0 ? null : correct / n, ci: wilson(correct, n) };
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

export function summarizeMode(mode: EvalMode, all: readonly EvalRecord[]): ModeSummary {
  const records = all.filter((r) => r.mode === mode);
  const answered = records.filter((r) => r.error === null);
  const rates = answered.flatMap((r) => (r.decodeTokensPerSec === null ? [] : [r.decodeTokensPerSec]));
  return {
    mode,
    ...tally(records),
    errors: records.length - answered.length,
    meanGeneratedTokens: mean(answered.map((r) => r.generatedTokens)),
    meanSeconds: mean(answered.map((r) => r.totalMs / 1000)),
    medianDecodeTokensPerSec: median(rates)
  };
}

function familyOrder(f: Family | null): number {
  return f === null ? FAMILIES.length : FAMILIES.indexOf(f);
}

/** Accuracy per mode, and per family × steps where the set says how many steps a question takes. */
export function summarize(records: readonly EvalRecord[], modes: readonly EvalMode[]): EvalSummary {
  const groups = new Map<string, { family: Family | null; steps: number; records: EvalRecord[] }>();
  for (const r of records) {
    if (r.steps === null) continue;
    const key = `${r.family ?? ''}:${r.steps}`;
    const group = groups.get(key) ?? { family: r.family, steps: r.steps, records: [] };
    group.records.push(r);
    groups.set(key, group);
  }
  const bySteps = [...groups.values()]
    .sort((a, b) => familyOrder(a.family) - familyOrder(b.family) || a.steps - b.steps)
    .map((g) => {
      const tallies: Partial<Record<EvalMode, Tally>> = {};
      for (const m of modes) tallies[m] = tally(g.records.filter((r) => r.mode === m));
      return { family: g.family, steps: g.steps, tallies };
    });
  return { modes: modes.map((m) => summarizeMode(m, records)), bySteps };
}

/** "62 %" for a projector; a dash when there is nothing to show. */
export function formatPercent(fraction: number | null, digits = 0): string {
  if (fraction === null || !Number.isFinite(fraction)) return '—';
  return `${(fraction * 100).toFixed(digits)} %`;
}

export function formatInterval(ci: Interval | null): string {
  if (ci === null) return '—';
  return `${Math.round(ci.low * 100)}–${Math.round(ci.high * 100)} %`;
}
