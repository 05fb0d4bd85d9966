import { op, type Op } from '../ops.ts';
import { PEOPLE, capitalize, inventedWord, isHeldOut, pronoun } from '../lexicon.ts';
import type { Rng } from '../../core/rng.ts';
import type { GenerateOptions } from '../types.ts';
import type { Category, Noun } from './categories.ts';

/** Someone the story is about: a named person, or "the baker", with the pronouns that go with them. */
export interface Who {
  name: string;
  subj: string;
  obj: string;
  poss: string;
}

/**
 * One calculation. `quote` restates the question's own words for the numbers it uses, so that a grounded
 * rationale reads them off the question before computing ("Mike has 82 books and the librarian takes 10").
 */
export interface Calc {
  op: Op;
  quote: string;
  /** What the result is, after the equation: "books are left", "dollars in all". */
  result: string;
  /** A lead-in for the short style: "Taking away 10 leaves". */
  lead: string;
}

export interface Built {
  facts: string[];
  question: string;
  calcs: Calc[];
  /** Numbers the question writes in words ("twice"), which checkStory cannot read from its digits. */
  said?: number[];
}

/** A problem kind: its facts, question and calculations, or null when the draw does not fit it. */
export type Kind = (c: Ctx, t: Tense) => Built | null;

export interface Ctx {
  rng: Rng;
  options: GenerateOptions;
  cat: Category;
  noun: Noun;
  w: Who;
}

export function calc(kind: Op['kind'], a: number, b: number, quote: string, result: string, lead: string): Calc {
  return { op: op(kind, a, b), quote, result, lead };
}

/** A count of things: "1 apple", "5 apples". */
export function of(n: number, noun: Noun): string {
  return `${n} ${n === 1 ? noun.one : noun.many}`;
}

export function money(n: number, rng: Rng): string {
  return rng.chance(0.85) ? `$${n}` : `${n} dollars`;
}

/** Mostly small numbers, as in school problems, with a tail of two- and three-digit ones. */
export function num(rng: Rng, lo = 2, hi = 60): number {
  const r = rng.next();
  if (r < 0.65) return rng.int(lo, Math.min(hi, 30));
  if (r < 0.93) return rng.int(Math.max(lo, 10), Math.max(hi, 99));
  return rng.int(100, 500);
}

export function namedWho(rng: Rng, options: GenerateOptions, not: readonly string[] = []): Who {
  const heldOut = options.heldOut ?? false;
  for (;;) {
    const random = (options.randomNames ?? 0) > 0 && rng.chance(options.randomNames ?? 0);
    const p = random ? { name: inventedWord(rng), gender: rng.pick(['f', 'm'] as const) } : rng.pick(PEOPLE);
    if (isHeldOut(p.name) !== heldOut || not.includes(p.name)) continue;
    const pr = pronoun(p);
    const title = rng.chance(0.08) ? rng.pick(p.gender === 'f' ? ['Mrs.', 'Ms.'] : ['Mr.']) : '';
    return { name: title ? `${title} ${p.name}` : p.name, ...pr };
  }
}

/** A named person most of the time, else the category's owner ("the baker"), who is "she", "he" or "it". */
export function who(rng: Rng, options: GenerateOptions, cat: Category, not: readonly string[] = []): Who {
  if (!rng.chance(0.25)) return namedWho(rng, options, not);
  const owner = rng.pick(cat.owners).replace(/^an? /, 'the ');
  if (not.includes(owner)) return namedWho(rng, options, not);
  const thing =
    /^the (school|zoo|shop|bakery|cafe|club|farm|park|garage|town|team|class|shelter|restaurant|hotel|day camp|toy store|pet shop|laundry|school garden)$/;
  if (thing.test(owner)) return { name: owner, subj: 'it', obj: 'it', poss: 'its' };
  return { name: owner, ...pronoun({ name: owner, gender: rng.pick(['f', 'm'] as const) }) };
}

/** Present or past: "has"/"had". Real problems mix both; the rationale follows the question's tense. */
export interface Tense {
  has: string;
  is: string;
  does: string;
  /** The plural of `is`: "are"/"were". */
  are: string;
}
export const PAST: Tense = { has: 'had', is: 'was', does: 'did', are: 'were' };
export const PRESENT: Tense = { has: 'has', is: 'is', does: 'does', are: 'are' };

/** Sentence case for a clause that may start with "the baker" or a lower-case pronoun. */
export function sentence(text: string): string {
  return capitalize(text.trim());
}

/** Who the subject is in a sentence: the name, or its pronoun once it has been named. */
export function subj(w: Who, rng: Rng): string {
  return rng.chance(0.6) ? w.name : w.subj;
}
