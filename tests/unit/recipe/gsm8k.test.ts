import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  equationsRationale,
  evaluate,
  parseGsm8k,
  questionKey,
  rationaleOf,
  readGsm8k,
  splitDev,
  type Gsm8kItem
} from '../../../models/recipe/gsm8k.ts';
import { gsm8kProblems, qualifies, reinstance, reinstanceAll } from '../../../models/recipe/gsm8k-reinstance.ts';
import { FEMALE_NAMES, FIRST_NAMES, MALE_NAMES, swapNames } from '../../../models/recipe/names.ts';
import { Rng } from '$lib/tasks/index.ts';

const row = (question: string, answer: string): string => JSON.stringify({ question, answer });
const NATALIA = row(
  'Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May. How many clips did Natalia sell altogether in April and May?',
  'Natalia sold 48/2 = <<48/2=24>>24 clips in May.\nNatalia sold 48+24 = <<48+24=72>>72 clips altogether in April and May.\n#### 72'
);
const item = (text: string): Gsm8kItem => {
  const [first] = parseGsm8k(text);
  if (first === undefined) throw new Error('no item');
  return first;
};
const natalia = item(NATALIA);

/** Every annotation of a solution recomputed: a variant must be right by its own numbers. */
function consistent(it: Gsm8kItem): boolean {
  const results = [...it.solution.matchAll(/<<([^<>=]*)=([^<>=]*)>>/g)].map((m) => {
    const v = evaluate(m[1] ?? '');
    return v !== null && Math.abs(v - Number(m[2])) < 1e-6 ? Number(m[2]) : NaN;
  });
  return results.every((r) => !Number.isNaN(r)) && String(results.at(-1)) === it.answer;
}

describe('parseGsm8k', () => {
  it('reads the final answer without commas, counts calculations and numbers items by line', () => {
    const items = parseGsm8k(`${NATALIA}\n\n${row('Q?', 'It is 1000+200=<<1000+200=1200>>1,200.\n#### 1,200')}\n`);
    expect(items.map((i) => [i.index, i.answer, i.calcs])).toEqual([
      [0, '72', 2],
      [2, '1200', 1]
    ]);
  });

  it('names a line without a final answer', () => {
    expect(() => parseGsm8k(row('Q?', 'No answer line'))).toThrow(/line 1/);
  });
});

describe('evaluate', () => {
  it('keeps precedence, parentheses, decimals and unary minus', () => {
    expect(evaluate('3*4+2')).toBe(14);
    expect(evaluate('100-50-30-15')).toBe(5);
    expect(evaluate('(600*2)*2')).toBe(2400);
    expect(evaluate('1/3*120')).toBeCloseTo(40);
    expect(evaluate('1.5-.2')).toBeCloseTo(1.3);
    expect(evaluate('-(2+3)*2')).toBe(-10);
  });

  it('refuses anything but arithmetic, and division by zero', () => {
    for (const bad of ['', '2+', '(2+3', '2 3', 'alert(1)', 'Math.PI', '4/0', '2**3'])
      expect(evaluate(bad), bad).toBe(null);
  });
});

describe('rationaleOf', () => {
  it('writes the solution as one paragraph in the project style', () => {
    expect(rationaleOf(natalia.solution)).toBe(
      'Natalia sold 48 ÷ 2 = 24 clips in May. Natalia sold 48 + 24 = 72 clips altogether in April and May. The answer is 72.'
    );
  });

  it('drops thousands commas, keeps "$" and fractions, and ends lines with punctuation', () => {
    const solution =
      'She ate 1/2 of the 1,200 cakes\nSo 1,200/2=<<1200/2=600>>600 are left,\nThey cost $2 x 600 = $<<2*600=1200>>1,200!\n#### 1,200';
    expect(rationaleOf(solution)).toBe(
      'She ate 1/2 of the 1200 cakes. So 1200 ÷ 2 = 600 are left. They cost $2 × 600 = $1200! The answer is 1200.'
    );
  });

  it('writes "*" as × even between unit words, and never two answer sentences', () => {
    const solution = '5 snakes/jaguar * 6 jaguars = <<5*6=30>>30 snakes\nSo the answer is 30.\n#### 30';
    expect(rationaleOf(solution)).toBe('5 snakes/jaguar × 6 jaguars = 30 snakes. The answer is 30.');
  });
});

