import { clampInt } from '../core/values.ts';
import { presets } from '../questions/presets.ts';
import { FAMILIES, generateSet } from '../tasks/index.ts';
import type { ProblemSet, SetFamily } from './problemSet.ts';

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

/** The family of a set where one is known: a generated set names it, items of one family imply it. */
export function familyOf(set: ProblemSet): SetFamily {
  if (set.source.kind === 'generated') return set.source.family;
  const first = set.items[0]?.family ?? null;
  return first !== null && set.items.every((i) => i.family === first) ? first : 'mixed';
}
