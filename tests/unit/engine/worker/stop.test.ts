import { describe, expect, it } from 'vitest';
import { cutAtStop, firstStop } from '$lib/engine/worker/stop.ts';

describe('firstStop', () => {
  it('is -1 without stops', () => expect(firstStop('a\nQ: b', [])).toBe(-1));
  it('finds a stop', () => expect(firstStop(' 8.\n\nQ: next', ['\nQ:'])).toBe(4));
  it('takes the earliest of several', () => expect(firstStop('xx END yy STOP', ['STOP', 'END'])).toBe(3));
  it('ignores empty stops', () => expect(firstStop('abc', [''])).toBe(-1));
});

describe('cutAtStop', () => {
  it('keeps text without a stop', () => expect(cutAtStop(' The answer is 8.', ['\nQ:'])).toBe(' The answer is 8.'));
  it('cuts before the stop', () => expect(cutAtStop(' 8.\n\nQ: A coin', ['\nQ:'])).toBe(' 8.\n'));
});
