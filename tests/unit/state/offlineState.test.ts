import { describe, expect, it, vi } from 'vitest';
import { OfflineState, type OfflineEnv, type WorkerContainerLike } from '$lib/state/offlineState.svelte.ts';

const URL_B1 = 'https://app.test/coi-sw.js?build=b1';

const RUNTIME = ['/assets/ort-wasm-simd-threaded-x.wasm', '/assets/ort-wasm-simd-threaded-x.mjs'];
const LOADED = { modelCached: true, runtimeFiles: RUNTIME };

/** A service worker container whose active worker answers `answer(keep)` to each question. */
function fakeContainer(
  answer: (keep: string[]) => unknown,
  register: (url: string) => Promise<unknown> = async () => ({})
) {
  const listeners: (() => void)[] = [];
  const registered: string[] = [];
  const asked: string[][] = [];
  const container: WorkerContainerLike = {
    register: (url) => {
      registered.push(url);
      return register(url);
    },
    ready: Promise.resolve({
      active: {
        postMessage: (message: unknown, transfer: Transferable[]) => {
          const port = transfer[0];
          // As the browser does: the message is cloned, and what cannot be cloned throws here.
          const keep = structuredClone(message as { keep: string[] }).keep;
          asked.push(keep);
          if (port instanceof MessagePort) port.postMessage(answer(keep));
        }
      }
    }),
    addEventListener: (_type, listener) => listeners.push(listener)
  };
  return { container, registered, asked, fireControllerChange: () => listeners.forEach((l) => l()) };
}

function env(container: WorkerContainerLike | null, workerUrl: string | null = URL_B1, online = true) {
  let connectivity: (online: boolean) => void = () => {};
  const e: OfflineEnv = {
    container,
    workerUrl,
    onLine: () => online,
    onConnectivity: (l) => (connectivity = l)
  };
  return { env: e, setOnline: (on: boolean) => connectivity(on) };
}

describe('OfflineState', () => {
  it('registers the same worker URL as the page script and reports a whole copy', async () => {
    const fake = fakeContainer(() => ({ build: 'b1', complete: true, missing: [] }));
    const state = new OfflineState(env(fake.container).env);
    await state.start();
    expect(fake.registered).toEqual([URL_B1]);
    expect(state.copy).toEqual({ kind: 'registered', expected: 'b1', build: 'b1', complete: true });
    // The app is stored; the runtime the engine loaded is not, until the page asks.
    expect(state.status(LOADED).kind).toBe('saving');
    await state.want(RUNTIME);
    expect(fake.asked.at(-1)).toEqual(RUNTIME);
    expect(state.status(LOADED).kind).toBe('saved');
  });

  it('sends files wanted before the worker answered with its first question', async () => {
    const fake = fakeContainer(() => ({ build: 'b1', complete: true, missing: [] }));
    const state = new OfflineState(env(fake.container).env);
    await state.want(RUNTIME);
    expect(fake.asked).toEqual([]);
    await state.start();
    expect(fake.asked).toEqual([RUNTIME]);
    expect(state.status(LOADED).kind).toBe('saved');
  });

  it('posts a plain copy of the files even when handed reactive state', async () => {
    const fake = fakeContainer(() => ({ build: 'b1', complete: true, missing: [] }));
    const state = new OfflineState(env(fake.container).env);
    await state.start();
    await state.want(new Proxy([...RUNTIME], {}));
    expect(fake.asked.at(-1)).toEqual(RUNTIME);
    expect(state.status(LOADED).kind).toBe('saved');
  });

  it('keeps saying "saving" while a runtime file could not be stored', async () => {
    const fake = fakeContainer((keep) => ({ build: 'b1', complete: true, missing: keep.slice(0, 1) }));
    const state = new OfflineState(env(fake.container).env);
    await state.start();
    await state.want(RUNTIME);
    expect(state.status(LOADED).kind).toBe('saving');
  });

  it('asks again when a new deploy’s worker takes over', async () => {
    let build = 'b0';
    const fake = fakeContainer(() => ({ build, complete: true, missing: [] }));
    const state = new OfflineState(env(fake.container).env);
    await state.start();
    await state.want(RUNTIME);
    expect(state.status(LOADED).kind).toBe('saving');
    build = 'b1';
    fake.fireControllerChange();
    await vi.waitFor(() => expect(state.status(LOADED).kind).toBe('saved'));
  });

  it('ignores a malformed answer', async () => {
    const fake = fakeContainer(() => ({ build: 42, complete: 'yes' }));
    const state = new OfflineState(env(fake.container).env);
    await state.start();
    expect(state.copy).toMatchObject({ build: null, complete: false });
  });

  it('reports a refused registration with its reason', async () => {
    const fake = fakeContainer(
      () => ({}),
      () => Promise.reject(new DOMException('The user denied permission to use Service Worker.', 'SecurityError'))
    );
    const state = new OfflineState(env(fake.container).env);
    await state.start();
    expect(state.copy).toEqual({ kind: 'refused', reason: 'The user denied permission to use Service Worker.' });
  });

  it('registers nothing on the dev server or without service workers', async () => {
    const fake = fakeContainer(() => ({ build: 'b1', complete: true, missing: [] }));
    const dev = new OfflineState(env(fake.container, null).env);
    await dev.start();
    expect(dev.copy).toEqual({ kind: 'dev' });
    expect(fake.registered).toEqual([]);
    const none = new OfflineState(env(null).env);
    await none.start();
    expect(none.copy).toEqual({ kind: 'unsupported' });
  });

  it('follows the network going and coming back', async () => {
    const fake = fakeContainer(() => ({ build: 'b1', complete: true, missing: [] }));
    const { env: e, setOnline } = env(fake.container);
    const state = new OfflineState(e);
    await state.start();
    await state.want(RUNTIME);
    setOnline(false);
    expect(state.online).toBe(false);
    expect(state.status(LOADED).kind).toBe('offline');
    setOnline(true);
    expect(state.status(LOADED).kind).toBe('saved');
  });
});
