import { describe, expect, it } from 'vitest';
import { collectionStyle } from '../../../models/recipe/corpus.ts';

describe('collectionStyle', () => {
  it('spaces sentence punctuation off the word before it', () => {
    expect(collectionStyle('Nina has 34 marbles. Her cousin gives her 27 more, so how many are there?')).toBe(
      'Nina has 34 marbles . Her cousin gives her 27 more , so how many are there ?'
    );
  });

  it('spaces a full stop off a number but leaves decimals and thousands whole', () => {
    expect(collectionStyle('It costs 2.50 each and 1,200 in all. She pays 12.')).toBe(
      'It costs 2.50 each and 1,200 in all . She pays 12 .'
    );
  });

  it('writes a dollar sign apart from its amount', () => {
    expect(collectionStyle('One ticket costs $7. Two cost $14?')).toBe('One ticket costs $ 7 . Two cost $ 14 ?');
  });

  it('leaves text already in that style as it is', () => {
    const styled = 'The bus can carry 40 kids . 29 are on it . How many more can get on ?';
    expect(collectionStyle(styled)).toBe(styled);
    expect(collectionStyle(collectionStyle('Ms. Lee has $5.'))).toBe(collectionStyle('Ms. Lee has $5.'));
  });
});