describe('equationsRationale', () => {
  it('lists the annotated calculations with symbols, then the answer', () => {
    expect(equationsRationale(natalia.solution, natalia.answer)).toBe('48 ÷ 2 = 24. 48 + 24 = 72. The answer is 72.');
    expect(equationsRationale('a <<3*4+2=14>>14 b <<(14-4)/.5=20.00>>\n#### 20', '20')).toBe(
      '3 × 4 + 2 = 14. (14 - 4) ÷ 0.5 = 20. The answer is 20.'
    );
  });
});

describe('splitDev', () => {
  // 60 problems with 1–4 calculations, the last two the same question but for case and spacing.
  const lines = Array.from({ length: 60 }, (_, i) => {
    const q = i >= 58 ? (i === 58 ? 'The  SAME question?' : 'the same question?') : `Question ${i}?`;
    const calcs = Array.from({ length: (i % 4) + 1 }, () => '<<1+1=2>>').join(' ');
    return row(q, `${calcs}\n#### ${i % 7 === 0 ? '2.5' : String(i)}`);
  });
  const items = parseGsm8k(lines.join('\n'));

  it('draws dev among 1–3 calculations with a whole answer, disjoint from train, stable for the seed', () => {
    const { dev, train } = splitDev(items, 5, 20);
    expect(dev).toHaveLength(20);
    expect(dev.every((d) => d.calcs >= 1 && d.calcs <= 3 && /^\d+$/.test(d.answer))).toBe(true);
    const devIds = new Set(dev.map((d) => d.index));
    expect(train.some((t) => devIds.has(t.index))).toBe(false);
    expect(splitDev(items, 5, 20).dev).toEqual(dev);
    expect(splitDev(items, 6, 20).dev).not.toEqual(dev);
    expect(train.some((t) => t.calcs === 4)).toBe(true);
  });

  it('keeps a near-duplicate of a dev question out of train', () => {
    for (let seed = 0; seed < 30; seed++) {
      const { dev, train } = splitDev(items, seed, 30);
      const keys = new Set(dev.map((d) => questionKey(d.question)));
      expect(train.some((t) => keys.has(questionKey(t.question)))).toBe(false);
      expect(dev.length + train.length).toBeGreaterThanOrEqual(items.length - 1);
    }
  });
});

describe('reinstance', () => {
  it('varies the question numbers and recomputes every step', () => {
    const rng = new Rng(3);
    for (let i = 0; i < 30; i++) {
      const v = reinstance(natalia, rng);
      if (v === null) throw new Error('Natalia has variants');
      expect(v.question).not.toBe(natalia.question);
      expect(consistent(v), v.solution).toBe(true);
      const n = Number(/to (\d+) of her friends/.exec(v.question)?.[1]);
      expect(n).toBeGreaterThanOrEqual(24);
      expect(n).toBeLessThanOrEqual(96);
      expect(v.answer).toBe(String(n + n / 2));
      expect(rationaleOf(v.solution)).toBe(
        `Natalia sold ${n} ÷ 2 = ${n / 2} clips in May. Natalia sold ${n} + ${n / 2} = ${v.answer} clips altogether in April and May. The answer is ${v.answer}.`
      );
    }
  });

  it("keeps years, money's two decimals and thousands commas as written", () => {
    const it = item(
      row(
        'In 2020 Ann bought 14 pens at $2.50 each and a bag for $1,250.',
        'The pens cost 14*2.50=$<<14*2.5=35>>35.00\nIn all she paid 35+1,250=$<<35+1250=1285>>1,285\n#### 1,285'
      )
    );
    const vs = reinstanceAll([it], new Rng(1), 5);
    expect(vs.length).toBeGreaterThan(0);
    for (const v of vs) {
      expect(consistent(v), v.solution).toBe(true);
      expect(v.question).toMatch(
        /^In 2020 Ann bought \d+ pens at \$\d+\.\d\d each and a bag for \$(\d,\d{3}|\d{3})\.$/
      );
      expect(v.solution).toMatch(/^The pens cost \d+\*\d+\.\d\d=\$<<[^>]+>>\d+\.\d\d\n/);
    }
  });

  it('gives up on a calculation with a number the question does not explain', () => {
    const it = item(row('Tom has 13 apples and buys more. How many?', 'He has 13+17=<<13+17=30>>30.\n#### 30'));
    expect(qualifies(it)).toBe(false);
    expect(reinstance(it, new Rng(1))).toBe(null);
  });

  it('gives up where the prose calculates without an annotation', () => {
    const it = item(row('Sam has 24 marbles and gets 6 more.', 'He has 24/6=<<24/6=4>>4 bags.\nSo 4+6=10\n#### 10'));
    expect(reinstance(it, new Rng(1))).toBe(null);
  });

  it('gives distinct variants, each unlike the original', () => {
    const vs = reinstanceAll([natalia, natalia], new Rng(8), 4);
    expect(vs).toHaveLength(8);
    expect(new Set(vs.slice(0, 4).map((v) => v.question)).size).toBe(4);
    expect(vs.some((v) => v.question === natalia.question)).toBe(false);
  });
});

