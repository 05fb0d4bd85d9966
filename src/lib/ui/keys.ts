export type Shortcut = 'run' | 'toggle-present' | 'exit-present';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  repeat: boolean;
}

/** Fields where a letter is text, not a command. */
export function isEditable(target: unknown): boolean {
  if (typeof target !== 'object' || target === null) return false;
  if ('isContentEditable' in target && target.isContentEditable === true) return true;
  const tag = 'tagName' in target && typeof target.tagName === 'string' ? target.tagName.toUpperCase() : '';
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

/**
 * Ctrl/⌘+Enter runs from anywhere, even while typing the question. `P` toggles presenter mode and Escape leaves
 * it, but only outside text fields and without modifiers, so neither steals a typed letter or a browser shortcut.
 */
export function shortcutFor(e: KeyLike, editable: boolean, presenting: boolean): Shortcut | null {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.altKey) return 'run';
  if (editable || e.ctrlKey || e.metaKey || e.altKey || e.repeat) return null;
  if ((e.key === 'p' || e.key === 'P') && !e.shiftKey) return 'toggle-present';
  if (e.key === 'Escape' && presenting) return 'exit-present';
  return null;
}
