import { describe, expect, it } from 'vitest';
import {
  BALANCED,
  FOCUS,
  FOCUS_COPY,
  FOCUS_NAMES,
  GROUNDED,
  WORDS,
  completionMask,
  drillDoc,
  letterPieces,
  makeDoc,
  openInWords
} from '../../../models/recipe/corpus.ts';
import { STUDENT_FORMAT, TRIGGER_VARIANTS } from '../../../models/recipe/format.ts';
import { MODES, buildPrompt, type PromptFormat } from '$lib/prompts/index.ts';
import { Rng } from '$lib/tasks/index.ts';

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

describe('drillDoc', () => {
  const rng = new Rng(3);
  const drills = Array.from({ length: 200 }, () => drillDoc(rng));

  it('writes 6 to 12 true equations and no prompt', () => {
    const ops: Record<string, (a: number, b: number) => number> = {
      '+': (a, b) => a + b,
      '-': (a, b) => a - b,
      '×': (a, b) => a * b,
      '÷': (a, b) => a / b
    };
    for (const d of drills) {
      expect(d.prompt).toBe('');
      const equations = d.completion.split('. ');
      expect(equations.length).toBeGreaterThanOrEqual(6);
      expect(equations.length).toBeLessThanOrEqual(12);
      for (const e of equations) {
        const m = /^(\d+) ([-+×÷]) (\d+) = (\d+)\.?$/.exec(e);
        expect(m, e).not.toBeNull();
        const [, a, op, b, c] = m ?? [];
        expect(ops[op ?? '']?.(Number(a), Number(b)), e).toBe(Number(c));
      }
    }
  });

  it('uses all four operations', () => {
    const text = drills.map((d) => d.completion).join(' ');
    for (const op of ['+', '-', '×', '÷']) expect(text).toContain(` ${op} `);
  });
});

describe('mixes', () => {
  const share = (docs: { prompt: string }[], test: (d: { prompt: string }) => boolean): number =>
    docs.filter(test).length / docs.length;

  it('the balanced mix, the default, writes no drills', () => {
    const rng = new Rng(4);
    const docs = Array.from({ length: 400 }, () => makeDoc(format, rng, BALANCED));
    expect(share(docs, (d) => d.prompt === '')).toBe(0);
  });

  it('the focus mix adds drills and leans on zero-shot reasoning', () => {
    const a = new Rng(5);
    const b = new Rng(5);
    const focus = Array.from({ length: 1000 }, () => makeDoc(format, a, FOCUS));
    const balanced = Array.from({ length: 1000 }, () => makeDoc(format, b));
    expect(share(focus, (d) => d.prompt === '')).toBeGreaterThan(0.1);
    expect(share(focus, (d) => d.prompt === '')).toBeLessThan(0.2);
    const zeroShot = (d: { prompt: string }): boolean => d.prompt.endsWith(`A: ${format.trigger}`);
    expect(share(focus, zeroShot)).toBeGreaterThan(share(balanced, zeroShot));
  });

  it('the focus-copy mix is the focus mix with blended letter-task words', () => {
    expect(FOCUS_COPY).toEqual({ ...FOCUS, blendedWords: FOCUS_COPY.blendedWords });
    expect(FOCUS_COPY.blendedWords).toBeGreaterThan(0);
  });

  it('the focus-names mix gives arithmetic random names and builds random words from the pieces it is given', () => {
    expect(FOCUS_NAMES.randomNames).toBeGreaterThan(0);
    expect(FOCUS_NAMES.pieceWords).toBe(true);
    const rng = new Rng(6);
    const docs = Array.from({ length: 600 }, () => makeDoc(format, rng, FOCUS_NAMES, ['Zqzq']));
    expect(share(docs, (d) => /zqzq/i.test(d.prompt))).toBeGreaterThan(0.05);
  });

  it('mixes without piece words ignore the pieces', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    for (let i = 0; i < 200; i++)
      expect(makeDoc(format, b, FOCUS_COPY, ['Zqzq'])).toEqual(makeDoc(format, a, FOCUS_COPY));
  });
});

