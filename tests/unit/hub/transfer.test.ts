import { describe, expect, it } from 'vitest';
import { addSample, bytesPerSec, needsConfirmation, transferTotals, SPEED_WINDOW_MS } from '$lib/hub/transfer.ts';

describe('transferTotals', () => {
  it('sums files', () =>
    expect(
      transferTotals([
        { file: 'a', loadedBytes: 50, totalBytes: 100, fromCache: false },
        { file: 'b', loadedBytes: 25, totalBytes: 100, fromCache: true }
      ])
    ).toEqual({ loadedBytes: 75, totalBytes: 200, fraction: 0.375 }));
  it('is 0 with nothing', () => expect(transferTotals([]).fraction).toBe(0));
  it('never exceeds 1 when a file is larger than announced', () =>
    expect(transferTotals([{ file: 'a', loadedBytes: 120, totalBytes: 100, fromCache: false }]).fraction).toBe(1));
});

describe('download speed', () => {
  it('is null from one sample', () => expect(bytesPerSec([{ atMs: 0, bytes: 0 }])).toBeNull());
  it('is bytes over seconds', () =>
    expect(
      bytesPerSec([
        { atMs: 0, bytes: 0 },
        { atMs: 500, bytes: 1_000_000 }
      ])
    ).toBe(2_000_000));
  it('forgets samples older than the window', () => {
    let s = addSample([], { atMs: 0, bytes: 0 });
    s = addSample(s, { atMs: 1000, bytes: 10 });
    s = addSample(s, { atMs: 1000 + SPEED_WINDOW_MS + 1, bytes: 20 });
    expect(s[0]?.atMs).toBe(1000);
  });
});

describe('needsConfirmation', () => {
  it('lets a small model through', () => expect(needsConfirmation(4_000_000)).toBe(false));
  it('asks before a large one', () => expect(needsConfirmation(500_000_000)).toBe(true));
});
