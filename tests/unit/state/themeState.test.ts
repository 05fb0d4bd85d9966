import { afterEach, describe, expect, it } from 'vitest';
import { ThemeState } from '$lib/state/themeState.svelte.ts';

afterEach(() => {
  Reflect.deleteProperty(globalThis, 'localStorage');
});

describe('ThemeState', () => {
  it('works where storage is denied, as in a third-party iframe', () => {
    Object.defineProperty(globalThis, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('Access is denied for this document.', 'SecurityError');
      }
    });
    const theme = new ThemeState();
    expect(theme.choice).toBe('system');
    expect(() => theme.cycle()).not.toThrow();
    expect(theme.choice).toBe('light');
    expect(theme.resolved).toBe('light');
  });

  it('restores a saved choice', () => {
    const store = new Map([['think-small-theme', 'dark']]);
    Object.defineProperty(globalThis, 'localStorage', {
      configurable: true,
      value: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => store.set(k, v) }
    });
    const theme = new ThemeState();
    expect(theme.resolved).toBe('dark');
    theme.cycle();
    expect(store.get('think-small-theme')).toBe('system');
  });
});
