import { describe, expect, it } from 'vitest';
import { sharedPrefixLength } from '$lib/engine/worker/group.ts';

describe('sharedPrefixLength', () => {
  it('counts the tokens every row opens with', () => {
    expect(
      sharedPrefixLength([
        [1, 2, 3, 4, 9],
        [1, 2, 3, 5],
        [1, 2, 3, 4, 4, 4]
      ])
    ).toBe(3);
  });

  it('leaves every row at least one token of its own, even when one row is the opening of another', () => {
    expect(
      sharedPrefixLength([
        [1, 2, 3],
        [1, 2, 3, 4]
      ])
    ).toBe(2);
    expect(
      sharedPrefixLength([
        [7, 7],
        [7, 7]
      ])
    ).toBe(1);
  });

  it('is 0 for rows that differ at once, a one-token row, or no rows', () => {
    expect(
      sharedPrefixLength([
        [1, 2],
        [2, 1]
      ])
    ).toBe(0);
    expect(sharedPrefixLength([[1], [1, 2]])).toBe(0);
    expect(sharedPrefixLength([])).toBe(0);
  });
});
