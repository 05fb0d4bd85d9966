import { describe, expect, it } from 'vitest';
import { Rng, answerSentence, type GenerateOptions } from '$lib/tasks/index.ts';
import { checkStory, generateStory } from '$lib/tasks/stories/index.ts';
import { WORKSHEET_ONE } from '$lib/tasks/stories/worksheet.ts';
import { WORKSHEET_TWO } from '$lib/tasks/stories/worksheetTwo.ts';
import { MORE_ONE, MORE_TWO, times } from '$lib/tasks/stories/worksheetMore.ts';
import { MORE_THREE } from '$lib/tasks/stories/worksheetThree.ts';
import { WIDE_ONE, WIDE_THREE, WIDE_TWO } from '$lib/tasks/stories/worksheetWide.ts';
import { JOIN_ONE, JOIN_THREE, JOIN_TWO } from '$lib/tasks/stories/worksheetJoin.ts';
import { EACH_ONE, EACH_THREE, EACH_TWO } from '$lib/tasks/stories/worksheetEach.ts';
import { CATEGORIES } from '$lib/tasks/stories/categories.ts';
import { PAST, PRESENT, who } from '$lib/tasks/stories/parts.ts';

const EQUATION = /(\d+) ([-+×÷]) (\d+) = (\d+)/g;

