import { describe, expect, it } from 'vitest';
import type { LoadProgress } from '$lib/core/types.ts';
import { formatBytes, formatMs, formatRate, median, mergeProgress, totalLoadMs } from '$lib/stats/index.ts';

describe('totalLoadMs', () => {
  it('adds the three phases', () => expect(totalLoadMs({ downloadMs: 100, sessionMs: 20, warmupMs: 5 })).toBe(125));
});

describe('mergeProgress', () => {
  const map = (entries: LoadProgress[]): Map<string, LoadProgress> => new Map(entries.map((e) => [e.file, e]));
  it('is unknown with no files', () =>
    expect(mergeProgress(new Map())).toEqual({ loadedBytes: 0, totalBytes: 0, fraction: null }));
  it('sums files', () => {
    const p = mergeProgress(
      map([
        { file: 'a', loadedBytes: 50, totalBytes: 100 },
        { file: 'b', loadedBytes: 100, totalBytes: 100 }
      ])
    );
    expect(p).toEqual({ loadedBytes: 150, totalBytes: 200, fraction: 0.75 });
  });
  it('caps a file at its total', () => {
    expect(mergeProgress(map([{ file: 'a', loadedBytes: 150, totalBytes: 100 }])).fraction).toBe(1);
  });
});

describe('formatMs', () => {
  it('dashes null', () => expect(formatMs(null)).toBe('—'));
  it('dashes NaN', () => expect(formatMs(Number.NaN)).toBe('—'));
  it('keeps a decimal under 100 ms', () => expect(formatMs(12.345)).toBe('12.3 ms'));
  it('rounds from 100 ms', () => expect(formatMs(123.6)).toBe('124 ms'));
  it('switches to seconds from 10 s', () => expect(formatMs(12_345)).toBe('12.3 s'));
});

describe('formatRate', () => {
  it('dashes null', () => expect(formatRate(null)).toBe('—'));
  it('dashes Infinity', () => expect(formatRate(Infinity)).toBe('—'));
  it('one decimal when small', () => expect(formatRate(42.26)).toBe('42.3'));
  it('integer when large', () => expect(formatRate(523.7)).toBe('524'));
});

describe('formatBytes', () => {
  it('bytes', () => expect(formatBytes(512)).toBe('512 B'));
  it('kilobytes', () => expect(formatBytes(2048)).toBe('2 kB'));
  it('megabytes', () => expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB'));
  it('gigabytes', () => expect(formatBytes(1.5 * 1024 ** 3)).toBe('1.50 GB'));
});

describe('median', () => {
  it('null when empty', () => expect(median([])).toBeNull());
  it('middle of odd', () => expect(median([3, 1, 2])).toBe(2));
  it('mean of the middle two of even', () => expect(median([4, 1, 3, 2])).toBe(2.5));
});
