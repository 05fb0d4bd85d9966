import { describe, expect, it } from 'vitest';
import { MAX_QUESTION_CHARS, questionProblem } from '$lib/questions/questionProblem.ts';

describe('questionProblem', () => {
  it('empty and whitespace-only questions ask for a question', () => {
    for (const q of ['', ' ', '\n\t  \r\n']) expect(questionProblem(q)).toBe('Type a question to run the three modes.');
  });
  it('accepts the limit and refuses one character more, with the size', () => {
    expect(questionProblem('x'.repeat(MAX_QUESTION_CHARS))).toBeNull();
    expect(questionProblem('x'.repeat(MAX_QUESTION_CHARS + 1))).toBe(
      "The question is 16,001 characters; at most 16,000 fit the model's context."
    );
  });
  it('accepts control characters, right-to-left text and emoji', () => {
    for (const q of ['a\u0000b\u0007', 'مرحبا كم 2+3؟', '\u202Eabc', '🙂 is 2 + 3? 👍🏽'])
      expect(questionProblem(q)).toBeNull();
  });
});
