import { describe, expect, it } from 'vitest';
import {
  addCounts,
  classify,
  emptyCounts,
  equationsIn,
  openingOf,
  tabulate,
  total
} from '../../../models/recipe/error-types.ts';
import { readDump, renderErrors } from '../../../models/recipe/errors.ts';

const BUS = 'There are 35 kids on the bus. At the first stop 12 kids get off. How many kids are still on the bus?';

describe('equationsIn', () => {
  it('reads every equation with its operator, dollar signs and thousands commas', () => {
    expect(equationsIn('So 1,200 ÷ 4 = 300. Then $3 × 7 = $21 and 5 - 2 = 3.')).toEqual([
      { kind: 'div', a: 1200, b: 4, result: 300 },
      { kind: 'mul', a: 3, b: 7, result: 21 },
      { kind: 'sub', a: 5, b: 2, result: 3 }
    ]);
  });

  it('reads the ASCII operators of typed text, and keeps a wrong result as written', () => {
    expect(equationsIn('6 * 7 = 41 and 8 / 2 = 4')).toEqual([
      { kind: 'mul', a: 6, b: 7, result: 41 },
      { kind: 'div', a: 8, b: 2, result: 4 }
    ]);
  });

  it('finds nothing in a chain without sums', () => {
    expect(equationsIn('The coin is heads up. The answer is yes.')).toEqual([]);
  });
});

describe('openingOf', () => {
  it('tells a bare equation from words, ignoring the leading space a completion has', () => {
    expect(openingOf(' 35 × 12 = 420. The answer is 420.')).toBe('equation');
    expect(openingOf('$3 × 7 = $21.')).toBe('equation');
    expect(openingOf(' There are 35 kids, so 35 - 12 = 23.')).toBe('words');
  });
});

describe('classify', () => {
  it('takes the evaluator at its word for a right answer', () => {
    expect(classify(BUS, ' 35 - 12 = 23. The answer is 23.', true)).toBe('right');
  });

  it('names a chain that never gives an answer', () => {
    expect(classify(BUS, ' 35 - 12 = 23. 23 - 12 = 11. 11 -', false)).toBe('no answer');
  });

  it('names a false sum built from the right numbers', () => {
    expect(classify(BUS, ' 35 × 12 = 460. The answer is 460.', false)).toBe('false sum');
  });

  it('names a number the question never gave, before the sum it is in', () => {
    expect(classify(BUS, ' 8 × 8 = 65. The answer is 65.', false)).toBe('number not in question');
  });

  it('lets a chain use its own results and small constants such as a dozen', () => {
    expect(classify('Ann has 3 boxes of eggs.', ' 3 × 12 = 36. 36 + 36 = 72. The answer is 72.', false)).toBe(
      'wrong plan'
    );
  });

  it('calls a chain of true sums on the right numbers that is still wrong a wrong plan', () => {
    expect(classify(BUS, ' 35 + 12 = 47. The answer is 47.', false)).toBe('wrong plan');
  });
});

describe('tabulate', () => {
  const rows = [
    { mode: 'zero-shot-cot', question: BUS, text: ' 35 × 12 = 460. The answer is 460.', correct: false },
    {
      mode: 'zero-shot-cot',
      question: BUS,
      text: ' There are 35 kids. 35 - 12 = 23. The answer is 23.',
      correct: true
    },
    {
      mode: 'zero-shot-cot',
      question: BUS,
      text: ' There are 35 kids. 35 + 12 = 47. The answer is 47.',
      correct: false
    }
  ];

  it('counts each chain once, under how it opens and what went wrong first', () => {
    const table = tabulate(rows);
    expect(table.equation['false sum']).toBe(1);
    expect(table.words.right).toBe(1);
    expect(table.words['wrong plan']).toBe(1);
    expect(total(table.equation) + total(table.words)).toBe(3);
  });

  it('renders a markdown table whose last row adds both openings up', () => {
    const text = renderErrors(tabulate(rows));
    expect(text.split('\n')).toHaveLength(5);
    expect(text).toContain('| an equation | 1 | 0 (0.0 %) | 0 (0.0 %) | 1 (100.0 %) |');
    expect(text).toContain('| either | 3 | 1 (33.3 %) |');
  });

  it('adds counts type by type', () => {
    const a = { ...emptyCounts(), right: 2 };
    const b = { ...emptyCounts(), right: 1, 'false sum': 4 };
    expect(addCounts(a, b)).toEqual({ ...emptyCounts(), right: 3, 'false sum': 4 });
  });
});

describe('readDump', () => {
  it('reads the lines eval.ts --dump writes and skips blank ones', () => {
    const line = JSON.stringify({
      mode: 'answer-only',
      family: 'custom',
      question: 'Q?',
      answer: '1',
      text: ' 1.',
      correct: true
    });
    expect(readDump(`${line}\n\n`)).toEqual([{ mode: 'answer-only', question: 'Q?', text: ' 1.', correct: true }]);
  });

  it('names the first line that is not a dump row', () => {
    expect(() => readDump('{"mode":"a","question":"q","text":"t","correct":true}\n{"mode":"a"}')).toThrow(/^line 2:/);
  });
});
