import { describe, expect, it } from 'vitest';
import { finalAnswer, opensThink, promptTail, splitThink } from '$lib/prompts/index.ts';

describe('splitThink', () => {
  it('has no think part without a <think>', () =>
    expect(splitThink('The answer is 4.', false)).toEqual({
      thinking: null,
      answer: 'The answer is 4.',
      closed: false
    }));
  it('splits a closed block', () =>
    expect(splitThink('<think>\n2 + 2 = 4\n</think>\n\nThe answer is 4.', false)).toEqual({
      thinking: '2 + 2 = 4',
      answer: 'The answer is 4.',
      closed: true
    }));
  it('is all thinking while the block is open', () =>
    expect(splitThink('<think>\nhmm', false)).toEqual({ thinking: 'hmm', answer: '', closed: false }));
  it('reads a block the prompt opened (DeepSeek-R1)', () =>
    expect(splitThink('2 + 2 = 4\n</think>\n\n4', true)).toEqual({ thinking: '2 + 2 = 4', answer: '4', closed: true }));
});

describe('opensThink', () => {
  it('sees an open block', () => expect(opensThink('<｜Assistant｜><think>\n')).toBe(true));
  it('sees a closed one', () => expect(opensThink('<think>\n\n</think>\n\nThe answer is')).toBe(false));
  it('sees none', () => expect(opensThink('Q: x\nA:')).toBe(false));
});

describe('promptTail for chat prompts', () => {
  it('starts after the ChatML generation prompt', () =>
    expect(promptTail("<|im_start|>user\nQ: A: x<|im_end|>\n<|im_start|>assistant\nLet's think step by step.")).toBe(
      "Let's think step by step."
    ));
  it('starts after the Llama 3 header', () =>
    expect(promptTail('<|start_header_id|>assistant<|end_header_id|>\n\nThe answer is')).toBe('The answer is'));
  it('starts after a think block the prompt opened', () => expect(promptTail('<｜Assistant｜><think>\n')).toBe(''));
});

describe('finalAnswer', () => {
  const format = {
    version: 1 as const,
    trigger: '',
    exemplarSeparator: '',
    answerPattern: 'The answer is:?\\s*(.+?)\\s*(?:\\.(?:\\s|$)|\\n|$)',
    modes: {
      'zero-shot-cot': { exemplar: '', prompt: '', useExemplars: false },
      'few-shot-cot': { exemplar: '', prompt: '', useExemplars: false },
      'answer-only': { exemplar: '', prompt: '', useExemplars: false },
      'self-consistency': { exemplar: '', prompt: '', useExemplars: false }
    },
    exemplars: []
  };
  it('reads after the think block, not the guesses inside it', () =>
    expect(finalAnswer(format, 'x', '<think>The answer is 7? no</think>\n\nThe answer is 8.')).toBe('8'));
  it('has none while thinking', () => expect(finalAnswer(format, '<think>\n', 'The answer is 7')).toBeNull());
  it('reads Q/A text with the prompt tail', () =>
    expect(finalAnswer(format, 'Q: x\nA: The answer is', ' 8.')).toBe('8'));
});
