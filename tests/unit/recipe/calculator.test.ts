import { describe, expect, it } from 'vitest';
import { allows, calculatorNeed, constrainLogits, resultText } from '../../../models/recipe/calculator.ts';

describe('calculatorNeed', () => {
  it('asks for the true result after an equation reaches its "= "', () => {
    expect(calculatorNeed('Mike has 82 books. 82 - 10 = ')).toEqual({ kind: 'digits', rest: '72', dollarOk: true });
    expect(calculatorNeed('35 × 12 = 4')).toEqual({ kind: 'digits', rest: '20', dollarOk: false });
    expect(calculatorNeed('56 ÷ 7 = ')).toEqual({ kind: 'digits', rest: '8', dollarOk: true });
  });

  it('reads a chain with × and ÷ before + and −, dollars and thousands separators', () => {
    expect(calculatorNeed('2 + 3 × 4 = ')).toMatchObject({ rest: '14' });
    expect(calculatorNeed('$8 × 3 = $')).toEqual({ kind: 'digits', rest: '24', dollarOk: false });
    expect(calculatorNeed('1,200 + 300 = ')).toMatchObject({ rest: '1500' });
    expect(calculatorNeed('12 - 4 = 8. 8 - 3 = ')).toMatchObject({ rest: '5' });
    expect(calculatorNeed('7 x 6 = ')).toMatchObject({ rest: '42' });
  });

  it('allows no more digits once the result is whole', () => {
    expect(calculatorNeed('24 + 18 = 42')).toEqual({ kind: 'end' });
    expect(calculatorNeed('9 ÷ 2 = 4.5')).toEqual({ kind: 'end' });
  });

  it('leaves the model alone before the "=", after the sentence goes on, and where no school answer exists', () => {
    expect(calculatorNeed('24 + 18 =')).toEqual({ kind: 'free' });
    expect(calculatorNeed('24 + 18 = 42.')).toEqual({ kind: 'free' });
    expect(calculatorNeed('24 + 18 = 42 apples')).toEqual({ kind: 'free' });
    expect(calculatorNeed('3 - 8 = ')).toEqual({ kind: 'free' });
    expect(calculatorNeed('10 ÷ 3 = ')).toEqual({ kind: 'free' });
    expect(calculatorNeed('5 ÷ 0 = ')).toEqual({ kind: 'free' });
    expect(calculatorNeed('(3 + 4) × 2 = ')).toEqual({ kind: 'free' });
    expect(calculatorNeed('The answer is 42.')).toEqual({ kind: 'free' });
  });

  it('does not take over a result the model already wrote wrong', () => {
    expect(calculatorNeed('24 + 18 = 5')).toEqual({ kind: 'free' });
  });
});

describe('resultText', () => {
  it('writes whole numbers and money, nothing else', () => {
    expect(resultText(42)).toBe('42');
    expect(resultText(0.1 + 0.2)).toBe('0.3');
    expect(resultText(2.5)).toBe('2.5');
    expect(resultText(1 / 3)).toBeNull();
    expect(resultText(-4)).toBeNull();
    expect(resultText(Infinity)).toBeNull();
  });
});

describe('constrainLogits', () => {
  const texts = ['0', '1', '2', '7', ' ', '$', '.', 'Ġapples', ''];
  const logits = new Float32Array([5, 1, 2, 9, 3, 4, 6, 8, 7]);

  it('keeps only tokens that begin the rest of the result', () => {
    const out = constrainLogits(logits, { kind: 'digits', rest: '72', dollarOk: true }, texts);
    expect(Array.from(out ?? [])).toEqual([
      -Infinity,
      -Infinity,
      -Infinity,
      9,
      -Infinity,
      4,
      -Infinity,
      -Infinity,
      -Infinity
    ]);
  });

  it('rules out digits once the result is whole, and rules out nothing when free', () => {
    const out = constrainLogits(logits, { kind: 'end' }, texts);
    expect(Array.from(out ?? []).slice(0, 4)).toEqual([-Infinity, -Infinity, -Infinity, -Infinity]);
    expect(Array.from(out ?? []).slice(4)).toEqual([3, 4, 6, 8, 7]);
    expect(constrainLogits(logits, { kind: 'free' }, texts)).toBeNull();
  });

  it('gives up where no token fits (a tokenizer that merges digits)', () => {
    expect(constrainLogits(logits, { kind: 'digits', rest: '99', dollarOk: false }, texts)).toBeNull();
    expect(allows({ kind: 'digits', rest: '99', dollarOk: false }, '9')).toBe(true);
  });
});
