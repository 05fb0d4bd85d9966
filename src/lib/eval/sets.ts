import { presets } from '../state/presets.ts';
import { FAMILIES, generateSet } from '../tasks/index.ts';
import type { ProblemSet, SetFamily } from './types.ts';

/** Caps on any set, generated or uploaded: an evaluation of more questions would outlast a talk anyway. */
export const SET_LIMITS = {
  maxItems: 500,
  /** Uploads and pastes larger than this are refused before parsing. */
  maxBytes: 1_000_000,
  maxQuestionChars: 1_000,
  maxAnswerChars: 100,
  maxSteps: 50,
  maxSeed: 2 ** 31 - 1
} as const;

export const SET_FAMILIES: readonly SetFamily[] = ['mixed', ...FAMILIES];

export function isSetFamily(value: unknown): value is SetFamily {
  return typeof value === 'string' && (SET_FAMILIES as readonly string[]).includes(value);
}

/** A whole number within [min, max], or the fallback for anything else (NaN from an empty input, text, Infinity). */
export function clampInt(value: number, min: number, max: number, fallback: number): number {
  if (!Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.round(value)));
}

/** Held-out names only, so the student is tested on problems it never saw, with the generator's gold answers. */
export function generatedSet(family: SetFamily, count: number, seed: number): ProblemSet {
  const n = clampInt(count, 1, SET_LIMITS.maxItems, 1);
  const s = clampInt(seed, 0, SET_LIMITS.maxSeed, 0);
  const families = family === 'mixed' ? FAMILIES : [family];
  const problems = generateSet(s, n, families, { heldOut: true });
  return {
    label: `${family} × ${n}, seed ${s}`,
    source: { kind: 'generated', family, count: n, seed: s },
    items: problems.map((p, i) => ({
      id: String(i + 1),
      question: p.question,
      gold: p.answer,
      family: p.family,
      steps: p.steps
    }))
  };
}

/** The page's preset questions as a (tiny) set. */
export function presetSet(): ProblemSet {
  return {
    label: 'presets',
    source: { kind: 'presets' },
    items: presets().flatMap((q, i) =>
      q.gold === null
        ? []
        : [{ id: `preset-${i + 1}`, question: q.question, gold: q.gold, family: q.family, steps: null }]
    )
  };
}
