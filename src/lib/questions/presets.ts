import { Rng, generate, type Family } from '../tasks/index.ts';
import { WORD_PROBLEMS } from './wordProblems.ts';

export interface Question {
  question: string;
  /** The gold answer when known; free-typed questions have none. */
  gold: string | null;
  family: Family | null;
}

/**
 * Hand-picked seeds: one short and one longer problem per family, stable across reloads. Presets and practice
 * questions use held-out names, so the audience sees problems the student never saw and none of them is a
 * few-shot exemplar (those come from seed 7 with training names).
 */
const PRESET_SEEDS: readonly { family: Family; seed: number; steps?: number }[] = [
  { family: 'arithmetic', seed: 8, steps: 2 },
  { family: 'arithmetic', seed: 11, steps: 3 },
  { family: 'coin', seed: 5, steps: 2 },
  { family: 'coin', seed: 13, steps: 4 },
  { family: 'letters', seed: 3, steps: 2 },
  { family: 'letters', seed: 17, steps: 3 }
];

/** A preset question with its chip's label. */
export interface Preset extends Question {
  label: string;
}

/** The generated presets (a short and a longer one per family), then the hand-written word problems. */
export function presets(): Preset[] {
  const generated = PRESET_SEEDS.map(({ family, seed, steps }, i): Preset => {
    const p = generate(family, new Rng(seed), { heldOut: true, ...(steps === undefined ? {} : { steps }) });
    return { question: p.question, gold: p.answer, family, label: i % 2 === 0 ? family : `${family}+` };
  });
  const written = WORD_PROBLEMS.map((w, i): Preset => ({
    question: w.question,
    gold: w.answer,
    family: 'arithmetic',
    label: `words ${i + 1}`
  }));
  return [...generated, ...written];
}

export function practiceQuestion(family: Family, seed: number): Question {
  const p = generate(family, new Rng(seed), { heldOut: true });
  return { question: p.question, gold: p.answer, family };
}
