import { describe, expect, it } from 'vitest';
import { IncrementalDetokenizer } from '$lib/engine/worker/incrementalDetokenizer.ts';

/** A byte-level toy: each id is one byte; UTF-8 decoding shows U+FFFD for a split character. */
const bytes = (ids: readonly number[]): string => new TextDecoder().decode(Uint8Array.from(ids));
const utf8 = (s: string): number[] => [...new TextEncoder().encode(s)];

describe('IncrementalDetokenizer', () => {
  it('emits each token’s text once, concatenating to the whole', () => {
    const d = new IncrementalDetokenizer(bytes);
    const deltas = utf8('The answer is 4.').map((id) => d.push(id));
    expect(deltas.join('')).toBe('The answer is 4.');
    expect(deltas.every((t) => t.length === 1)).toBe(true);
    expect(d.text).toBe('The answer is 4.');
  });

  it('holds back a character split across tokens, then emits it whole', () => {
    const d = new IncrementalDetokenizer(bytes);
    const deltas = utf8('a€b').map((id) => d.push(id));
    expect(deltas).toEqual(['a', '', '', '€', 'b']);
    expect(d.fullText).toBe('a€b');
  });

  it('decodes only a short window per token, not the whole sequence', () => {
    const lengths: number[] = [];
    const d = new IncrementalDetokenizer((ids) => {
      lengths.push(ids.length);
      return bytes(ids);
    });
    for (const id of utf8('x'.repeat(200))) d.push(id);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(2);
  });

  it('keeps context for a decoder that treats the start specially', () => {
    // Like a Metaspace decoder: a leading space is dropped only at the start of what it decodes.
    const strip = (ids: readonly number[]): string => bytes(ids).replace(/^ /, '');
    const d = new IncrementalDetokenizer(strip);
    const deltas = utf8(' a b').map((id) => d.push(id));
    expect(deltas.join('')).toBe('a b');
  });

  it('a tokenizer that refuses empty input is never asked to decode nothing', () => {
    const d = new IncrementalDetokenizer((ids) => {
      if (ids.length === 0) throw new Error('token_ids must be a non-empty array');
      return bytes(ids);
    });
    expect(d.push(104)).toBe('h');
    expect(d.fullText).toBe('h');
  });
});
