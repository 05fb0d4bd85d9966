import { describe, expect, it } from 'vitest';
import { promptTail } from '$lib/prompts/index.ts';

describe('promptTail', () => {
  it('is the answer-only lead-in', () => expect(promptTail('Q: x?\nA: The answer is')).toBe('The answer is'));
  it('uses the last A:', () => expect(promptTail('Q: a\nA: The answer is 1.\n\nQ: b\nA:')).toBe(''));
  it('keeps the trigger', () =>
    expect(promptTail("Q: b\nA: Let's think step by step.")).toBe("Let's think step by step."));
  it('is empty without A:', () => expect(promptTail('hello')).toBe(''));
});
