import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { practiceQuestion, presets } from '$lib/questions/presets.ts';

describe('presets', () => {
  it('has two per family, each with a gold answer', () => {
    const p = presets();
    expect(p).toHaveLength(6);
    for (const q of p) {
      expect(q.question.length).toBeGreaterThan(10);
      expect(q.gold).not.toBeNull();
    }
    expect(new Set(p.map((q) => q.family))).toEqual(new Set(['arithmetic', 'coin', 'letters']));
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
