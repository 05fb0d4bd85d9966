import type { Family } from '../tasks/index.ts';

/** One benchmark row of a paper: accuracy in percent without and with the reasoning trigger. */
export interface ReferenceRow {
  dataset: string;
  /** The bundled generator family that asks the same kind of question. */
  family: Family;
  zeroShot: number;
  zeroShotCot: number;
}

export interface ReferencePaper {
  citation: string;
  url: string;
  model: string;
  parameters: number;
  rows: readonly ReferenceRow[];
}

/**
 * Kojima et al. 2022, "Large Language Models are Zero-Shot Reasoners", Table 1: text-davinci-002 (175B), zero-shot
 * ("The answer is" straight away) against zero-shot-CoT ("Let's think step by step."). Our answer-only mode is the
 * paper's zero-shot.
 */
export const KOJIMA_2022: ReferencePaper = {
  citation: 'Kojima et al. 2022, Large Language Models are Zero-Shot Reasoners',
  url: 'https://arxiv.org/abs/2205.11916',
  model: 'text-davinci-002',
  parameters: 175e9,
  rows: [
    { dataset: 'MultiArith', family: 'arithmetic', zeroShot: 17.7, zeroShotCot: 78.7 },
    { dataset: 'GSM8K', family: 'arithmetic', zeroShot: 10.4, zeroShotCot: 40.7 },
    { dataset: 'AddSub', family: 'arithmetic', zeroShot: 72.2, zeroShotCot: 69.6 },
    { dataset: 'SingleEq', family: 'arithmetic', zeroShot: 74.6, zeroShotCot: 78.0 },
    { dataset: 'SVAMP', family: 'arithmetic', zeroShot: 58.8, zeroShotCot: 62.1 },
    { dataset: 'Coin Flip', family: 'coin', zeroShot: 12.8, zeroShotCot: 91.4 },
    { dataset: 'Last Letters', family: 'letters', zeroShot: 0.2, zeroShotCot: 57.6 }
  ]
};

/** One model on one benchmark: chain-of-thought decoded greedily, then self-consistency's vote, in percent. */
export interface ConsistencyRow {
  model: string;
  parameters: number;
  dataset: string;
  cot: number;
  selfConsistency: number;
}

/**
 * Wang et al. 2022, "Self-Consistency Improves Chain of Thought Reasoning in Language Models", Table 2: few-shot
 * CoT prompting decoded greedily against the majority of 40 sampled paths, for the two models whose sizes the
 * paper states. The page's own row is zero-shot CoT against its k chains.
 */
export const WANG_2022 = {
  citation: 'Wang et al. 2022, Self-Consistency Improves Chain of Thought Reasoning in Language Models',
  url: 'https://arxiv.org/abs/2203.11171',
  samples: 40,
  rows: [
    { model: 'LaMDA', parameters: 137e9, dataset: 'MultiArith', cot: 51.8, selfConsistency: 75.7 },
    { model: 'LaMDA', parameters: 137e9, dataset: 'SVAMP', cot: 38.9, selfConsistency: 53.3 },
    { model: 'LaMDA', parameters: 137e9, dataset: 'GSM8K', cot: 17.1, selfConsistency: 27.7 },
    { model: 'PaLM', parameters: 540e9, dataset: 'MultiArith', cot: 94.7, selfConsistency: 99.3 },
    { model: 'PaLM', parameters: 540e9, dataset: 'SVAMP', cot: 79.0, selfConsistency: 86.6 },
    { model: 'PaLM', parameters: 540e9, dataset: 'GSM8K', cot: 56.5, selfConsistency: 74.4 }
  ] satisfies readonly ConsistencyRow[]
} as const;

/** How many times larger the paper's model is: "62,000×" reads better on a slide than a ratio with decimals. */
export function sizeRatio(paperParameters: number, modelParameters: number | null): number | null {
  if (modelParameters === null || modelParameters <= 0 || !Number.isFinite(paperParameters)) return null;
  return paperParameters / modelParameters;
}

/** 2808480 → "2.8M", 175e9 → "175B". */
export function formatParameters(n: number | null): string {
  if (n === null || !Number.isFinite(n) || n <= 0) return '—';
  const units: readonly [number, string][] = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k']
  ];
  for (const [size, unit] of units) {
    if (n >= size) {
      const v = n / size;
      return `${v >= 100 ? Math.round(v) : Number(v.toFixed(1))}${unit}`;
    }
  }
  return String(Math.round(n));
}

/** Two significant figures with thousands separators: 62,311 → "62,000". */
export function formatRatio(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio) || ratio <= 0) return '—';
  const rounded = Number(ratio.toPrecision(2));
  return `${rounded.toLocaleString('en-US')}×`;
}

/** The families the paper row matters for, given the evaluated set's family (all of them for a mixed set). */
export function isRelevant(row: ReferenceRow, family: Family | 'mixed' | null): boolean {
  return family === null || family === 'mixed' || row.family === family;
}

/** One mode's accuracy on this page, as the evaluation summary gives it. */
interface ModeAccuracy {
  mode: string;
  accuracy: number | null;
}

/** A mode's accuracy in percent, to one decimal as the papers print it; null when it was not evaluated. */
function percentOf(modes: readonly ModeAccuracy[], mode: string): number | null {
  const a = modes.find((m) => m.mode === mode)?.accuracy;
  return a === undefined || a === null ? null : Math.round(a * 1000) / 10;
}

/** This page's counterpart of a paper row, in percent: answer-only is the paper's zero-shot. */
export function liveComparison(modes: readonly ModeAccuracy[]): {
  zeroShot: number | null;
  zeroShotCot: number | null;
} {
  return { zeroShot: percentOf(modes, 'answer-only'), zeroShotCot: percentOf(modes, 'zero-shot-cot') };
}

/** This page's zero-shot CoT and self-consistency, in percent, for the row under Wang et al.'s. */
export function liveConsistency(modes: readonly ModeAccuracy[]): {
  cot: number | null;
  selfConsistency: number | null;
} {
  return { cot: percentOf(modes, 'zero-shot-cot'), selfConsistency: percentOf(modes, 'self-consistency') };
}

/** "+61.0" / "−2.6": the change the trigger makes, signed, in points. */
export function formatDelta(from: number | null, to: number | null): string {
  if (from === null || to === null) return '—';
  const d = to - from;
  return `${d >= 0 ? '+' : '−'}${Math.abs(d).toFixed(1)}`;
}
