import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { practiceQuestion, presets } from '$lib/questions/presets.ts';
import { WORD_PROBLEMS } from '$lib/questions/wordProblems.ts';

describe('presets', () => {
  it('has two per family, then the hand-written word problems, each with a gold answer and its own label', () => {
    const p = presets();
    expect(p).toHaveLength(6 + WORD_PROBLEMS.length);
    for (const q of p) {
      expect(q.question.length).toBeGreaterThan(10);
      expect(q.gold).not.toBeNull();
    }
    expect(new Set(p.slice(0, 6).map((q) => q.family))).toEqual(new Set(['arithmetic', 'coin', 'letters']));
    expect(p.slice(6).map((q) => q.question)).toEqual(WORD_PROBLEMS.map((w) => w.question));
    expect(new Set(p.map((q) => q.label)).size).toBe(p.length);
  });
  it('word problems have whole-number answers and a question mark', () => {
    for (const w of WORD_PROBLEMS) {
      expect(w.answer).toMatch(/^\d+$/);
      expect(w.question.trim().endsWith('?')).toBe(true);
    }
  });
  it('is stable across calls', () => expect(presets()).toEqual(presets()));
  it('never repeats a default few-shot exemplar', () => {
    const format = JSON.parse(readFileSync('models/think-small-3m/prompts.json', 'utf8')) as {
      exemplars: { question: string }[];
    };
    const exemplars = new Set(format.exemplars.map((e) => e.question));
    for (const q of presets()) expect(exemplars.has(q.question)).toBe(false);
  });
});

describe('practiceQuestion', () => {
  it('is reproducible from its seed', () =>
    expect(practiceQuestion('letters', 42)).toEqual(practiceQuestion('letters', 42)));
  it('differs across seeds', () =>
    expect(practiceQuestion('arithmetic', 1).question).not.toBe(practiceQuestion('arithmetic', 2).question));
  it('keeps the family', () => expect(practiceQuestion('coin', 3).family).toBe('coin'));
});
