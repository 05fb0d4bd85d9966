import { describe, expect, it } from 'vitest';
import { runOrder } from '$lib/run/order.ts';

describe('runOrder', () => {
  it('keeps the pane order without rotation', () => {
    expect(runOrder(0, false)).toEqual(['zero-shot-cot', 'few-shot-cot', 'answer-only']);
    expect(runOrder(5, false)).toEqual(['zero-shot-cot', 'few-shot-cot', 'answer-only']);
  });
  it('rotates by one each run', () => {
    expect(runOrder(0, true)).toEqual(['zero-shot-cot', 'few-shot-cot', 'answer-only']);
    expect(runOrder(1, true)).toEqual(['few-shot-cot', 'answer-only', 'zero-shot-cot']);
    expect(runOrder(2, true)).toEqual(['answer-only', 'zero-shot-cot', 'few-shot-cot']);
    expect(runOrder(3, true)).toEqual(['zero-shot-cot', 'few-shot-cot', 'answer-only']);
  });
  it('puts every mode first once in three runs', () => {
    const firsts = [0, 1, 2].map((i) => runOrder(i, true)[0]);
    expect(new Set(firsts).size).toBe(3);
  });
});
