import { describe, expect, it } from 'vitest';
import { SHORTCUT_HELP, isEditable, shortcutFor, type KeyContext, type KeyLike } from '$lib/ui/keys.ts';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  repeat: false,
  ...mods
});
const idle: KeyContext = { editable: false, presenting: false, running: false, helpOpen: false };
const presenting: KeyContext = { ...idle, presenting: true };
const typing: KeyContext = { ...idle, editable: true };

describe('shortcutFor', () => {
  it('runs on Ctrl+Enter or ⌘+Enter, even while typing', () => {
    expect(shortcutFor(key('Enter', { ctrlKey: true }), typing)).toBe('run');
    expect(shortcutFor(key('Enter', { metaKey: true }), idle)).toBe('run');
    expect(shortcutFor(key('Enter'), idle)).toBeNull();
  });
  it('toggles presenter mode on P outside text fields', () => {
    expect(shortcutFor(key('p'), idle)).toBe('toggle-present');
    expect(shortcutFor(key('P'), presenting)).toBe('toggle-present');
    expect(shortcutFor(key('p'), typing)).toBeNull();
  });
  it('leaves browser shortcuts and held keys alone', () => {
    for (const mods of [{ ctrlKey: true }, { metaKey: true }, { altKey: true }, { shiftKey: true }, { repeat: true }])
      for (const k of ['p', 'n', 'r', 'f'])
        expect(shortcutFor(key(k, mods), idle), `${k} ${JSON.stringify(mods)}`).toBeNull();
  });
  it('Escape stops a run first, and leaves presenter mode only when nothing runs', () => {
    expect(shortcutFor(key('Escape'), { ...presenting, running: true })).toBe('stop');
    expect(shortcutFor(key('Escape'), presenting)).toBe('exit-present');
    expect(shortcutFor(key('Escape'), { ...idle, running: true })).toBe('stop');
    expect(shortcutFor(key('Escape'), idle)).toBeNull();
  });
  it('Escape closes the key list before anything else', () =>
    expect(shortcutFor(key('Escape'), { ...presenting, running: true, helpOpen: true })).toBe('close-help'));
  it('Escape in a text field stops a run but never leaves presenter mode', () => {
    expect(shortcutFor(key('Escape'), { ...presenting, editable: true, running: true })).toBe('stop');
    expect(shortcutFor(key('Escape'), { ...presenting, editable: true })).toBeNull();
  });
  it('N, R and F: next preset, practice question, full screen', () => {
    expect(shortcutFor(key('n'), idle)).toBe('next-preset');
    expect(shortcutFor(key('R'), presenting)).toBe('practice');
    expect(shortcutFor(key('f'), idle)).toBe('fullscreen');
    expect(shortcutFor(key('n'), typing)).toBeNull();
  });
  it('E shows the evaluation only in presenter mode, where it is hidden', () => {
    expect(shortcutFor(key('e'), presenting)).toBe('toggle-evaluation');
    expect(shortcutFor(key('e'), idle)).toBeNull();
  });
  it('? opens the key list, typed with Shift, never while typing', () => {
    expect(shortcutFor(key('?', { shiftKey: true }), idle)).toBe('toggle-help');
    expect(shortcutFor(key('?', { shiftKey: true }), typing)).toBeNull();
  });
  it('the key list names every letter the page answers to', () => {
    const listed = SHORTCUT_HELP.map((h) => h.keys).join(' ');
    for (const k of ['P', 'F', 'N', 'R', 'E', 'Esc', '?']) expect(listed).toContain(k);
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
