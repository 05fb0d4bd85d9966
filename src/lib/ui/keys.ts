export type Shortcut =
  | 'run'
  | 'stop'
  | 'toggle-present'
  | 'exit-present'
  | 'next-preset'
  | 'practice'
  | 'fullscreen'
  | 'toggle-evaluation'
  | 'toggle-help'
  | 'close-help';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  repeat: boolean;
}

/** What a key means depends on where the focus is and on what the page is doing. */
export interface KeyContext {
  /** The focus is in a text field, where a letter is text. */
  editable: boolean;
  presenting: boolean;
  running: boolean;
  helpOpen: boolean;
}

/** The keys, as the `?` overlay lists them. */
export const SHORTCUT_HELP: readonly { keys: string; what: string }[] = [
  { keys: 'Ctrl/⌘ + Enter', what: 'Run the three modes (also while typing the question)' },
  { keys: 'Esc', what: 'Stop a run; when nothing runs, leave presenter mode' },
  { keys: 'P', what: 'Presenter mode on or off' },
  { keys: 'F', what: 'Full screen on or off' },
  { keys: 'N', what: 'Next preset question' },
  { keys: 'R', what: 'A new practice question of the chosen family' },
  { keys: 'E', what: 'Show or hide the evaluation in presenter mode' },
  { keys: '?', what: 'This list' }
];

/** Fields where a letter is text, not a command. */
export function isEditable(target: unknown): boolean {
  if (typeof target !== 'object' || target === null) return false;
  if ('isContentEditable' in target && target.isContentEditable === true) return true;
  const tag = 'tagName' in target && typeof target.tagName === 'string' ? target.tagName.toUpperCase() : '';
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

const LETTERS: Readonly<Record<string, Shortcut>> = {
  p: 'toggle-present',
  f: 'fullscreen',
  n: 'next-preset',
  r: 'practice'
};

/**
 * Ctrl/⌘+Enter runs from anywhere, even while typing the question. Escape first closes the key list, then
 * stops a run, and only when nothing runs leaves presenter mode, so a speaker's Esc never does two things.
 * Letters count only outside text fields and without modifiers, so none steals a typed letter or a browser
 * shortcut.
 */
export function shortcutFor(e: KeyLike, ctx: KeyContext): Shortcut | null {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.altKey) return 'run';
  if (e.key === 'Escape' && !e.ctrlKey && !e.metaKey && !e.altKey) {
    if (ctx.helpOpen) return 'close-help';
    if (ctx.running) return 'stop';
    return ctx.presenting && !ctx.editable ? 'exit-present' : null;
  }
  if (ctx.editable || e.ctrlKey || e.metaKey || e.altKey || e.repeat) return null;
  // `?` is Shift+/ on most layouts: the shifted character is the key.
  if (e.key === '?') return 'toggle-help';
  if (e.shiftKey) return null;
  const lower = e.key.toLowerCase();
  if (lower === 'e') return ctx.presenting ? 'toggle-evaluation' : null;
  return LETTERS[lower] ?? null;
}
