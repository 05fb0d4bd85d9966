import { describe, expect, it } from 'vitest';
import { vote } from '$lib/eval/vote.ts';

describe('vote', () => {
  it('the answer given most often wins', () => {
    const v = vote(['7', '5', '7', '7', '5']);
    expect(v.majority).toBe('7');
    expect(v.tallies).toEqual([
      { answer: '7', votes: 3 },
      { answer: '5', votes: 2 }
    ]);
    expect(v.tie).toBe(false);
    expect(v.noAnswer).toBe(0);
  });

  it('a tie goes to the answer given first, and says it was a tie', () => {
    const v = vote(['5', '7', '7', '5', '9']);
    expect(v.majority).toBe('5');
    expect(v.tie).toBe(true);
    expect(v.tallies.map((t) => t.answer)).toEqual(['5', '7', '9']);
  });

  it('chains without an answer vote for nothing, even when they are the most', () => {
    const v = vote([null, null, null, '4', '6', '4']);
    expect(v.majority).toBe('4');
    expect(v.noAnswer).toBe(3);
    expect(v.tallies).toEqual([
      { answer: '4', votes: 2 },
      { answer: '6', votes: 1 }
    ]);
  });

  it('no answers at all: no majority, no tie', () => {
    expect(vote([null, null])).toEqual({ tallies: [], majority: null, tie: false, noAnswer: 2 });
    expect(vote([])).toEqual({ tallies: [], majority: null, tie: false, noAnswer: 0 });
  });

  it('one chain is its own majority', () => expect(vote(['12']).majority).toBe('12'));
});
