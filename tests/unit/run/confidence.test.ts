import { describe, expect, it } from 'vitest';
import type { TokenInfo } from '$lib/core/types.ts';
import {
  FORK_MARGIN,
  SHADE_LEVELS,
  TOP_ALTERNATIVES,
  alternativesFor,
  branchPrompt,
  canBranchAt,
  chosenIndex,
  clipTokens,
  formatProb,
  isFork,
  isTopChoice,
  leadIn,
  runnerUp,
  shadeLegend,
  shadeLevel,
  textBefore,
  tokenLabel
} from '$lib/run/confidence.ts';

/** A token the model wrote with probability `prob`, its step's choices given as [text, prob] pairs. */
function token(text: string, prob: number, top: [string, number][] = [[text, prob]]): TokenInfo {
  return { text, prob, top: top.map(([t, p]) => ({ text: t, prob: p })) };
}

const sure = (text: string): TokenInfo =>
  token(text, 0.95, [
    [text, 0.95],
    ['x', 0.03]
  ]);
const split = (text: string, other: string): TokenInfo =>
  token(text, 0.5, [
    [text, 0.5],
    [other, 0.42],
    ['z', 0.05]
  ]);

describe('alternativesFor', () => {
  it('asks for the top five only while the view is on', () => {
    expect(alternativesFor(true)).toBe(TOP_ALTERNATIVES);
    expect(TOP_ALTERNATIVES).toBe(5);
    expect(alternativesFor(false)).toBe(0);
  });
});

describe('isFork', () => {
  it('marks a near-tie between the two most likely tokens', () => {
    expect(isFork(split(' is', ' st'))).toBe(true);
  });

  it('does not mark a clear favourite', () => {
    expect(isFork(sure(' 7'))).toBe(false);
    expect(
      isFork(
        token('a', 0.58, [
          ['a', 0.58],
          ['b', 0.42]
        ])
      )
    ).toBe(false);
  });

  it('the margin is strict: exactly FORK_MARGIN apart is not a fork, a hair under is', () => {
    const at = (gap: number): TokenInfo =>
      token('a', 0.5, [
        ['a', 0.5],
        ['b', 0.5 - gap]
      ]);
    expect(isFork(at(FORK_MARGIN))).toBe(false);
    expect(isFork(at(FORK_MARGIN - 0.001))).toBe(true);
  });

  it('needs two choices to compare', () => {
    expect(isFork(token('a', 1))).toBe(false);
    expect(isFork({ text: 'a', prob: 1, top: [] })).toBe(false);
  });

  it('a sampled token below the top two is judged by the top two', () => {
    const sampled = token('c', 0.1, [
      ['a', 0.45],
      ['b', 0.4],
      ['c', 0.1]
    ]);
    expect(isFork(sampled)).toBe(true);
    expect(isTopChoice(sampled)).toBe(false);
  });
});

describe('isTopChoice', () => {
  it('holds for the most likely token, ties included', () => {
    expect(isTopChoice(sure('a'))).toBe(true);
    expect(
      isTopChoice(
        token('b', 0.5, [
          ['a', 0.5],
          ['b', 0.5]
        ])
      )
    ).toBe(true);
  });
  it('fails for a less likely token, or one with no alternatives reported', () => {
    expect(
      isTopChoice(
        token('b', 0.3, [
          ['a', 0.6],
          ['b', 0.3]
        ])
      )
    ).toBe(false);
    expect(isTopChoice({ text: 'a', prob: 1, top: [] })).toBe(false);
  });
});

describe('canBranchAt', () => {
  const greedy = [sure(' The'), split(' coin', ' st'), sure(' is'), split(' 2', ' 3')];

  it('allows a fork on a greedy path', () => {
    expect(canBranchAt(greedy, 1)).toBe(true);
    expect(canBranchAt(greedy, 3)).toBe(true);
  });

  it('refuses a token that is no fork, or an index past the end', () => {
    expect(canBranchAt(greedy, 0)).toBe(false);
    expect(canBranchAt(greedy, 4)).toBe(false);
    expect(canBranchAt([], 0)).toBe(false);
  });

  it('refuses a fork after a sampled token: that path has no single other branch', () => {
    const sampled = token(' A', 0.2, [
      [' The', 0.7],
      [' A', 0.2]
    ]);
    const tokens = [sure(' Q'), sampled, split(' coin', ' st')];
    expect(canBranchAt(tokens, 2)).toBe(false);
  });

  it('a sampled token after the fork does not matter', () => {
    const later = token(' A', 0.2, [
      [' The', 0.7],
      [' A', 0.2]
    ]);
    expect(canBranchAt([split(' x', ' y'), later], 0)).toBe(true);
  });
});

describe('runnerUp', () => {
  it('is the second most likely token', () => {
    expect(runnerUp(split(' is', ' st'))).toEqual({ text: ' st', prob: 0.42 });
  });
  it('is null without a second choice', () => {
    expect(runnerUp(token('a', 1))).toBeNull();
  });
});

