import { describe, expect, it } from 'vitest';
import { Rng, answerSentence } from '$lib/tasks/index.ts';
import { generateStory } from '$lib/tasks/stories/index.ts';
import { verbBase } from '$lib/tasks/stories/verbs.ts';
import { plural } from '$lib/tasks/stories/vocab.ts';
import { PEOPLE, isHeldOut } from '$lib/tasks/lexicon.ts';

const EQUATION = /(\d+) ([-+×÷]) (\d+) = (\d+)/g;

function recomputes(rationale: string): number | null {
  let last: number | null = null;
  for (const m of rationale.matchAll(EQUATION)) {
    const [a, b, r] = [Number(m[1]), Number(m[3]), Number(m[4])];
    const ok = { '+': a + b, '-': a - b, '×': a * b, '÷': a / b }[m[2] ?? '+'] === r;
    if (!ok) return null;
    last = r;
  }
  return last;
}

const sample = (seed: number, n: number, steps?: number) => {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => generateStory(rng, steps === undefined ? {} : { steps }));
};

describe('the word-problem teacher', () => {
  it('writes rationales whose every equation checks out and whose last result is the answer', () => {
    for (const p of sample(1, 600)) {
      expect(p.rationales.length).toBeGreaterThanOrEqual(2);
      for (const r of p.rationales) {
        expect(recomputes(r), r).toBe(Number(p.answer));
        expect(r.endsWith(answerSentence(p.answer))).toBe(true);
      }
    }
  });

  it('computes only from numbers written in the question or found by an earlier step', () => {
    for (const p of sample(2, 400)) {
      const known = new Set(p.question.match(/\d+/g) ?? []);
      for (const m of (p.rationales[0] ?? '').matchAll(EQUATION)) {
        expect(known.has(m[1] ?? '') && (known.has(m[3] ?? '') || m[3] === '1'), `${p.question} / ${m[0]}`).toBe(true);
        known.add(m[4] ?? '');
      }
    }
  });

  it('gives the number of steps asked for', () => {
    for (const steps of [1, 2, 3]) {
      for (const p of sample(3, 100, steps)) {
        expect(p.steps).toBe(steps);
        expect([...(p.rationales[0] ?? '').matchAll(EQUATION)]).toHaveLength(steps);
      }
    }
  });

  it('draws the same problems from the same seed', () => {
    expect(sample(4, 20)).toEqual(sample(4, 20));
    expect(sample(4, 20)).not.toEqual(sample(5, 20));
  });

  it('covers unknowns in every place, comparisons, remainders, prices and rates', () => {
    const text = sample(6, 3000)
      .map((p) => p.question)
      .join('\n');
    for (const phrase of [
      'at first?',
      'did she give away?',
      'more',
      'fewer',
      'times as many',
      'left over?',
      'need to hold',
      'each friend',
      '$',
      'per',
      'the rest are',
      'How much change'
    ])
      expect(text, phrase).toContain(phrase);
  });

  it('names only held-out people when asked to', () => {
    const rng = new Rng(7);
    const seen = PEOPLE.filter((p) => !isHeldOut(p.name)).map((p) => p.name);
    for (let i = 0; i < 300; i++) {
      const words = new Set(generateStory(rng, { heldOut: true }).question.split(/[^A-Za-z]+/));
      expect(seen.filter((n) => words.has(n))).toEqual([]);
    }
  });

  it('writes plurals and base verbs the way people do', () => {
    expect(['box', 'cherry', 'shelf', 'child', 'toy car', 'day'].map(plural)).toEqual([
      'boxes',
      'cherries',
      'shelves',
      'children',
      'toy cars',
      'days'
    ]);
    expect(['gave away', 'ate', 'picked', 'was given', 'baked', 'used'].map(verbBase)).toEqual([
      'give away',
      'eat',
      'pick',
      'get',
      'bake',
      'use'
    ]);
  });
});
