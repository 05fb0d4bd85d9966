import { expect } from 'vitest';
import { PEOPLE, THINGS } from '$lib/tasks/lexicon.ts';
import { Rng } from '$lib/core/rng.ts';
import type { GenerateOptions, Problem } from '$lib/tasks/types.ts';

export const PERSON_NAMES = new Set(PEOPLE.map((p) => p.name));

// Longest first, so "toy cars" is masked before "cars" could be.
const THING_WORDS = [...new Set(THINGS.flatMap((t) => [t.one, t.many, ...t.containers]))].sort(
  (a, b) => b.length - a.length
);
const THING_RE = new RegExp(`\\b(${THING_WORDS.join('|')})s?\\b`, 'g');

/** The quoted phrase of a last-letter question, split into its words. */
export function quotedWords(question: string): string[] {
  const m = /"([^"]+)"/.exec(question);
  if (m?.[1] === undefined) throw new Error(`no quoted phrase in: ${question}`);
  return m[1].split(' ');
}

/** Last letters of the quoted words, recomputed without the generator's help. */
export function lastLettersAnswer(question: string): string {
  return quotedWords(question)
    .map((w) => w.slice(-1).toLowerCase())
    .join('');
}

export interface CoinReading {
  start: 'heads' | 'tails';
  actors: string[];
  flips: number;
  keeps: number;
}

const KEEP = /^(does not|doesn't|leaves|decides not)\b/;
const FLIP = /^(flips|turns|reverses)\b/;

/** Read a coin question as a person would: the starting face, then who flips and who does not. */
export function readCoin(question: string): CoinReading {
  const sentences = (question.match(/[^.?]+[.?]/g) ?? []).map((s) => s.trim()).filter((s) => !s.startsWith('Note'));
  const opening = sentences[0] ?? '';
  const face = /\b(heads|tails)\b/.exec(opening)?.[1];
  if (face !== 'heads' && face !== 'tails') throw new Error(`no starting face in: ${question}`);
  const actions = sentences.slice(1).filter((s) => !s.endsWith('?'));
  const reading: CoinReading = { start: face, actors: [], flips: 0, keeps: 0 };
  for (const action of actions) {
    const space = action.indexOf(' ');
    const actor = action.slice(0, space);
    const rest = action.slice(space + 1);
    reading.actors.push(actor);
    if (KEEP.test(rest)) reading.keeps++;
    else if (FLIP.test(rest)) reading.flips++;
    else throw new Error(`cannot read action "${action}" in: ${question}`);
  }
  const ask = sentences[sentences.length - 1] ?? '';
  if (!ask.endsWith('?') || !ask.includes(face)) throw new Error(`question does not ask about ${face}: ${question}`);
  return reading;
}

/** A sentence with numbers, people's names and things masked: what is left is the template. */
export function skeleton(text: string): string {
  return text
    .replace(/\d+/g, 'N')
    .replace(/\b[A-Z][a-z]+\b/g, (w) => (PERSON_NAMES.has(w) ? 'X' : w))
    .replace(THING_RE, 'T');
}

/**
 * A training option at zero must draw exactly what the generator drew without it, or rebuilding an earlier stage's
 * corpus would no longer give that stage's data: fifty problems from one seed under each set of options.
 */
export function expectSameDraws(
  generate: (rng: Rng, options: GenerateOptions) => Problem,
  seed: number,
  before: GenerateOptions,
  after: GenerateOptions
): void {
  const draw = (options: GenerateOptions): Problem[] => {
    const rng = new Rng(seed);
    return Array.from({ length: 50 }, () => generate(rng, options));
  };
  expect(draw(after)).toEqual(draw(before));
}
