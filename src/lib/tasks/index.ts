import { generateArithmetic } from './arithmetic/index.ts';
import { generateCoin } from './coin.ts';
import { generateLetters } from './letters.ts';
import { Rng } from '../core/rng.ts';
import { FAMILIES, type Family, type GenerateOptions, type Problem } from './types.ts';

export { Rng } from '../core/rng.ts';
export { generateStory } from './stories/index.ts';
export { FAMILIES, answerSentence, type Family, type GenerateOptions, type Problem } from './types.ts';

export function generate(family: Family, rng: Rng, options: GenerateOptions = {}): Problem {
  switch (family) {
    case 'arithmetic':
      return generateArithmetic(rng, options);
    case 'coin':
      return generateCoin(rng, options);
    case 'letters':
      return generateLetters(rng, options);
  }
}

/** A seeded problem set, families interleaved, for practice questions and evaluation. */
export function generateSet(
  seed: number,
  count: number,
  families: readonly Family[] = FAMILIES,
  options: GenerateOptions = {}
): Problem[] {
  const rng = new Rng(seed);
  return Array.from({ length: count }, (_, i) => generate(families[i % families.length] ?? 'arithmetic', rng, options));
}