describe('the words mix', () => {
  const pool = [
    { question: 'Zed has 4 pens and buys 3. How many now?', answer: '7', rationales: ['4 + 3 = 7. The answer is 7.'] }
  ];
  const rng = new Rng(8);
  const docs = Array.from({ length: 1500 }, () => makeDoc(format, rng, WORDS, [], pool));
  const share = (test: (d: { prompt: string }) => boolean): number => docs.filter(test).length / docs.length;

  it('draws about its share of documents from the human-written pool, in every mode', () => {
    const human = docs.filter((d) => d.prompt.includes('Zed has 4 pens'));
    expect(human.length / docs.length).toBeGreaterThan(0.17);
    expect(human.length / docs.length).toBeLessThan(0.27);
    expect(new Set(human.map((d) => d.completion))).toEqual(new Set([' 4 + 3 = 7. The answer is 7.', ' 7.']));
  });

  it("gives human-written problems the app's own exemplars in few-shot prompts", () => {
    const fewShot = docs.filter((d) => d.prompt.includes('Zed has 4 pens') && d.prompt.includes('Q1?'));
    expect(fewShot.length).toBeGreaterThan(0);
  });

  it("draws the word-problem teacher's stories, and still the three families", () => {
    expect(share((d) => /Take the last letters/.test(d.prompt))).toBeGreaterThan(0.03);
    expect(share((d) => /A coin is heads up/.test(d.prompt))).toBeGreaterThan(0.03);
    expect(share((d) => /\$\d|left over|at first\?|times as many/.test(d.prompt))).toBeGreaterThan(0.1);
  });

  it('without a pool, draws nothing human-written and no error', () => {
    const r = new Rng(9);
    for (let i = 0; i < 200; i++) expect(makeDoc(format, r, WORDS).prompt).not.toContain('Zed');
  });
});

describe('the grounded mix', () => {
  const pool = [
    {
      question: 'Zed has 4 pens and buys 3. How many now?',
      answer: '7',
      rationales: ['Zed has 4 pens and buys 3, so 4 + 3 = 7. The answer is 7.', '4 + 3 = 7. The answer is 7.']
    }
  ];
  const cot = (d: { completion: string }): boolean => d.completion.includes('The answer is');

  it('is the words mix with word problems reasoned in words', () => {
    expect(GROUNDED).toEqual({ ...WORDS, wordedOnly: true });
  });

  it('never lets a word-problem chain open with a number, where the words mix does', () => {
    const a = new Rng(10);
    const b = new Rng(10);
    const grounded = Array.from({ length: 1500 }, () => makeDoc(format, a, GROUNDED, [], pool));
    const words = Array.from({ length: 1500 }, () => makeDoc(format, b, WORDS, [], pool));
    const bare = (d: { prompt: string; completion: string }): boolean =>
      d.prompt !== '' && cot(d) && /^ ?[\d$]/.test(d.completion) && !/coin|letters/i.test(d.prompt);
    const zedBare = (d: { prompt: string; completion: string }): boolean => d.prompt.includes('Zed') && bare(d);
    expect(grounded.filter(zedBare)).toHaveLength(0);
    expect(words.filter(zedBare).length).toBeGreaterThan(10);
    expect(grounded.filter(bare).length).toBeLessThan(words.filter(bare).length / 2);
  });

  it('keeps the drills, which are bare sums on purpose', () => {
    const rng = new Rng(11);
    const docs = Array.from({ length: 800 }, () => makeDoc(format, rng, GROUNDED, [], pool));
    expect(docs.filter((d) => d.prompt === '').length).toBeGreaterThan(10);
  });
});

describe('openInWords', () => {
  it('drops rationales that open with a number or a dollar sign', () => {
    expect(openInWords(['4 + 3 = 7. The answer is 7.', 'She has 4, so 4 + 3 = 7.', '$4 + $3 = $7.'])).toEqual([
      'She has 4, so 4 + 3 = 7.'
    ]);
  });

  it('keeps them all when every one opens with a number, so a problem is never left without a rationale', () => {
    expect(openInWords(['4 + 3 = 7.', ' 5 - 1 = 4.'])).toEqual(['4 + 3 = 7.', ' 5 - 1 = 4.']);
  });
});

describe('letterPieces', () => {
  it('keeps letter-only tokens, drops the space mark, and lists each piece once', () => {
    expect(letterPieces(['Ġally', 'ally', 'amp', 'Ġ=', '12', '".', 'ĠThe', 'a'])).toEqual(['ally', 'amp', 'The', 'a']);
  });
});