describe('swapNames', () => {
  const it0 = item(
    row('Natalia and Ben went to Miami. Natalia gave Ben 3 apples.', "Ben's apples: <<3=3>>3. Natalia's gift.\n#### 3")
  );

  it('swaps every known name consistently, keeping "\'s", gender and other words', () => {
    const rng = new Rng(4);
    for (let i = 0; i < 20; i++) {
      const s = swapNames(it0, rng, FIRST_NAMES);
      const [, her, him] = /^(\w+) and (\w+) went to Miami\. \1 gave \2 3 apples\.$/.exec(s.question) ?? [];
      expect(her !== undefined && her !== 'Natalia' && FEMALE_NAMES.includes(her), s.question).toBe(true);
      expect(him !== undefined && him !== 'Ben' && MALE_NAMES.includes(him), s.question).toBe(true);
      expect(s.solution).toBe(`${him}'s apples: <<3=3>>3. ${her}'s gift.\n#### 3`);
    }
  });

  it('draws only from the given names, and leaves a problem without known names alone', () => {
    const s = swapNames(it0, new Rng(1), ['Zed', 'Quinn']);
    expect(s.question).toMatch(/^(Zed|Quinn) and (Zed|Quinn) went/);
    const plain = item(row('A farmer has 3 cows.', '<<3=3>>3\n#### 3'));
    expect(swapNames(plain, new Rng(1))).toEqual(plain);
  });
});

describe('gsm8kProblems', () => {
  it('gives each original with both rationales, then its variants, and skips long problems', () => {
    const long = { ...natalia, index: 9, question: `${'Very long. '.repeat(130)}${natalia.question}` };
    const problems = gsm8kProblems([natalia, long], new Rng(2), { variants: 3 });
    expect(problems).toHaveLength(4);
    expect(problems[0]?.rationales).toEqual([
      rationaleOf(natalia.solution),
      equationsRationale(natalia.solution, natalia.answer)
    ]);
    for (const p of problems) {
      expect(p.rationales).toHaveLength(2);
      for (const r of p.rationales) expect(r.endsWith(`The answer is ${p.answer}.`)).toBe(true);
    }
  });
});

const DATA = resolve(process.cwd(), '../shared/data/gsm8k/train.jsonl');

// The data lives beside the checkout (../shared), not in it: a clone elsewhere skips these, and since a skipped
// describe's body still runs while tests are collected, the file is only read when it is there.
describe.skipIf(!existsSync(DATA))('the GSM8K training split', () => {
  const items = existsSync(DATA) ? readGsm8k(DATA) : [];
  const { dev, train } = splitDev(items);

  it('keeps a 600-problem dev split apart from train, also up to case and spacing', () => {
    expect(items).toHaveLength(7473);
    expect(dev).toHaveLength(600);
    const keys = new Set(dev.map((d) => questionKey(d.question)));
    expect(train.filter((t) => keys.has(questionKey(t.question)))).toEqual([]);
    expect(dev.length + train.length).toBe(items.length);
  });

  it('re-instances most short training problems, every variant consistent', () => {
    const short = train.filter((t) => t.calcs <= 3);
    const qualifying = short.filter(qualifies);
    console.info(`re-instancing: ${qualifying.length} of ${short.length} training problems with ≤ 3 calculations`);
    expect(qualifying.length).toBeGreaterThanOrEqual(2500);
    const variants = reinstanceAll(new Rng(1).sample(qualifying, 300), new Rng(2), 1);
    expect(variants.length).toBeGreaterThan(250);
    for (const v of variants) expect(consistent(v), v.solution).toBe(true);
  });
});
