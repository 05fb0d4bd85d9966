import { describe, expect, it } from 'vitest';
import { TokenBatcher } from '$lib/engine/worker/tokenBatcher.ts';
import type { TokenInfo } from '$lib/core/types.ts';

function batcher(intervalMs = 16) {
  const sent: { text: string; at: number[] }[] = [];
  const infos: TokenInfo[][] = [];
  const b = new TokenBatcher((text, at, tokens) => {
    sent.push({ text, at });
    infos.push(tokens);
  }, intervalMs);
  return { b, sent, infos };
}

describe('TokenBatcher', () => {
  it('sends the first token at once', () => {
    const { b, sent } = batcher();
    b.push('Hi', 100);
    expect(sent).toEqual([{ text: 'Hi', at: [100] }]);
  });

  it('groups tokens within the interval and keeps every token’s time', () => {
    const { b, sent } = batcher();
    b.push('a', 0);
    b.push('b', 5);
    b.push('c', 10);
    expect(sent).toHaveLength(1);
    b.push('d', 16);
    expect(sent).toEqual([
      { text: 'a', at: [0] },
      { text: 'bcd', at: [5, 10, 16] }
    ]);
  });

  it('end flushes the rest, once', () => {
    const { b, sent } = batcher();
    b.push('a', 0);
    b.push('', 3);
    b.end();
    b.end();
    expect(sent).toEqual([
      { text: 'a', at: [0] },
      { text: '', at: [3] }
    ]);
  });

  it('slow tokens go one by one', () => {
    const { b, sent } = batcher();
    for (const t of [0, 20, 40]) b.push('x', t);
    expect(sent.map((s) => s.at)).toEqual([[0], [20], [40]]);
  });

  it('an interval of 0 sends every token', () => {
    const { b, sent } = batcher(0);
    b.push('a', 1);
    b.push('b', 1);
    expect(sent).toHaveLength(2);
  });

  it('nothing pushed, nothing sent', () => {
    const { b, sent } = batcher();
    b.end();
    expect(sent).toEqual([]);
  });

  it("sends each token's probability and alternatives with its group, or nothing when the run asked none", () => {
    const { b, infos } = batcher();
    const info = (text: string): TokenInfo => ({ text, prob: 0.5, top: [{ text, prob: 0.5 }] });
    b.push('a', 0, info('a'));
    b.push('b', 5, info('b'));
    b.push('c', 10, info('c'));
    b.end();
    b.push('d', 40);
    expect(infos.map((group) => group.map((t) => t.text))).toEqual([['a'], ['b', 'c'], []]);
  });
});
