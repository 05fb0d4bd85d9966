import { describe, expect, it } from 'vitest';
import { answeredQuestions, runLabel } from '$lib/eval/runLabel.ts';
import { generatedSet, presetSet } from '$lib/eval/sets.ts';

describe('runLabel', () => {
  const set = generatedSet('mixed', 30, 2022);
  it('keeps the set label once the run is complete', () => {
    expect(runLabel(set, { answered: 30, complete: true, stopped: false })).toBe('mixed × 30, seed 2022');
  });
  it('names the questions answered while running and after a stop (issue 14)', () => {
    expect(runLabel(set, { answered: 2, complete: false, stopped: false })).toBe('mixed × 2 of 30, seed 2022');
    expect(runLabel(set, { answered: 2, complete: false, stopped: true })).toBe('mixed × 2 of 30, seed 2022 (stopped)');
  });
  it('adds the count to a set that is not generated', () => {
    const presets = presetSet();
    expect(runLabel(presets, { answered: 1, complete: false, stopped: true })).toBe(
      `presets, 1 of ${presets.items.length} questions (stopped)`
    );
  });
  it('counts a question once, whichever modes answered it', () => {
    expect(answeredQuestions([{ index: 0 }, { index: 0 }, { index: 1 }])).toBe(2);
    expect(answeredQuestions([])).toBe(0);
  });
});
