import { assertNever } from '../core/assert.ts';

/**
 * What the page tells the user about running without a network. The service worker (public/coi-sw.js)
 * stores the app's files for one build; the engine's cache holds the model weights it loaded. The page
 * only says "works offline" when both are true.
 */

/** What the page knows of its service worker. */
export type WorkerCopy =
  /** No service worker here (an old browser, plain http, a sandboxed frame). */
  | { kind: 'unsupported' }
  /** The dev server: no build, so nothing to store. */
  | { kind: 'dev' }
  | { kind: 'refused'; reason: string }
  /** Registered; `build` and `complete` come from the active worker once it answers. */
  | { kind: 'registered'; expected: string; build: string | null; complete: boolean };

/** What the loaded engine needs kept; `null` while no model is loaded. */
export interface EngineCopy {
  /** The model's files are in the engine's cache. */
  modelCached: boolean;
  /** The ONNX Runtime files the engine loaded are in the worker's copy. */
  runtimeStored: boolean;
}

export interface OfflineFacts {
  copy: WorkerCopy;
  online: boolean;
  engine: EngineCopy | null;
}

export type OfflineKind = 'online-only' | 'saving' | 'saved' | 'page-only' | 'offline';

export interface OfflineStatus {
  kind: OfflineKind;
  label: string;
  detail: string;
}

function copyIsWhole(copy: WorkerCopy): boolean {
  return copy.kind === 'registered' && copy.complete && copy.build === copy.expected;
}

export function offlineStatus({ copy, online, engine }: OfflineFacts): OfflineStatus {
  if (!online)
    return {
      kind: 'offline',
      label: 'Offline',
      detail: copyIsWhole(copy)
        ? "No network: the page runs from this device's copy."
        : 'No network, and this page has no complete offline copy: what is not stored cannot load.'
    };
  switch (copy.kind) {
    case 'unsupported':
      return {
        kind: 'online-only',
        label: 'Online only',
        detail: 'This browser cannot keep an offline copy here (no service worker).'
      };
    case 'dev':
      return {
        kind: 'online-only',
        label: 'Online only',
        detail: 'The dev server keeps no offline copy; a production build does.'
      };
    case 'refused':
      return {
        kind: 'online-only',
        label: 'Online only',
        detail: `The browser would not store an offline copy (${copy.reason}).`
      };
    case 'registered':
      break;
    default:
      assertNever(copy);
  }
  if (!copyIsWhole(copy))
    return { kind: 'saving', label: 'Saving for offline use…', detail: 'Storing this page on this device.' };
  if (engine === null || !engine.runtimeStored)
    return {
      kind: 'saving',
      label: 'Saving for offline use…',
      detail: 'The page is stored; the model and its runtime are stored once they have loaded.'
    };
  if (!engine.modelCached)
    return {
      kind: 'page-only',
      label: 'Page saved, model not',
      detail: 'The browser would not store the model, so it downloads again on the next visit and needs the network.'
    };
  return {
    kind: 'saved',
    label: 'Works offline',
    detail: 'This page and the model are stored on this device: with the network off, a reload still runs it.'
  };
}

/** The service worker's URL for a build, exactly as public/coi-register.js registers it. */
export function workerUrlFor(registerScriptSrc: string, build: string): string {
  const url = new URL('coi-sw.js', registerScriptSrc);
  url.searchParams.set('build', build);
  return url.href;
}

export function buildOf(workerUrl: string): string {
  return new URL(workerUrl).searchParams.get('build') ?? '';
}
