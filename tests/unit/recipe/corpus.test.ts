import { describe, expect, it } from 'vitest';
import { completionMask, makeDoc } from '../../../models/recipe/corpus.ts';
import { STUDENT_FORMAT, TRIGGER_VARIANTS } from '../../../models/recipe/format.ts';
import { MODES, buildPrompt, type PromptFormat } from '../../../src/lib/prompts/index.ts';
import { Rng } from '../../../src/lib/tasks/index.ts';

const format: PromptFormat = {
  ...STUDENT_FORMAT,
  exemplars: [{ question: 'Q1?', rationale: 'Because. The answer is 1.', answer: '1' }]
};

describe('completionMask', () => {
  it('marks only the tokens after the prompt', () => {
    expect(completionMask([1, 5, 6], [1, 5, 6, 7, 8, 2])).toEqual([0, 0, 0, 1, 1, 1]);
  });

  it('learns the whole document when the prompt ids are not its prefix', () => {
    expect(completionMask([1, 5, 9], [1, 5, 6, 7, 2])).toEqual([1, 1, 1, 1, 1]);
    expect(completionMask([1, 5, 6, 7, 8, 9], [1, 5, 6])).toEqual([1, 1, 1]);
  });

  it('learns everything after an empty prompt', () => {
    expect(completionMask([], [3, 4])).toEqual([1, 1]);
  });
});

describe('makeDoc', () => {
  const rng = new Rng(1);
  const docs = Array.from({ length: 300 }, () => makeDoc(format, rng));

  it('writes a prompt that ends the way one of the modes ends, then a completion with the answer sentence', () => {
    const tails = [
      ...MODES.map((m) => buildPrompt(format, m, { question: 'X' }).split('X').pop() ?? ''),
      ...TRIGGER_VARIANTS.map((t) => `\nA: ${t}`)
    ];
    for (const d of docs) {
      expect(
        tails.some((t) => d.prompt.endsWith(t)),
        d.prompt
      ).toBe(true);
      expect(d.completion).toMatch(/The answer is \S+\.$|^ \S+\.$/);
    }
  });

  it('mixes all three modes, reasoning in most documents', () => {
    const answerOnly = docs.filter((d) => d.prompt.endsWith('The answer is')).length;
    expect(answerOnly / docs.length).toBeGreaterThan(0.15);
    expect(answerOnly / docs.length).toBeLessThan(0.35);
  });
});
