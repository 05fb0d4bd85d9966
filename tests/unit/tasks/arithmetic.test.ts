import { describe, expect, it } from 'vitest';
import { checkArithmeticRationale, generateArithmetic } from '$lib/tasks/arithmetic/index.ts';
import { applyOp, equation, kindOfSymbol } from '$lib/tasks/ops.ts';
import { isHeldOut } from '$lib/tasks/lexicon.ts';
import { Rng } from '$lib/core/rng.ts';
import { PERSON_NAMES, expectSameDraws, skeleton } from './helpers.ts';

const rng = new Rng(99);
const problems = Array.from({ length: 300 }, () => generateArithmetic(rng));

describe('applyOp and equation', () => {
  it('compute the four operations', () => {
    expect(applyOp('add', 7, 5)).toBe(12);
    expect(applyOp('sub', 7, 5)).toBe(2);
    expect(applyOp('mul', 7, 5)).toBe(35);
    expect(applyOp('div', 35, 5)).toBe(7);
  });

  it('write equations with the usual symbols', () => {
    expect(equation({ kind: 'mul', a: 3, b: 4, result: 12 })).toBe('3 × 4 = 12');
    expect(equation({ kind: 'div', a: 12, b: 4, result: 3 })).toBe('12 ÷ 4 = 3');
    expect(equation({ kind: 'sub', a: 9, b: 4, result: 5 })).toBe('9 - 4 = 5');
  });

  it('read a symbol back, the ASCII ones people type too', () => {
    expect(['+', '-', '×', '÷'].map(kindOfSymbol)).toEqual(['add', 'sub', 'mul', 'div']);
    expect(['*', 'x', '/'].map(kindOfSymbol)).toEqual(['mul', 'mul', 'div']);
    expect(kindOfSymbol('=')).toBeNull();
  });
});

describe('checkArithmeticRationale', () => {
  it('accepts equations that recompute and end on the answer', () => {
    expect(checkArithmeticRationale('5 + 3 = 8. 8 × 2 = 16. The answer is 16.', '16')).toBe(true);
  });

  it('rejects a wrong equation', () => {
    expect(checkArithmeticRationale('5 + 3 = 9. The answer is 9.', '9')).toBe(false);
  });

  it('rejects a last result that is not the answer', () => {
    expect(checkArithmeticRationale('5 + 3 = 8. The answer is 9.', '9')).toBe(false);
  });

  it('rejects a rationale without any equation', () => {
    expect(checkArithmeticRationale('It is nine. The answer is 9.', '9')).toBe(false);
  });

  it('rejects a rationale that does not end with the answer sentence', () => {
    expect(checkArithmeticRationale('5 + 4 = 9.', '9')).toBe(false);
  });
});

describe('generateArithmetic', () => {
  it('writes rationales whose equations all recompute', () => {
    for (const p of problems) {
      for (const r of p.rationales) expect(checkArithmeticRationale(r, p.answer), r).toBe(true);
    }
  });

  it('gives non-negative whole-number answers', () => {
    for (const p of problems) expect(p.answer).toMatch(/^\d+$/);
  });

  it('has one equation per step in every rationale', () => {
    for (const p of problems) {
      for (const r of p.rationales) expect(r.match(/\d+ [+\-×÷] \d+ = \d+/g)?.length, r).toBe(p.steps);
    }
  });

  it('keeps steps within 1 to 3 and uses all three', () => {
    expect(new Set(problems.map((p) => p.steps))).toEqual(new Set([1, 2, 3]));
  });

  it.each([1, 2, 3])('honours a forced step count of %i', (steps) => {
    const r = new Rng(steps);
    for (let i = 0; i < 40; i++) expect(generateArithmetic(r, { steps }).steps).toBe(steps);
  });

  it('mentions the numbers the first equation starts from in the question', () => {
    for (const p of problems) {
      const first = /(\d+) [+\-×÷] (\d+) =/.exec(p.rationales[0] ?? '');
      expect(first, p.rationales[0]).not.toBeNull();
      const numbers = new Set(p.question.match(/\d+/g));
      // The first operand is always given; the second may be too, unless it is a computed total.
      expect(numbers.has(first?.[1] ?? '') || numbers.has(first?.[2] ?? ''), p.question).toBe(true);
    }
  });

  it('uses only held-out names when asked for held-out problems', () => {
    const r = new Rng(5);
    for (let i = 0; i < 300; i++) {
      const p = generateArithmetic(r, { heldOut: true });
      const names = (p.question.match(/\b[A-Z][a-z]+\b/g) ?? []).filter((w) => PERSON_NAMES.has(w));
      for (const name of names) expect(isHeldOut(name), `${name} in: ${p.question}`).toBe(true);
    }
  });

  it('uses no held-out names by default', () => {
    for (const p of problems) {
      const names = (p.question.match(/\b[A-Z][a-z]+\b/g) ?? []).filter((w) => PERSON_NAMES.has(w));
      for (const name of names) expect(isHeldOut(name), `${name} in: ${p.question}`).toBe(false);
    }
  });

  it('varies its wording: many opening and question templates (names, numbers, things masked)', () => {
    const openings = new Set(problems.map((p) => skeleton(p.question.split(/(?<=[.?]) /)[0] ?? '')));
    const asks = new Set(problems.map((p) => skeleton(/[^.?]+\?$/.exec(p.question)?.[0] ?? '')));
    expect(openings.size).toBeGreaterThanOrEqual(15);
    expect(asks.size).toBeGreaterThanOrEqual(20);
  });
});

describe('generateArithmetic with randomNames (training only)', () => {
  it('leaves problems unchanged when the share is zero', () => {
    expectSameDraws(generateArithmetic, 12, {}, { randomNames: 0 });
  });

  it('gives many people names from no list, never held out, with rationales that still recompute', () => {
    const r = new Rng(13);
    let people = 0;
    let unlisted = 0;
    for (let i = 0; i < 300; i++) {
      const p = generateArithmetic(r, { randomNames: 0.5, wordPieces: ['ally', 'amp'] });
      for (const rationale of p.rationales) expect(checkArithmeticRationale(rationale, p.answer)).toBe(true);
      // Most stories open with their person; an unlisted opening word is a random name.
      const first = p.question.split(' ')[0] ?? '';
      if (/^[A-Z][a-z]+$/.test(first) && !/^(At|There|Each|In|A|One)$/.test(first)) {
        people++;
        if (!PERSON_NAMES.has(first)) unlisted++;
        expect(isHeldOut(first), p.question).toBe(false);
      }
      const listed = (p.question.match(/\b[A-Z][a-z]+\b/g) ?? []).filter((w) => PERSON_NAMES.has(w));
      for (const name of listed) expect(isHeldOut(name), `${name} in: ${p.question}`).toBe(false);
    }
    expect(unlisted / people).toBeGreaterThan(0.3);
    expect(unlisted / people).toBeLessThan(0.7);
  });
});
