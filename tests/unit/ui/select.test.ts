import { describe, expect, it } from 'vitest';
import { oneOf } from '$lib/ui/select.ts';

describe('oneOf', () => {
  const options = ['auto', 'webgpu', 'wasm'] as const;
  it('passes a value that is one of the options', () => expect(oneOf('wasm', options)).toBe('wasm'));
  it('refuses a value outside the options instead of casting it', () => {
    expect(oneOf('cuda', options)).toBeNull();
    expect(oneOf('', options)).toBeNull();
  });
});
