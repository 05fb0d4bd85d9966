import { describe, expect, it } from 'vitest';
import { argmax, candidates, nextToken, topTokens } from '$lib/engine/worker/sample.ts';
import { Rng } from '$lib/core/rng.ts';

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

describe('topTokens', () => {
  it('gives the k most likely tokens in order, with softmax probabilities at temperature 1', () => {
    const { prob, top } = topTokens(logits, 2, 2);
    const z = Math.exp(1) + Math.exp(3) + Math.exp(2) + Math.exp(-1);
    expect(top.map((t) => t.id)).toEqual([1, 2]);
    expect(top[0]?.prob).toBeCloseTo(Math.exp(3) / z, 6);
    expect(top[1]?.prob).toBeCloseTo(Math.exp(2) / z, 6);
    expect(prob).toBeCloseTo(Math.exp(2) / z, 6);
  });
  it('gives the chosen token its probability even outside the top k', () => {
    const { prob, top } = topTokens(logits, 1, 3);
    expect(top.map((t) => t.id)).toEqual([1]);
    expect(prob).toBeGreaterThan(0);
    expect(prob).toBeLessThan(0.05);
  });
  it('keeps every token when k is the vocabulary, summing to one', () => {
    const { top } = topTokens(logits, 10, 0);
    expect(top.map((t) => t.id)).toEqual([1, 2, 0, 3]);
    expect(top.reduce((a, t) => a + t.prob, 0)).toBeCloseTo(1, 6);
  });
  it('keeps the first of equal logits first', () =>
    expect(topTokens([2, 2, 1], 2, 0).top.map((t) => t.id)).toEqual([0, 1]));
});

describe('seeded sampling', () => {
  const warm = { temperature: 1.5, topK: 0, topP: 1 };
  const draw = (seed: number): number[] => {
    const rng = new Rng(seed);
    return Array.from({ length: 40 }, () => nextToken(logits, warm, () => rng.next()));
  };
  it('the same seed draws the same tokens', () => expect(draw(7)).toEqual(draw(7)));
  it('another seed draws others', () => expect(draw(7)).not.toEqual(draw(8)));
});
