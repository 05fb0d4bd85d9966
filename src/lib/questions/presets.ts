import { Rng, generate, type Family } from '../tasks/index.ts';

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

export function presets(): Question[] {
  return PRESET_SEEDS.map(({ family, seed, steps }) => {
    const p = generate(family, new Rng(seed), { heldOut: true, ...(steps === undefined ? {} : { steps }) });
    return { question: p.question, gold: p.answer, family };
  });
}

export function practiceQuestion(family: Family, seed: number): Question {
  const p = generate(family, new Rng(seed), { heldOut: true });
  return { question: p.question, gold: p.answer, family };
}
