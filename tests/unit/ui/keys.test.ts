import { describe, expect, it } from 'vitest';
import { isEditable, shortcutFor, type KeyLike } from '$lib/ui/keys.ts';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  repeat: false,
  ...mods
});

describe('shortcutFor', () => {
  it('runs on Ctrl+Enter or ⌘+Enter, even while typing', () => {
    expect(shortcutFor(key('Enter', { ctrlKey: true }), true, false)).toBe('run');
    expect(shortcutFor(key('Enter', { metaKey: true }), false, false)).toBe('run');
    expect(shortcutFor(key('Enter'), false, false)).toBeNull();
  });
  it('toggles presenter mode on P outside text fields', () => {
    expect(shortcutFor(key('p'), false, false)).toBe('toggle-present');
    expect(shortcutFor(key('P'), false, true)).toBe('toggle-present');
    expect(shortcutFor(key('p'), true, false)).toBeNull();
  });
  it('leaves browser shortcuts and held keys alone', () => {
    expect(shortcutFor(key('p', { ctrlKey: true }), false, false)).toBeNull();
    expect(shortcutFor(key('p', { metaKey: true }), false, false)).toBeNull();
    expect(shortcutFor(key('p', { altKey: true }), false, false)).toBeNull();
    expect(shortcutFor(key('P', { shiftKey: true }), false, false)).toBeNull();
    expect(shortcutFor(key('p', { repeat: true }), false, false)).toBeNull();
  });
  it('leaves presenter mode on Escape, only when presenting', () => {
    expect(shortcutFor(key('Escape'), false, true)).toBe('exit-present');
    expect(shortcutFor(key('Escape'), false, false)).toBeNull();
  });
});

describe('isEditable', () => {
  it('knows text fields', () => {
    expect(isEditable({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isEditable({ tagName: 'input' })).toBe(true);
    expect(isEditable({ tagName: 'SELECT' })).toBe(true);
    expect(isEditable({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isEditable({ tagName: 'BUTTON', isContentEditable: false })).toBe(false);
    expect(isEditable(null)).toBe(false);
  });
});
