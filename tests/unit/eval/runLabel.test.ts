import { describe, expect, it } from 'vitest';
import { answeredQuestions, runLabel } from '$lib/eval/runLabel.ts';
import { generatedSet, presetSet } from '$lib/eval/sets.ts';

describe('runLabel', () => {
  const set = generatedSet('mixed', 30, 2022);
  it('keeps the set label once the run is complete', () => {
    expect(runLabel(set, 30, 'complete')).toBe('mixed × 30, seed 2022');
  });
  it('names the questions answered while running and after a stop (issue 14)', () => {
    expect(runLabel(set, 2, 'running')).toBe('mixed × 2 of 30, seed 2022');
    expect(runLabel(set, 2, 'stopped')).toBe('mixed × 2 of 30, seed 2022 (stopped)');
  });
  it('adds the count to a set that is not generated', () => {
    const presets = presetSet();
    expect(runLabel(presets, 1, 'stopped')).toBe(`presets, 1 of ${presets.items.length} questions (stopped)`);
  });
  it('counts a question once, whichever modes answered it', () => {
    expect(answeredQuestions([{ index: 0 }, { index: 0 }, { index: 1 }])).toBe(2);
    expect(answeredQuestions([])).toBe(0);
  });
});
