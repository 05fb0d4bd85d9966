import { describe, expect, it } from 'vitest';
import { assertFitsContext, contextTokensOf } from '$lib/engine/worker/context.ts';
import { PromptTooLongError } from '$lib/engine/shared/errors.ts';

describe('contextTokensOf', () => {
  it('reads max_position_embeddings', () => expect(contextTokensOf({ max_position_embeddings: 1024 })).toBe(1024));
  it('null for a config without one', () => {
    expect(contextTokensOf({})).toBeNull();
    expect(contextTokensOf(null)).toBeNull();
    expect(contextTokensOf({ max_position_embeddings: -1 })).toBeNull();
  });
});

describe('assertFitsContext', () => {
  it('passes a prompt that fits with its new tokens', () =>
    expect(() => assertFitsContext(864, 160, 1024)).not.toThrow());
  it('passes anything when the context is unknown', () =>
    expect(() => assertFitsContext(1e6, 160, null)).not.toThrow());
  it('a prompt longer than the context names both counts', () => {
    expect(() => assertFitsContext(1300, 160, 1024)).toThrow(PromptTooLongError);
    expect(() => assertFitsContext(1300, 160, 1024)).toThrow(
      'The prompt is 1,300 tokens but the model reads at most 1,024: shorten the question or the exemplars.'
    );
  });
  it('a prompt that fits but leaves too little room says how far to lower Max new tokens', () =>
    expect(() => assertFitsContext(900, 160, 1024)).toThrow(
      'The prompt is 900 tokens and 160 new tokens were asked for, 1,060 in all, but the model reads at most 1,024: lower Max new tokens to 124 or shorten the prompt.'
    ));
});
