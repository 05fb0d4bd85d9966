import { describe, expect, it } from 'vitest';
import { buildPrompt, cleanQuestion, completion, formatExemplar } from '$lib/prompts/build.ts';
import { EX1, EX1_ANSWER_ONLY, EX2, EX2_ANSWER_ONLY, FORMAT } from './fixture.ts';

const Q = 'Tom has 4 apples and eats 1. How many are left?';

describe('buildPrompt, default exemplar use per mode', () => {
  it('zero-shot CoT: the question, then the trigger, no exemplars', () => {
    expect(buildPrompt(FORMAT, 'zero-shot-cot', { question: Q })).toBe(`Q: ${Q}\nA: Let's think step by step.`);
  });

  it('few-shot CoT: every exemplar with its rationale, then the question', () => {
    expect(buildPrompt(FORMAT, 'few-shot-cot', { question: Q })).toBe(`${EX1}${EX2}Q: ${Q}\nA:`);
  });

  it('answer-only: the question, ending inside the answer sentence', () => {
    expect(buildPrompt(FORMAT, 'answer-only', { question: Q })).toBe(`Q: ${Q}\nA: The answer is`);
  });
});

describe('buildPrompt, exemplars switched', () => {
  it('few-shot CoT without exemplars is just the question', () => {
    expect(buildPrompt(FORMAT, 'few-shot-cot', { question: Q, useExemplars: false })).toBe(`Q: ${Q}\nA:`);
  });

  it('zero-shot CoT with exemplars puts them before the question and keeps the trigger', () => {
    expect(buildPrompt(FORMAT, 'zero-shot-cot', { question: Q, useExemplars: true })).toBe(
      `${EX1}${EX2}Q: ${Q}\nA: Let's think step by step.`
    );
  });

  it('answer-only with exemplars shows only their answers', () => {
    expect(buildPrompt(FORMAT, 'answer-only', { question: Q, useExemplars: true })).toBe(
      `${EX1_ANSWER_ONLY}${EX2_ANSWER_ONLY}Q: ${Q}\nA: The answer is`
    );
  });

  it('uses the exemplars given instead of the format defaults', () => {
    const exemplars = [{ question: 'Is 2 even?', rationale: '2 ÷ 2 = 1. The answer is yes.', answer: 'yes' }];
    expect(buildPrompt(FORMAT, 'few-shot-cot', { question: Q, exemplars })).toBe(
      `Q: Is 2 even?\nA: 2 ÷ 2 = 1. The answer is yes.\n\nQ: ${Q}\nA:`
    );
  });

  it('an empty exemplar list gives no exemplar block', () => {
    expect(buildPrompt(FORMAT, 'few-shot-cot', { question: Q, exemplars: [] })).toBe(`Q: ${Q}\nA:`);
  });

  it('ignores given exemplars in a mode that does not use them', () => {
    const exemplars = [{ question: 'X?', rationale: 'Y. The answer is 1.', answer: '1' }];
    expect(buildPrompt(FORMAT, 'answer-only', { question: Q, exemplars })).toBe(`Q: ${Q}\nA: The answer is`);
  });
});

describe('buildPrompt, trigger and question text', () => {
  it('replaces the trigger, trimmed', () => {
    expect(buildPrompt(FORMAT, 'zero-shot-cot', { question: Q, trigger: '  Think carefully.  ' })).toBe(
      `Q: ${Q}\nA: Think carefully.`
    );
  });

  it('ignores a trigger override in modes without a trigger', () => {
    expect(buildPrompt(FORMAT, 'few-shot-cot', { question: Q, trigger: 'Think.', useExemplars: false })).toBe(
      `Q: ${Q}\nA:`
    );
  });

  it('cleans the question to one line with single spaces', () => {
    expect(buildPrompt(FORMAT, 'zero-shot-cot', { question: '  Tom has 4 apples\n and   eats 1.\tHow many?\n' })).toBe(
      "Q: Tom has 4 apples and eats 1. How many?\nA: Let's think step by step."
    );
  });

  it('does not expand placeholders typed into the question', () => {
    expect(buildPrompt(FORMAT, 'zero-shot-cot', { question: 'What is {trigger} and {exemplars}?' })).toBe(
      "Q: What is {trigger} and {exemplars}?\nA: Let's think step by step."
    );
  });

  it('does not expand placeholders inside exemplars or the trigger', () => {
    const exemplars = [
      { question: 'Say {question}.', rationale: 'I say {answer}. The answer is {rationale}.', answer: 'x' }
    ];
    expect(buildPrompt(FORMAT, 'few-shot-cot', { question: 'Q?', exemplars })).toBe(
      'Q: Say {question}.\nA: I say {answer}. The answer is {rationale}.\n\nQ: Q?\nA:'
    );
    expect(buildPrompt(FORMAT, 'zero-shot-cot', { question: 'Q?', trigger: '{question}' })).toBe(
      'Q: Q?\nA: {question}'
    );
  });

  it('keeps dollar signs and regex-special text in user input literally', () => {
    expect(buildPrompt(FORMAT, 'answer-only', { question: "It costs $5 and $& and $' ." })).toBe(
      "Q: It costs $5 and $& and $' .\nA: The answer is"
    );
  });
});

describe('cleanQuestion and formatExemplar', () => {
  it('collapses all whitespace runs and trims', () => {
    expect(cleanQuestion('\n a \t b\r\n c  ')).toBe('a b c');
  });

  it('formats one exemplar without its separator, trimming rationale and answer', () => {
    const ex = { question: ' Q\n one? ', rationale: '  R. The answer is 3.  ', answer: ' 3 ' };
    expect(formatExemplar(FORMAT, 'few-shot-cot', ex)).toBe('Q: Q one?\nA: R. The answer is 3.');
    expect(formatExemplar(FORMAT, 'answer-only', ex)).toBe('Q: Q one?\nA: The answer is 3.');
  });
});

describe('completion', () => {
  it('CoT modes continue with a space and the trimmed rationale', () => {
    expect(completion('zero-shot-cot', ' 1 + 1 = 2. The answer is 2. ', '2')).toBe(' 1 + 1 = 2. The answer is 2.');
    expect(completion('few-shot-cot', '1 + 1 = 2. The answer is 2.', '2')).toBe(' 1 + 1 = 2. The answer is 2.');
  });

  it('answer-only continues the answer sentence', () => {
    expect(completion('answer-only', 'ignored', '2')).toBe(' 2.');
  });

  it('prompt + completion reads as one Q/A pair in every mode', () => {
    expect(buildPrompt(FORMAT, 'answer-only', { question: 'Q?' }) + completion('answer-only', '', 'yes')).toBe(
      'Q: Q?\nA: The answer is yes.'
    );
    expect(
      buildPrompt(FORMAT, 'zero-shot-cot', { question: 'Q?' }) +
        completion('zero-shot-cot', 'R. The answer is no.', 'no')
    ).toBe("Q: Q?\nA: Let's think step by step. R. The answer is no.");
  });
});
