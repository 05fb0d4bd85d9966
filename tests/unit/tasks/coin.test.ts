import { describe, expect, it } from 'vitest';
import { checkCoinRationale, generateCoin } from '$lib/tasks/coin.ts';
import { PEOPLE, isHeldOut } from '$lib/tasks/lexicon.ts';
import { Rng } from '$lib/core/rng.ts';
import { expectSameDraws, readCoin } from './helpers.ts';

const rng = new Rng(77);
const problems = Array.from({ length: 300 }, () => generateCoin(rng));

describe('generateCoin', () => {
  it('answers yes exactly when the question has an even number of flips', () => {
    for (const p of problems) {
      const { flips } = readCoin(p.question);
      expect(p.answer, p.question).toBe(flips % 2 === 0 ? 'yes' : 'no');
    }
  });

  it('has one action per person, as many people as steps', () => {
    for (const p of problems) {
      const { actors, flips, keeps } = readCoin(p.question);
      expect(actors, p.question).toHaveLength(p.steps);
      expect(flips + keeps).toBe(p.steps);
      expect(new Set(actors).size, p.question).toBe(actors.length);
    }
  });

  it('keeps steps within 2 to 6 and uses every count', () => {
    expect(new Set(problems.map((p) => p.steps))).toEqual(new Set([2, 3, 4, 5, 6]));
  });

  it('answers both yes and no, and starts from both faces', () => {
    expect(new Set(problems.map((p) => p.answer))).toEqual(new Set(['yes', 'no']));
    expect(new Set(problems.map((p) => readCoin(p.question).start))).toEqual(new Set(['heads', 'tails']));
  });

  it.each([2, 4, 6])('honours a forced step count of %i', (steps) => {
    const r = new Rng(steps);
    for (let i = 0; i < 30; i++) expect(readCoin(generateCoin(r, { steps }).question).actors).toHaveLength(steps);
  });

  it('names in every rationale the people who flip', () => {
    for (const p of problems) {
      const { actors } = readCoin(p.question);
      const track = p.rationales[0] ?? '';
      for (const a of actors) expect(track, p.question).toContain(a);
    }
  });

  it('uses only held-out names when asked for held-out problems', () => {
    const r = new Rng(8);
    for (let i = 0; i < 200; i++) {
      const { actors } = readCoin(generateCoin(r, { heldOut: true }).question);
      for (const a of actors) expect(isHeldOut(a), a).toBe(true);
    }
  });

  it('uses no held-out names by default', () => {
    for (const p of problems) for (const a of readCoin(p.question).actors) expect(isHeldOut(a), a).toBe(false);
  });

  it('varies its wording: many distinct sentence templates', () => {
    const templates = new Set<string>();
    for (const p of problems) {
      for (const s of p.question.match(/[^.?]+[.?]/g) ?? []) templates.add(s.trim().replace(/^\S+ (?=\S)/, 'X '));
    }
    expect(templates.size).toBeGreaterThanOrEqual(18);
  });
});

describe('checkCoinRationale', () => {
  it('accepts yes/no answers stated at the end', () => {
    expect(checkCoinRationale('Nobody flips it. The answer is yes.', 'yes')).toBe(true);
  });

  it('rejects an answer that is not yes or no', () => {
    expect(checkCoinRationale('The answer is maybe.', 'maybe')).toBe(false);
  });

  it('rejects a rationale ending on another answer', () => {
    expect(checkCoinRationale('The answer is no.', 'yes')).toBe(false);
  });
});

describe('generateCoin with randomWords (training only)', () => {
  it('leaves problems unchanged when the share is zero', () => {
    expectSameDraws(generateCoin, 3, {}, { randomWords: 0 });
  });

  it('names people with capitalised random strings and still reads correctly', () => {
    const names = new Set(PEOPLE.map((p) => p.name));
    const r = new Rng(8);
    let actors = 0;
    let random = 0;
    for (let i = 0; i < 200; i++) {
      const p = generateCoin(r, { randomWords: 1 });
      const reading = readCoin(p.question);
      expect(p.answer, p.question).toBe(reading.flips % 2 === 0 ? 'yes' : 'no');
      for (const a of reading.actors) {
        actors++;
        expect(a).toMatch(/^[A-Z][a-z]+$/);
        if (!names.has(a)) random++;
        expect(isHeldOut(a), a).toBe(false);
      }
    }
    expect(random).toBe(actors);
  });

  it('builds about half the random names from the given pieces, still read correctly', () => {
    const r = new Rng(9);
    let actors = 0;
    let fromPieces = 0;
    for (let i = 0; i < 200; i++) {
      const p = generateCoin(r, { randomWords: 1, wordPieces: ['zq', 'vx'] });
      const reading = readCoin(p.question);
      expect(p.answer, p.question).toBe(reading.flips % 2 === 0 ? 'yes' : 'no');
      actors += reading.actors.length;
      fromPieces += reading.actors.filter((a) => /^(zq|vx)+$/i.test(a)).length;
    }
    expect(fromPieces / actors).toBeGreaterThan(0.3);
    expect(fromPieces / actors).toBeLessThan(0.6);
  });
});
