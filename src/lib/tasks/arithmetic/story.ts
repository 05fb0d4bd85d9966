/** What the arithmetic family's story templates build, and the people they are about. */
import type { GenerateOptions } from '../types.ts';
import { PEOPLE, capitalize, inventedWord, isHeldOut, strangeWord, type Person } from '../lexicon.ts';
import type { Op } from '../ops.ts';
import type { Rng } from '../../core/rng.ts';

/** One step of a story: how the question says it and how each rationale style explains it. */
export interface Step {
  op: Op;
  text: string;
  /** Rationale clauses, one per style; `{eq}` is replaced by the equation. */
  explain: string[];
}

export interface Story {
  intro: string[];
  steps: Step[];
  question: string;
  unit: string;
}

/** "1 apple", "3 apples". */
export function count(n: number, t: { one: string; many: string }): string {
  return `${n} ${n === 1 ? t.one : t.many}`;
}

function randomPerson(rng: Rng, pieces: readonly string[] | undefined): Person {
  const name = rng.chance(0.5) ? inventedWord(rng) : capitalize(strangeWord(rng, pieces));
  return { name, gender: rng.pick(['f', 'm'] as const) };
}

export function person(rng: Rng, options: GenerateOptions, not: Person[] = []): Person {
  const heldOut = options.heldOut ?? false;
  const randomNames = options.randomNames ?? 0;
  for (;;) {
    // Checked only when wanted, so that options without random names draw the same people as before.
    const p = randomNames > 0 && rng.chance(randomNames) ? randomPerson(rng, options.wordPieces) : rng.pick(PEOPLE);
    if (isHeldOut(p.name) === heldOut && !not.some((q) => q.name === p.name)) return p;
  }
}
