import { describe, expect, it } from 'vitest';
import { Rng, answerSentence } from '$lib/tasks/index.ts';
import { checkStory, generateStory } from '$lib/tasks/stories/index.ts';
import { WORKSHEET_ONE } from '$lib/tasks/stories/worksheet.ts';
import { WORKSHEET_TWO } from '$lib/tasks/stories/worksheetTwo.ts';
import { CATEGORIES } from '$lib/tasks/stories/categories.ts';
import { PAST, PRESENT, who } from '$lib/tasks/stories/parts.ts';

const EQUATION = /(\d+) ([-+×÷]) (\d+) = (\d+)/g;

describe('worksheet wordings', () => {
  it('every kind writes problems whose sums check out from the question’s own numbers', () => {
    const rng = new Rng(11);
    for (const [steps, kinds] of [
      [1, WORKSHEET_ONE],
      [2, WORKSHEET_TWO]
    ] as const) {
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
          expect(checkStory(question, b.calcs, answer), question).toBe(true);
          expect(b.question.endsWith('?'), b.question).toBe(true);
        }
        expect(built, kind.name).toBeGreaterThan(100);
      }
    }
  });

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

  it('leaves the draws of a corpus without worksheet wordings unchanged', () => {
    const draw = (options: { worksheet?: number }) => {
      const rng = new Rng(14);
      return Array.from({ length: 50 }, () => generateStory(rng, options));
    };
    expect(draw({ worksheet: 0 })).toEqual(draw({}));
    expect(draw({ worksheet: 0.5 })).not.toEqual(draw({}));
  });
});
