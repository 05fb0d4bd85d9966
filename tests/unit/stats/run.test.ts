import { describe, expect, it } from 'vitest';
import type { RunTimings } from '$lib/core/types.ts';
import {
  MIN_DECODE_TOKENS,
  decodeMeasurable,
  decodeTokensPerSec,
  prefillTokensPerSec,
  ratePerSec,
  runStats,
  totalMs,
  ttftMs
} from '$lib/stats/index.ts';

const base: RunTimings = {
  startedAt: 1000,
  firstTokenAt: 1050,
  lastTokenAt: 2050,
  endedAt: 2060,
  promptTokens: 40,
  generatedTokens: 101
};

describe('ratePerSec', () => {
  it('counts per second', () => expect(ratePerSec(50, 500)).toBe(100));
  it('is null for zero time', () => expect(ratePerSec(5, 0)).toBeNull());
  it('is null for negative time', () => expect(ratePerSec(5, -1)).toBeNull());
  it('is null for zero count', () => expect(ratePerSec(0, 100)).toBeNull());
  it('is null for infinite time', () => expect(ratePerSec(3, Infinity)).toBeNull());
});

describe('ttftMs', () => {
  it('is first token minus start', () => expect(ttftMs(base)).toBe(50));
  it('is null without tokens', () => expect(ttftMs({ ...base, firstTokenAt: null, lastTokenAt: null })).toBeNull());
  it('never goes negative', () => expect(ttftMs({ ...base, firstTokenAt: 999 })).toBe(0));
});

describe('prefillTokensPerSec', () => {
  it('is prompt tokens over TTFT', () => expect(prefillTokensPerSec(base)).toBe(800));
  it('is null without a first token', () => expect(prefillTokensPerSec({ ...base, firstTokenAt: null })).toBeNull());
  it('counts only the tokens read, not those whose cache an earlier run kept', () =>
    expect(prefillTokensPerSec({ ...base, keptTokens: 30 })).toBe(200));
  it('is null for an instant first token', () =>
    expect(prefillTokensPerSec({ ...base, firstTokenAt: 1000 })).toBeNull());
});

describe('decodeTokensPerSec', () => {
  it('uses the tokens after the first over the time after the first', () => expect(decodeTokensPerSec(base)).toBe(100));
  it('is null with a single token', () =>
    expect(decodeTokensPerSec({ ...base, generatedTokens: 1, lastTokenAt: 1050 })).toBeNull());
  it('is null without tokens', () =>
    expect(decodeTokensPerSec({ ...base, firstTokenAt: null, lastTokenAt: null, generatedTokens: 0 })).toBeNull());
});

describe('totalMs', () => {
  it('is end minus start', () => expect(totalMs(base)).toBe(1060));
  it('is never negative', () => expect(totalMs({ ...base, endedAt: 0 })).toBe(0));
});

describe('runStats', () => {
  it('gathers everything with units in the names', () => {
    expect(runStats(base)).toEqual({
      promptTokens: 40,
      keptTokens: 0,
      generatedTokens: 101,
      ttftMs: 50,
      prefillTokensPerSec: 800,
      decodeTokensPerSec: 100,
      totalMs: 1060,
      batchRows: 1,
      turnRows: 1
    });
  });
  it('says how many prompts shared the batch, counting the decode rate over its own tokens and time', () => {
    const s = runStats({ ...base, batchRows: 3 });
    expect(s.batchRows).toBe(3);
    expect(s.decodeTokensPerSec).toBe(100);
  });
  it('survives a run stopped before any token', () => {
    const s = runStats({
      startedAt: 0,
      firstTokenAt: null,
      lastTokenAt: null,
      endedAt: 5,
      promptTokens: 12,
      generatedTokens: 0
    });
    expect(s).toEqual({
      promptTokens: 12,
      keptTokens: 0,
      generatedTokens: 0,
      ttftMs: null,
      prefillTokensPerSec: null,
      decodeTokensPerSec: null,
      totalMs: 5,
      batchRows: 1,
      turnRows: 1
    });
  });
});

describe('decodeMeasurable', () => {
  it("refuses a rate over too few decoded tokens, such as answer-only's handful", () => {
    expect(decodeMeasurable(runStats({ ...base, generatedTokens: 5 }))).toBe(false);
    expect(decodeMeasurable(runStats({ ...base, generatedTokens: MIN_DECODE_TOKENS }))).toBe(false);
    expect(decodeMeasurable(runStats({ ...base, generatedTokens: MIN_DECODE_TOKENS + 1 }))).toBe(true);
  });
  it('has nothing to measure without tokens', () =>
    expect(decodeMeasurable(runStats({ ...base, firstTokenAt: null, lastTokenAt: null, generatedTokens: 0 }))).toBe(
      false
    ));
});
