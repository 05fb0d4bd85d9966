import { describe, expect, it } from 'vitest';
import { extractAnswer, isCorrect, normalizeAnswer } from '$lib/prompts/answer.ts';
import { FORMAT } from './fixture.ts';

describe('extractAnswer', () => {
  it.each([
    ['The answer is 42.', '42'],
    ['The answer is yes.', 'yes'],
    ['3 + 4 = 7. The answer is 7.', '7'],
    ['The answer is "gsh".', 'gsh'],
    ['The answer is $1,000.', '1000'],
    ['The answer is 3.5.', '3.5'],
    ['The answer is: no', 'no'],
    ['The answer is Yes', 'yes'],
    ['The answer is 12\nQ: next question', '12']
  ])('%j → %j', (generated, expected) => {
    expect(extractAnswer(FORMAT, generated)).toBe(expected);
  });

  it('takes the first answer when more text follows', () => {
    expect(extractAnswer(FORMAT, 'The answer is 7. Q: How many? A: The answer is 9.')).toBe('7');
  });

  it('reads an answer-only completion with the prompt tail prepended', () => {
    expect(extractAnswer(FORMAT, ' 12.', 'The answer is')).toBe('12');
    expect(extractAnswer(FORMAT, ' no.\n\nQ: Is the coin', 'The answer is')).toBe('no');
  });

  it('finds nothing in an answer-only completion without its tail', () => {
    expect(extractAnswer(FORMAT, ' 12.')).toBeNull();
  });

  it('returns null when no answer sentence is written', () => {
    expect(extractAnswer(FORMAT, '3 + 4 = 7. So it is seven')).toBeNull();
    expect(extractAnswer(FORMAT, '')).toBeNull();
  });

  it('returns null for an empty answer', () => {
    expect(extractAnswer(FORMAT, 'The answer is .')).toBeNull();
    expect(extractAnswer(FORMAT, ' ""', 'The answer is')).toBeNull();
  });

  it('follows the format’s own answer pattern', () => {
    const custom = { ...FORMAT, answerPattern: 'ANSWER: (\\w+)' };
    expect(extractAnswer(custom, 'blah ANSWER: Seven')).toBe('seven');
    expect(extractAnswer(custom, 'The answer is 7.')).toBeNull();
  });
});

describe('normalizeAnswer', () => {
  it.each([
    ['1,000', '1000'],
    ['$5', '5'],
    ['"gsh"', 'gsh'],
    ['Yes.', 'yes'],
    ['  42  ', '42'],
    ['7.0', '7'],
    ['-3', '-3'],
    ['007', '7'],
    ['“om”.', 'om'],
    ["'Ab'", 'ab'],
    ['No!', 'no']
  ])('%j → %j', (raw, expected) => {
    expect(normalizeAnswer(raw)).toBe(expected);
  });

  it('keeps non-numeric text apart from case and quotes', () => {
    expect(normalizeAnswer('Heads up')).toBe('heads up');
  });
});

describe('isCorrect', () => {
  it('is true when the prediction equals the normalised gold answer', () => {
    expect(isCorrect('5', '5')).toBe(true);
    expect(isCorrect('1000', '1,000')).toBe(true);
    expect(isCorrect('yes', 'Yes')).toBe(true);
  });

  it('is false for a different answer', () => {
    expect(isCorrect('no', 'yes')).toBe(false);
    expect(isCorrect('51', '5')).toBe(false);
  });

  it('is false when nothing was extracted', () => {
    expect(isCorrect(null, '5')).toBe(false);
  });
});