describe('worksheet wordings', () => {
  it.each([
    ['worksheet.ts', 1, WORKSHEET_ONE],
    ['worksheetTwo.ts', 2, WORKSHEET_TWO],
    ['worksheetMore.ts, one step', 1, MORE_ONE],
    ['worksheetMore.ts, two steps', 2, MORE_TWO],
    ['worksheetThree.ts', 3, MORE_THREE],
    ['worksheetWide.ts, one step', 1, WIDE_ONE],
    ['worksheetWide.ts, two steps', 2, WIDE_TWO],
    ['worksheetWide.ts, three steps', 3, WIDE_THREE],
    ['worksheetJoin.ts, one step', 1, JOIN_ONE],
    ['worksheetJoin.ts, two steps', 2, JOIN_TWO],
    ['worksheetJoin.ts, three steps', 3, JOIN_THREE],
    ['worksheetEach.ts, one step', 1, EACH_ONE],
    ['worksheetEach.ts, two steps', 2, EACH_TWO],
    ['worksheetEach.ts, three steps', 3, EACH_THREE]
  ] as const)(
    'every kind in %s writes problems whose sums check out from the question’s own numbers',
    (_, steps, kinds) => {
      const rng = new Rng(11);
      for (const kind of kinds) {
        let built = 0;
        for (let i = 0; i < 300; i++) {
          const cat = rng.pick(CATEGORIES);
          const ctx = { rng, options: {}, cat, noun: rng.pick(cat.nouns), w: who(rng, {}, cat) };
          const b = kind(ctx, rng.chance(0.5) ? PAST : PRESENT);
          if (b === null) continue;
          built++;
          const question = [...b.facts, b.question].join(' ');
          const answer = b.calcs.at(-1)?.op.result ?? NaN;
          expect(b.calcs, question).toHaveLength(steps);
          expect(checkStory(question, b.calcs, answer, b.said), question).toBe(true);
          expect(question, question).not.toMatch(/ {2}|\b1 (hours|days|weeks)\b|undefined|NaN/);
          expect(b.question.endsWith('?'), b.question).toBe(true);
        }
        expect(built, kind.name).toBeGreaterThan(100);
      }
    }
  );

  it('puts a number in the question sentence itself in some problems', () => {
    const rng = new Rng(12);
    const asks = Array.from({ length: 300 }, () => generateStory(rng, { worksheet: 1, steps: 1 })).filter((p) =>
      /\d/.test(p.question.slice(p.question.lastIndexOf('. ') + 1))
    );
    expect(asks.length).toBeGreaterThan(30);
  });

  it('ends every rationale in the answer, whose last equation computes it', () => {
    const rng = new Rng(13);
    for (let i = 0; i < 300; i++) {
      const p = generateStory(rng, { worksheet: 1, steps: i % 2 === 0 ? 1 : 2 });
      for (const r of p.rationales) {
        expect(r.endsWith(answerSentence(p.answer)), r).toBe(true);
        expect([...r.matchAll(EQUATION)].at(-1)?.[4], r).toBe(p.answer);
      }
    }
  });

  it.each([
    ['worksheet wordings', 14, {}, { worksheet: 0.5 }, { worksheet: 0 }],
    ['stage 13’s wordings', 15, { worksheet: 0.5 }, { worksheetMore: 0.35 }, { worksheetMore: 0 }],
    ['stage 14’s wordings', 18, { worksheetMore: 0.35 }, { worksheetWide: 0.3 }, { worksheetWide: 0 }],
    ['stage 15’s wordings', 20, { worksheetWide: 0.3 }, { worksheetJoin: 0.25 }, { worksheetJoin: 0 }],
    ['stage 16’s wordings', 22, { worksheetJoin: 0.25 }, { worksheetEach: 0.25 }, { worksheetEach: 0 }]
  ] as const)('leaves the draws of a corpus without %s unchanged', (_, seed, base, on, off) => {
    const draw = (options: GenerateOptions) => {
      const rng = new Rng(seed);
      return Array.from({ length: 50 }, () => generateStory(rng, options));
    };
    expect(draw({ ...base, ...off })).toEqual(draw(base));
    expect(draw({ ...base, ...on })).not.toEqual(draw(base));
  });

  it('takes a factor written in words as given only when the problem says it is', () => {
    const rng = new Rng(16);
    const worded = Array.from({ length: 200 }, () => times(rng)).filter((f) => f.said.length > 0);
    expect(worded.map((f) => f.word)).toContain('twice');
    for (const f of worded) expect(f.said).toEqual([f.k]);
    const question = 'Ann has 48 cards, twice as many as Ben. How many cards does Ben have?';
    const calcs = [{ op: { kind: 'div', a: 48, b: 2, result: 24 }, quote: '', result: '', lead: '' }] as const;
    expect(checkStory(question, calcs, 24)).toBe(false);
    expect(checkStory(question, calcs, 24, [2])).toBe(true);
  });

  it('writes three-step problems whose rationales end in the answer', () => {
    const rng = new Rng(17);
    for (let i = 0; i < 200; i++) {
      const p = generateStory(rng, { worksheetMore: 1, steps: 3 });
      for (const r of p.rationales) {
        expect([...r.matchAll(EQUATION)], r).toHaveLength(3);
        expect(r.endsWith(answerSentence(p.answer)), r).toBe(true);
      }
    }
  });

  it('reads a count written in words ("Three boxes hold 20 each") only as the problem says it', () => {
    const rng = new Rng(19);
    const worded = Array.from({ length: 100 }, () => generateStory(rng, { worksheetWide: 1, steps: 2 })).filter((p) =>
      /^(Two|Three|Four|Five|Six) \w+ hold \d+/.test(p.question)
    );
    expect(worded.length).toBeGreaterThan(5);
    for (const p of worded) {
      const g = ['Two', 'Three', 'Four', 'Five', 'Six'].indexOf(p.question.split(' ')[0] ?? '') + 2;
      for (const r of p.rationales) expect(r, r).toContain(`${g} × `);
    }
  });

  it('answers two changes joined in one sentence ("bought 12 more and then gave 9") in two equations', () => {
    const rng = new Rng(21);
    const joined = Array.from({ length: 200 }, () => generateStory(rng, { worksheetJoin: 1, steps: 2 })).filter((p) =>
      / and (then )?\w+( \w+)? \d+/.test(p.question)
    );
    expect(joined.length).toBeGreaterThan(20);
    for (const p of joined)
      for (const r of p.rationales) {
        expect([...r.matchAll(EQUATION)], r).toHaveLength(2);
        expect(r.endsWith(answerSentence(p.answer)), r).toBe(true);
      }
  });

  it('counts "Ella and her 3 friends" as one more than the number written, before sharing', () => {
    const rng = new Rng(23);
    const shared = Array.from({ length: 300 }, () => generateStory(rng, { worksheetEach: 1, steps: 2 })).filter((p) =>
      / and (her|his) \d+ \w+ share /.test(p.question)
    );
    expect(shared.length).toBeGreaterThan(10);
    for (const p of shared) {
      const f = Number(/ and (?:her|his) (\d+) /.exec(p.question)?.[1]);
      for (const r of p.rationales) expect(r, r).toContain(`${f} + 1 = ${f + 1}`);
    }
  });
});
