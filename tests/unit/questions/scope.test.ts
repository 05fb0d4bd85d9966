import { describe, expect, it } from 'vitest';
import { guessFamily, scopeNotice } from '$lib/questions/scope.ts';
import { FAMILIES, Rng, generate } from '$lib/tasks/index.ts';

describe('guessFamily', () => {
  it('recognises every generated question as its own family', () => {
    for (const family of FAMILIES)
      for (let seed = 0; seed < 40; seed++) {
        const { question } = generate(family, new Rng(seed), { heldOut: seed % 2 === 0 });
        expect(guessFamily(question), question).toBe(family);
      }
  });
  it('accepts simple hand-written school word problems and sums', () => {
    expect(guessFamily('Ana had 12 apples and gave away 5. How many are left?')).toBe('arithmetic');
    expect(guessFamily('What is 12 plus 5?')).toBe('arithmetic');
    expect(guessFamily('What is 7 * 6?')).toBe('arithmetic');
    expect(guessFamily('Tom has three boxes with ten pens each. How many pens does he have?')).toBe('arithmetic');
    expect(guessFamily('I flip a coin that shows tails. Is it heads up?')).toBe('coin');
    expect(guessFamily('Join the last letter of each word in "apple pie"')).toBe('letters');
  });
  it('finds no family in questions the model never saw', () => {
    for (const q of [
      'What is the capital of France?',
      'Write a poem about the sea.',
      'Who wrote Hamlet?',
      'Explain recursion in Python',
      'Is a tomato a fruit?',
      'I found a coin in the street.',
      ''
    ])
      expect(guessFamily(q), q).toBeNull();
  });
});

describe('scopeNotice', () => {
  it('speaks only for out-of-scope questions, and points to the Hub', () => {
    expect(scopeNotice('Who wrote Hamlet?')).toMatch(/Hub/);
    expect(scopeNotice('What is 12 plus 5?')).toBeNull();
    expect(scopeNotice('   ')).toBeNull();
  });
});
