import { describe, expect, it, vi } from 'vitest';
import { OfflineState, type OfflineEnv, type WorkerContainerLike } from '../../../src/lib/state/offline.svelte.ts';

const URL_B1 = 'https://app.test/coi-sw.js?build=b1';

/** A service worker container whose active worker answers with `answer()`. */
function fakeContainer(answer: () => unknown, register: (url: string) => Promise<unknown> = async () => ({})) {
  const listeners: (() => void)[] = [];
  const registered: string[] = [];
  const container: WorkerContainerLike = {
    register: (url) => {
      registered.push(url);
      return register(url);
    },
    ready: Promise.resolve({
      active: {
        postMessage: (_message: unknown, transfer: Transferable[]) => {
          const port = transfer[0];
          if (port instanceof MessagePort) port.postMessage(answer());
        }
      }
    }),
    addEventListener: (_type, listener) => listeners.push(listener)
  };
  return { container, registered, fireControllerChange: () => listeners.forEach((l) => l()) };
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
    const fake = fakeContainer(() => ({ build: 'b1', complete: true }));
    const state = new OfflineState(env(fake.container).env);
    await state.start();
    expect(fake.registered).toEqual([URL_B1]);
    expect(state.copy).toEqual({ kind: 'registered', expected: 'b1', build: 'b1', complete: true });
    expect(state.status(true).kind).toBe('saved');
  });

  it('asks again when a new deploy’s worker takes over', async () => {
    let build = 'b0';
    const fake = fakeContainer(() => ({ build, complete: true }));
    const state = new OfflineState(env(fake.container).env);
    await state.start();
    expect(state.status(true).kind).toBe('saving');
    build = 'b1';
    fake.fireControllerChange();
    await vi.waitFor(() => expect(state.status(true).kind).toBe('saved'));
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
    const fake = fakeContainer(() => ({ build: 'b1', complete: true }));
    const dev = new OfflineState(env(fake.container, null).env);
    await dev.start();
    expect(dev.copy).toEqual({ kind: 'dev' });
    expect(fake.registered).toEqual([]);
    const none = new OfflineState(env(null).env);
    await none.start();
    expect(none.copy).toEqual({ kind: 'unsupported' });
  });

  it('follows the network going and coming back', async () => {
    const fake = fakeContainer(() => ({ build: 'b1', complete: true }));
    const { env: e, setOnline } = env(fake.container);
    const state = new OfflineState(e);
    await state.start();
    setOnline(false);
    expect(state.online).toBe(false);
    expect(state.status(true).kind).toBe('offline');
    setOnline(true);
    expect(state.status(true).kind).toBe('saved');
  });
});
