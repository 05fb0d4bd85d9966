import { describe, expect, it } from 'vitest';
import { argmax, candidates, nextToken } from '$lib/engine/worker/sample.ts';

const logits = Float32Array.from([1, 3, 2, -1]);
const greedy = { temperature: 0, topK: 0, topP: 1 };

describe('argmax', () => {
  it('finds the largest logit', () => expect(argmax(logits)).toBe(1));
  it('takes the first of equal maxima', () => expect(argmax([5, 5, 1])).toBe(0));
  it('survives -Infinity everywhere', () => expect(argmax([-Infinity, -Infinity])).toBe(0));
});

describe('candidates', () => {
  it('orders by probability and sums to one', () => {
    const { ids, probs } = candidates(logits, { temperature: 1, topK: 0, topP: 1 });
    expect(ids).toEqual([1, 2, 0, 3]);
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1);
    expect(probs[0]).toBeGreaterThan(probs[1] ?? 1);
  });
  it('softmax with temperature', () => {
    const { probs } = candidates([0, Math.log(3)], { temperature: 1, topK: 0, topP: 1 });
    expect(probs).toEqual([expect.closeTo(0.75), expect.closeTo(0.25)]);
    const hot = candidates([0, Math.log(3)], { temperature: 2, topK: 0, topP: 1 });
    expect(hot.probs[0]).toBeCloseTo(Math.sqrt(3) / (Math.sqrt(3) + 1));
  });
  it('top-k keeps the k most likely', () =>
    expect(candidates(logits, { temperature: 1, topK: 2, topP: 1 }).ids).toEqual([1, 2]));
  it('top-p keeps the smallest head reaching p, renormalized', () => {
    // probabilities 0.5, 0.3, 0.2: p = 0.7 needs the first two.
    const { ids, probs } = candidates([Math.log(5), Math.log(3), Math.log(2)], { temperature: 1, topK: 0, topP: 0.7 });
    expect(ids).toEqual([0, 1]);
    expect(probs).toEqual([expect.closeTo(5 / 8), expect.closeTo(3 / 8)]);
  });
  it('top-p never drops the most likely token', () =>
    expect(candidates(logits, { temperature: 1, topK: 0, topP: 0 }).ids).toEqual([1]));
  it('top-k applies before top-p', () =>
    expect(candidates([Math.log(5), Math.log(3), Math.log(2)], { temperature: 1, topK: 1, topP: 0.99 }).ids).toEqual([
      0
    ]));
});

describe('nextToken', () => {
  it('is greedy at temperature 0, whatever the random source says', () =>
    expect(nextToken(logits, greedy, () => 0.99)).toBe(1));
  it('draws by cumulative probability', () => {
    const two = [Math.log(3), 0];
    const params = { temperature: 1, topK: 0, topP: 1 };
    expect(nextToken(two, params, () => 0.7)).toBe(0);
    expect(nextToken(two, params, () => 0.8)).toBe(1);
  });
  it('a random value at the top end still picks a kept token', () =>
    expect(nextToken(logits, { temperature: 1, topK: 2, topP: 1 }, () => 0.999999999)).toBe(2));
  it('top-k 1 is greedy even when sampling', () =>
    expect(nextToken(logits, { temperature: 1.5, topK: 1, topP: 1 }, () => 0.9)).toBe(1));
});
