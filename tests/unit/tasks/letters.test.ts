import { describe, expect, it } from 'vitest';
import {
  PEOPLE,
  SURNAME_LIST,
  WORDS,
  blendedWord,
  isHeldOut,
  inventedWord,
  pieceWord,
  randomLetters,
  strangeWord
} from '$lib/tasks/lexicon.ts';
import { checkLettersRationale, generateLetters } from '$lib/tasks/letters.ts';
import { Rng } from '$lib/core/rng.ts';
import type { GenerateOptions } from '$lib/tasks/types.ts';
import { expectSameDraws, lastLettersAnswer, quotedWords } from './helpers.ts';

const rng = new Rng(31);
const problems = Array.from({ length: 300 }, () => generateLetters(rng));

describe('generateLetters', () => {
  it('answers with the last letters of the quoted words, recomputed from the question', () => {
    for (const p of problems) expect(p.answer, p.question).toBe(lastLettersAnswer(p.question));
  });

  it('quotes as many words as steps', () => {
    for (const p of problems) expect(quotedWords(p.question), p.question).toHaveLength(p.steps);
  });

  it('keeps steps within 2 to 5 and uses every count', () => {
    expect(new Set(problems.map((p) => p.steps))).toEqual(new Set([2, 3, 4, 5]));
  });

  it('gives lowercase letter answers', () => {
    for (const p of problems) expect(p.answer).toMatch(/^[a-z]+$/);
  });

  it('spells out every word in the first rationale', () => {
    for (const p of problems) {
      for (const w of quotedWords(p.question)) expect(p.rationales[0], p.question).toContain(`"${w}"`);
    }
  });

  it.each([2, 3, 5])('honours a forced step count of %i', (steps) => {
    const r = new Rng(steps);
    for (let i = 0; i < 30; i++) expect(quotedWords(generateLetters(r, { steps }).question)).toHaveLength(steps);
  });

  it('uses only held-out words when asked for held-out problems', () => {
    const r = new Rng(4);
    for (let i = 0; i < 200; i++) {
      for (const w of quotedWords(generateLetters(r, { heldOut: true }).question)) expect(isHeldOut(w), w).toBe(true);
    }
  });

  it('uses no held-out words by default', () => {
    for (const p of problems) for (const w of quotedWords(p.question)) expect(isHeldOut(w), w).toBe(false);
  });

  it('varies its wording: several question templates', () => {
    const templates = new Set(problems.map((p) => p.question.replace(/"[^"]+"/, '"…"')));
    expect(templates.size).toBeGreaterThanOrEqual(5);
  });
});

const KNOWN = new Set([...PEOPLE.map((p) => p.name), ...SURNAME_LIST, ...WORDS]);

/**
 * The share of quoted words in 300 training problems that `counts` picks; every answer is checked on the way and no
 * word may be held out.
 */
function trainingWordShare(seed: number, options: GenerateOptions, counts: (w: string) => boolean): number {
  const r = new Rng(seed);
  let words = 0;
  let counted = 0;
  for (let i = 0; i < 300; i++) {
    const p = generateLetters(r, options);
    expect(p.answer, p.question).toBe(lastLettersAnswer(p.question));
    for (const w of quotedWords(p.question)) {
      words++;
      if (counts(w)) counted++;
      expect(isHeldOut(w), w).toBe(false);
    }
  }
  return counted / words;
}

describe('generateLetters with randomWords (training only)', () => {
  it('leaves problems unchanged when the share is zero', () => {
    expectSameDraws(generateLetters, 9, {}, { randomWords: 0 });
  });

  it('replaces about the given share of words by strings from no list, still answered correctly', () => {
    // Random strings that happen to be capitalised are not counted, so the measured share sits below one half.
    const share = trainingWordShare(12, { randomWords: 0.5 }, (w) => !KNOWN.has(w) && !/^[A-Z][a-z]+$/.test(w));
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.5);
  });
});

describe('generateLetters with blendedWords (training only)', () => {
  it('leaves problems unchanged when the share is zero', () => {
    expectSameDraws(generateLetters, 4, { randomWords: 0.5 }, { randomWords: 0.5, blendedWords: 0 });
  });

  it('blends words the lists do not hold, never held out, still answered correctly', () => {
    // Invented words (a fifth of the rest) are unlisted too; a blend can also land on a listed word.
    const share = trainingWordShare(13, { blendedWords: 0.5 }, (w) => !KNOWN.has(w));
    expect(share).toBeGreaterThan(0.4);
    expect(share).toBeLessThan(0.75);
  });
});

describe('generateLetters with wordPieces (training only)', () => {
  it('builds some random words from the given pieces, still answered correctly', () => {
    const pieces = ['qx', 'zzv'];
    const share = trainingWordShare(14, { randomWords: 0.5, wordPieces: pieces }, (w) => /^(qx|zzv)+$/i.test(w));
    expect(share).toBeGreaterThan(0.1);
    expect(share).toBeLessThan(0.35);
  });
});

describe('checkLettersRationale', () => {
  it('accepts the right letters stated at the end', () => {
    expect(checkLettersRationale('... The answer is ey.', ['Anne', 'Roy'], 'ey')).toBe(true);
  });

  it('rejects wrong letters', () => {
    expect(checkLettersRationale('... The answer is ex.', ['Anne', 'Roy'], 'ex')).toBe(false);
  });
});

describe('lexicon', () => {
  it('isHeldOut is case-insensitive and holds out about a fifth of words', () => {
    expect(isHeldOut('Maria')).toBe(isHeldOut('maria'));
    const r = new Rng(1);
    const words = Array.from({ length: 2000 }, () => inventedWord(r));
    const share = words.filter(isHeldOut).length / words.length;
    expect(share).toBeGreaterThan(0.12);
    expect(share).toBeLessThan(0.28);
  });

  it('randomLetters gives 2 to 10 letters, capitalised about half the time', () => {
    const r = new Rng(5);
    const words = Array.from({ length: 400 }, () => randomLetters(r));
    for (const w of words) expect(w).toMatch(/^[A-Za-z][a-z]{1,9}$/);
    const capitalised = words.filter((w) => /^[A-Z]/.test(w)).length / words.length;
    expect(capitalised).toBeGreaterThan(0.4);
    expect(capitalised).toBeLessThan(0.6);
  });

  it('blendedWord joins the head of one word to the tail of another', () => {
    const r = new Rng(3);
    const words = ['Sally', 'lamp', 'Jo'];
    for (let i = 0; i < 300; i++) {
      const w = blendedWord(r, words);
      const splits = Array.from({ length: w.length - 1 }, (_, k) => [w.slice(0, k + 1), w.slice(k + 1)] as const);
      expect(
        splits.some(([head, tail]) => words.some((a) => a.startsWith(head)) && words.some((b) => b.endsWith(tail))),
        w
      ).toBe(true);
    }
    expect(new Set(Array.from({ length: 200 }, () => blendedWord(r, words))).size).toBeGreaterThan(8);
  });

  it('inventedWord gives capitalised letter-only words', () => {
    const r = new Rng(2);
    for (let i = 0; i < 200; i++) expect(inventedWord(r)).toMatch(/^[A-Z][a-z]+$/);
  });

  it('pieceWord runs one to three pieces together, capitalised about half the time', () => {
    const r = new Rng(8);
    const words = Array.from({ length: 400 }, () => pieceWord(r, ['ally', 'amp', 'x']));
    for (const w of words) expect(w.toLowerCase()).toMatch(/^(ally|amp|x){1,4}$/);
    expect(words.every((w) => w.length >= 2)).toBe(true);
    const capitalised = words.filter((w) => /^[A-Z]/.test(w)).length / words.length;
    expect(capitalised).toBeGreaterThan(0.4);
    expect(capitalised).toBeLessThan(0.6);
    expect(new Set(words.map((w) => w.toLowerCase())).size).toBeGreaterThan(20);
  });

  it('strangeWord without pieces draws exactly what randomLetters draws', () => {
    const a = new Rng(6);
    const b = new Rng(6);
    for (let i = 0; i < 50; i++) expect(strangeWord(a, undefined)).toBe(randomLetters(b));
  });

  it('strangeWord builds about half its words from the pieces when given some', () => {
    const r = new Rng(6);
    const words = Array.from({ length: 1000 }, () => strangeWord(r, ['QQ']));
    const fromPieces = words.filter((w) => /^(qq)+$/i.test(w)).length / words.length;
    expect(fromPieces).toBeGreaterThan(0.4);
    expect(fromPieces).toBeLessThan(0.6);
  });
});