describe('shadeLevel', () => {
  it('leaves sure tokens unshaded and shades less likely ones more', () => {
    expect(shadeLevel(1)).toBe(0);
    expect(shadeLevel(0.9)).toBe(0);
    expect(shadeLevel(0.89)).toBe(1);
    expect(shadeLevel(0.7)).toBe(1);
    expect(shadeLevel(0.6)).toBe(2);
    expect(shadeLevel(0.3)).toBe(3);
    expect(shadeLevel(0.29)).toBe(4);
    expect(shadeLevel(0)).toBe(4);
  });

  it('never goes down as the probability falls', () => {
    let last = 0;
    for (let p = 1; p >= 0; p -= 0.01) {
      const level = shadeLevel(p);
      expect(level).toBeGreaterThanOrEqual(last);
      expect(level).toBeLessThan(SHADE_LEVELS);
      last = level;
    }
  });

  it('has one legend entry per level, in order', () => {
    expect(shadeLegend()).toEqual(['90+', '70+', '50+', '30+', '< 30']);
    expect(shadeLegend()).toHaveLength(SHADE_LEVELS);
  });
});

describe('formatProb', () => {
  it('shows whole percents', () => {
    expect(formatProb(0.324)).toBe('32 %');
    expect(formatProb(1)).toBe('100 %');
    expect(formatProb(0.005)).toBe('1 %');
  });
  it('says "< 1 %" for a tiny but real probability, and 0 % only for none', () => {
    expect(formatProb(0.0004)).toBe('< 1 %');
    expect(formatProb(0)).toBe('0 %');
  });
});

describe('clipTokens', () => {
  const tokens = [sure(' 8'), sure('.'), sure('\n'), sure('Q'), sure(':')];

  it('keeps every token when they make the text', () => {
    expect(clipTokens(tokens, ' 8.\nQ:')).toEqual(tokens);
  });

  it('drops the tokens a stop sequence cut off', () => {
    expect(clipTokens(tokens, ' 8.').map((t) => t.text)).toEqual([' 8', '.']);
  });

  it('cuts the last token where the text ends', () => {
    const joined = [sure(' 8.\nQ'), sure(':')];
    expect(clipTokens(joined, ' 8.').map((t) => t.text)).toEqual([' 8.']);
  });

  it('keeps empty tokens (end of sequence, half a character) that end the text', () => {
    const eos = token('', 0.9);
    expect(clipTokens([sure(' 8'), eos], ' 8')).toEqual([sure(' 8'), eos]);
  });

  it('has nothing for no tokens, and no tokens for no text', () => {
    expect(clipTokens([], 'text')).toEqual([]);
    expect(clipTokens(tokens, '')).toEqual([]);
  });
});

describe('branchPrompt', () => {
  const tokens = [sure(' 12'), sure(' -'), sure(' 5'), sure(' ='), sure(' 7'), split(' left', '.')];

  it('is the prompt, the text before the fork, then the runner-up', () => {
    expect(textBefore(tokens, 5)).toBe(' 12 - 5 = 7');
    expect(branchPrompt('Q: x\nA:', tokens, 5, '.')).toBe('Q: x\nA: 12 - 5 = 7.');
  });

  it('at the first token, the prompt and the runner-up only', () => {
    expect(branchPrompt('A:', tokens, 0, ' F')).toBe('A: F');
    expect(textBefore(tokens, 0)).toBe('');
  });
});

describe('leadIn', () => {
  it('keeps short text whole', () => {
    expect(leadIn(' 12 - 5 = 7', 40)).toBe(' 12 - 5 = 7');
  });
  it('keeps the end of long text, from a word boundary near the cut', () => {
    const text = 'First, 47 + 21 = 68 after getting 21 more. Then 68 + 35';
    const out = leadIn(text, 20);
    expect(out.startsWith('…')).toBe(true);
    expect(text.endsWith(out.slice(1))).toBe(true);
    expect(out.length).toBeLessThanOrEqual(21);
    expect(out.slice(1, 2)).toMatch(/\s/);
  });
  it('cuts mid-word when no space is near', () => {
    expect(leadIn('abcdefghijklmnopqrstuvwxyz', 10)).toBe('…qrstuvwxyz');
  });
});

describe('tokenLabel', () => {
  it('shows the spaces and line breaks a token carries', () => {
    expect(tokenLabel(' F')).toBe('␣F');
    expect(tokenLabel('.\n')).toBe('.↵');
    expect(tokenLabel('abc')).toBe('abc');
  });
  it('names the empty token the end of sequence decodes to', () => {
    expect(tokenLabel('')).toBe('end of text');
  });
});

describe('chosenIndex', () => {
  it('finds the written token among the top choices', () => {
    expect(chosenIndex(split(' is', ' st'))).toBe(0);
    expect(
      chosenIndex(
        token('b', 0.3, [
          ['a', 0.6],
          ['b', 0.3]
        ])
      )
    ).toBe(1);
  });
  it('is -1 for a sampled token outside the top choices', () => {
    expect(chosenIndex(token('q', 0.01, [['a', 0.9]]))).toBe(-1);
  });
});
