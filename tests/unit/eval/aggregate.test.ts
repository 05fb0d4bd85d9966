import { describe, expect, it } from 'vitest';
import { formatInterval, formatPercent, summarize, tally } from '$lib/eval/aggregate.ts';
import { wilson } from '$lib/stats/index.ts';
import { record } from './records.ts';

describe('wilson', () => {
  it('matches a textbook value: 8 of 10', () => {
    const ci = wilson(8, 10);
    expect(ci?.low).toBeCloseTo(0.4902, 4);
    expect(ci?.high).toBeCloseTo(0.9433, 4);
  });
  it('stays inside [0, 1] at the edges and contains p', () => {
    expect(wilson(0, 5)?.low).toBe(0);
    expect(wilson(5, 5)?.high).toBe(1);
    expect(wilson(0, 5)?.high).toBeGreaterThan(0.4);
    expect(wilson(5, 5)?.low).toBeLessThan(0.6);
  });
  it('narrows as n grows', () => {
    const small = wilson(5, 10);
    const large = wilson(500, 1000);
    expect((large?.high ?? 1) - (large?.low ?? 0)).toBeLessThan((small?.high ?? 1) - (small?.low ?? 0));
  });
  it('is null without trials or for impossible counts', () => {
    expect(wilson(0, 0)).toBeNull();
    expect(wilson(3, 2)).toBeNull();
    expect(wilson(-1, 2)).toBeNull();
    expect(wilson(1.5, 2)).toBeNull();
  });
});

describe('tally', () => {
  it('counts correct answers and leaves errors out', () => {
    const t = tally([
      record('answer-only', true),
      record('answer-only', false),
      record('answer-only', false, { error: 'x' })
    ]);
    expect(t.n).toBe(2);
    expect(t.correct).toBe(1);
    expect(t.accuracy).toBe(0.5);
  });
  it('is empty for no records', () => expect(tally([])).toEqual({ n: 0, correct: 0, accuracy: null, ci: null }));
});

describe('summarize', () => {
  const records = [
    record('zero-shot-cot', true, { generatedTokens: 30, totalMs: 300, decodeTokensPerSec: 100 }),
    record('zero-shot-cot', true, { generatedTokens: 50, totalMs: 500, decodeTokensPerSec: 300, steps: 2 }),
    record('answer-only', false, { generatedTokens: 3, totalMs: 30, decodeTokensPerSec: null }),
    record('answer-only', true, { generatedTokens: 3, totalMs: 50, steps: 2, decodeTokensPerSec: 150 }),
    record('answer-only', false, { error: 'boom' })
  ];
  const s = summarize(records, ['zero-shot-cot', 'answer-only']);

  it('has one summary per evaluated mode, in order', () =>
    expect(s.modes.map((m) => m.mode)).toEqual(['zero-shot-cot', 'answer-only']));
  it('computes accuracy and a Wilson interval per mode', () => {
    expect(s.modes[0]?.accuracy).toBe(1);
    expect(s.modes[1]?.accuracy).toBe(0.5);
    expect(s.modes[1]?.ci).toEqual(wilson(1, 2));
    expect(s.modes[1]?.errors).toBe(1);
  });
  it('computes the cost of thinking: mean tokens and seconds per question', () => {
    expect(s.modes[0]?.meanGeneratedTokens).toBe(40);
    expect(s.modes[0]?.meanSeconds).toBeCloseTo(0.4);
    expect(s.modes[1]?.meanGeneratedTokens).toBe(3);
  });
  it('takes the median decode rate over runs that have one', () => {
    expect(s.modes[0]?.medianDecodeTokensPerSec).toBe(200);
    expect(s.modes[1]?.medianDecodeTokensPerSec).toBe(150);
  });
  it('breaks accuracy down by family and steps, in order', () => {
    expect(s.bySteps.map((r) => [r.family, r.steps])).toEqual([
      ['arithmetic', 1],
      ['arithmetic', 2]
    ]);
    expect(s.bySteps[1]?.tallies['answer-only']).toMatchObject({ n: 1, correct: 1 });
    expect(s.bySteps[1]?.tallies['few-shot-cot']).toBeUndefined();
  });
  it('leaves out records without steps from the breakdown', () => {
    const t = summarize([record('answer-only', true, { steps: null })], ['answer-only']);
    expect(t.bySteps).toEqual([]);
    expect(t.modes[0]?.n).toBe(1);
  });
  it('orders families as the generator does, unknown last', () => {
    const t = summarize(
      [
        record('answer-only', true, { family: null, steps: 1 }),
        record('answer-only', true, { family: 'letters', steps: 3 }),
        record('answer-only', true, { family: 'coin', steps: 2 })
      ],
      ['answer-only']
    );
    expect(t.bySteps.map((r) => r.family)).toEqual(['coin', 'letters', null]);
  });
  it('has nulls, not NaN, for a mode without answers', () => {
    const t = summarize([], ['few-shot-cot']);
    expect(t.modes[0]).toMatchObject({ n: 0, accuracy: null, ci: null, meanGeneratedTokens: null, meanSeconds: null });
  });
});

describe('formatting', () => {
  it('formats percentages and intervals for the table', () => {
    expect(formatPercent(0.625)).toBe('63 %');
    expect(formatPercent(0.625, 1)).toBe('62.5 %');
    expect(formatPercent(null)).toBe('—');
    expect(formatInterval({ low: 0.49, high: 0.943 })).toBe('49–94 %');
    expect(formatInterval(null)).toBe('—');
  });
});
