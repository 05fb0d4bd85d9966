import { assertNever } from '../core/assert.ts';
import type { KeyContext, Shortcut } from '../ui/keys.ts';
import type { AppState } from './appState.svelte.ts';
import type { EvalState } from './evalState.svelte.ts';
import type { RunState } from './runState.svelte.ts';
import type { ViewState } from './viewState.svelte.ts';

export interface ShortcutStores {
  app: AppState;
  runs: RunState;
  evaluation: EvalState;
  view: ViewState;
}

/** What the key handler needs to know to read a key (the focus is the caller's to report). */
export function keyContext(stores: ShortcutStores, editable: boolean): KeyContext {
  const { runs, evaluation, view } = stores;
  return { editable, presenting: view.present, running: runs.running || evaluation.running, helpOpen: view.helpOpen };
}

/** Carries out a shortcut on the stores. The question does not change under a running generation. */
export function applyShortcut(shortcut: Shortcut, stores: ShortcutStores): void {
  const { app, runs, evaluation, view } = stores;
  switch (shortcut) {
    case 'run':
      void runs.runAll();
      return;
    case 'stop':
      runs.stop();
      evaluation.stop();
      return;
    case 'toggle-present':
      view.togglePresent();
      return;
    case 'exit-present':
      view.setPresent(false);
      return;
    case 'next-preset':
      if (!runs.running) app.nextPreset();
      return;
    case 'practice':
      if (!runs.running) app.newPracticeQuestion();
      return;
    case 'fullscreen':
      void view.toggleFullscreen();
      return;
    case 'toggle-evaluation':
      view.toggleEvaluation();
      return;
    case 'toggle-help':
      view.setHelpOpen(!view.helpOpen);
      return;
    case 'close-help':
      view.setHelpOpen(false);
      return;
    default:
      assertNever(shortcut);
  }
}
