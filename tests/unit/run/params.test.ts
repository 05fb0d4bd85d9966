import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, MAX_NEW_TOKENS, MAX_TEMPERATURE, sanitizeParams } from '$lib/run/params.ts';

const current = { ...DEFAULT_PARAMS, maxNewTokens: 100, temperature: 0.7, topK: 20, topP: 0.9 };

describe('sanitizeParams', () => {
  it('keeps valid values', () =>
    expect(sanitizeParams({ maxNewTokens: 64, temperature: 1, topK: 5, topP: 0.5 }, current)).toEqual({
      maxNewTokens: 64,
      temperature: 1,
      topK: 5,
      topP: 0.5
    }));
  it('caps max new tokens and keeps at least one', () => {
    expect(sanitizeParams({ maxNewTokens: 100000 }, current).maxNewTokens).toBe(MAX_NEW_TOKENS);
    expect(sanitizeParams({ maxNewTokens: 0 }, current).maxNewTokens).toBe(1);
    expect(sanitizeParams({ maxNewTokens: 12.6 }, current).maxNewTokens).toBe(13);
  });
  it('keeps the previous value for a blank field (NaN)', () => {
    expect(sanitizeParams({ maxNewTokens: Number.NaN }, current).maxNewTokens).toBe(100);
    expect(sanitizeParams({ topP: Number.NaN }, current).topP).toBe(0.9);
  });
  it('clamps temperature, top-k and top-p into range', () => {
    expect(sanitizeParams({ temperature: -1 }, current).temperature).toBe(0);
    expect(sanitizeParams({ temperature: 9 }, current).temperature).toBe(MAX_TEMPERATURE);
    expect(sanitizeParams({ topK: -3.2 }, current).topK).toBe(0);
    expect(sanitizeParams({ topP: 1.5 }, current).topP).toBe(1);
  });
  it('leaves fields it was not given untouched', () =>
    expect(sanitizeParams({ stopSequences: ['\nQ:'] }, current)).toEqual({ stopSequences: ['\nQ:'] }));
});
