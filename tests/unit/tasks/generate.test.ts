import { describe, expect, it } from 'vitest';
import { FAMILIES, Rng, answerSentence, generate, generateSet, type Family } from '$lib/tasks/index.ts';

const N = 300;

function many(family: Family, seed: number, n = N) {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => generate(family, rng));
}

describe('generateSet', () => {
  it('is deterministic: the same seed gives the same set', () => {
    expect(generateSet(1234, 30)).toEqual(generateSet(1234, 30));
  });

  it('differs between seeds', () => {
    const a = generateSet(1, 30).map((p) => p.question);
    const b = generateSet(2, 30).map((p) => p.question);
    expect(a).not.toEqual(b);
    expect(a.filter((q) => b.includes(q)).length).toBeLessThan(5);
  });

  it('interleaves the families in order', () => {
    const set = generateSet(7, 9);
    expect(set.map((p) => p.family)).toEqual([...FAMILIES, ...FAMILIES, ...FAMILIES]);
  });

  it('uses only the families asked for', () => {
    const set = generateSet(7, 10, ['coin']);
    expect(set.every((p) => p.family === 'coin')).toBe(true);
  });

  it('returns exactly count problems', () => {
    expect(generateSet(3, 17)).toHaveLength(17);
    expect(generateSet(3, 0)).toEqual([]);
  });
});

describe('answerSentence', () => {
  it('writes the answer sentence every rationale ends with', () => {
    expect(answerSentence('42')).toBe('The answer is 42.');
  });
});

describe.each(FAMILIES)('%s problems', (family) => {
  const problems = many(family, 2024);

  it('have several distinct rationales each', () => {
    for (const p of problems) {
      expect(p.rationales.length, p.question).toBeGreaterThanOrEqual(2);
      expect(new Set(p.rationales).size, p.question).toBe(p.rationales.length);
    }
  });

  it('end every rationale with "The answer is <answer>."', () => {
    for (const p of problems) {
      for (const r of p.rationales) expect(r.endsWith(`The answer is ${p.answer}.`), r).toBe(true);
    }
  });

  it('state the answer sentence only once per rationale', () => {
    for (const p of problems) {
      for (const r of p.rationales) expect(r.split('The answer is').length - 1, r).toBe(1);
    }
  });

  it('keep the family they were asked for', () => {
    expect(problems.every((p) => p.family === family)).toBe(true);
  });

  it('are mostly distinct questions', () => {
    expect(new Set(problems.map((p) => p.question)).size).toBeGreaterThan(N * 0.95);
  });

  it('are single-line questions without placeholders left in', () => {
    for (const p of problems) {
      expect(p.question).not.toMatch(/\n|\{|\}|undefined|NaN/);
      for (const r of p.rationales) expect(r).not.toMatch(/\n|\{|\}|undefined|NaN/);
    }
  });
});
