import { buildOf, offlineStatus, workerUrlFor, type OfflineStatus, type WorkerCopy } from '../offline/offlineStatus.ts';

/** What the loaded engine used, from its `ready` reply. */
export interface LoadedFiles {
  modelCached: boolean;
  runtimeFiles: readonly string[];
}

/** The slice of `navigator.serviceWorker` used here, so tests can hand in a fake. */
export interface WorkerContainerLike {
  register(url: string): Promise<unknown>;
  readonly ready: Promise<{ active: { postMessage(message: unknown, transfer: Transferable[]): void } | null }>;
  addEventListener(type: 'controllerchange', listener: () => void): void;
}

export interface OfflineEnv {
  /** null where service workers are unavailable (or the context is not secure). */
  container: WorkerContainerLike | null;
  /** The worker's URL with the build id, as coi-register.js registers it; null on the dev server. */
  workerUrl: string | null;
  onLine(): boolean;
  onConnectivity(listener: (online: boolean) => void): void;
}

interface CopyReply {
  build: string | null;
  complete: boolean;
  /** Of the files the page asked to keep, those not stored. */
  missing: string[];
}

/** A plain question is answered at once; one that stores a runtime file (14 to 27 MB) takes a download. */
const ASK_TIMEOUT_MS = 5000;
const KEEP_TIMEOUT_MS = 300_000;

function isCopyReply(value: unknown): value is CopyReply {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const missing = v['missing'];
  return (
    (typeof v['build'] === 'string' || v['build'] === null) &&
    typeof v['complete'] === 'boolean' &&
    Array.isArray(missing) &&
    missing.every((m) => typeof m === 'string')
  );
}

/** Reads the page's own facts: the build id the production index.html carries on its register script. */
export function offlineEnvFromPage(): OfflineEnv {
  const script = document.querySelector<HTMLScriptElement>('script[data-build]');
  const build = script?.dataset['build'];
  const usable = window.isSecureContext && 'serviceWorker' in navigator;
  return {
    container: usable ? navigator.serviceWorker : null,
    workerUrl: script !== null && build !== undefined ? workerUrlFor(script.src, build) : null,
    onLine: () => navigator.onLine,
    onConnectivity: (listener) => {
      window.addEventListener('online', () => listener(true));
      window.addEventListener('offline', () => listener(false));
    }
  };
}

/** Whether this page has a whole offline copy, and whether the network is there. */
export class OfflineState {
  readonly #env: OfflineEnv;
  #copy = $state<WorkerCopy>({ kind: 'unsupported' });
  #online = $state(true);
  /** Files the worker confirmed it stored at the page's request. */
  #kept = $state<readonly string[]>([]);
  /** The runtime files the loaded engine uses: every question to the worker asks it to keep them. */
  #wanted: readonly string[] = [];

  constructor(env: OfflineEnv) {
    this.#env = env;
    this.#online = env.onLine();
    env.onConnectivity((online) => (this.#online = online));
  }

  get online(): boolean {
    return this.#online;
  }

  get copy(): WorkerCopy {
    return this.#copy;
  }

  status(loaded: LoadedFiles | null): OfflineStatus {
    const engine =
      loaded === null
        ? null
        : { modelCached: loaded.modelCached, runtimeStored: loaded.runtimeFiles.every((f) => this.#kept.includes(f)) };
    return offlineStatus({ copy: this.#copy, online: this.#online, engine });
  }

  /**
   * The worker stores only the app on install; the ONNX Runtime build the engine loaded (one of two) is
   * stored when the engine says which. Asked now if the worker is there, else when it is.
   */
  async want(files: readonly string[]): Promise<void> {
    // A plain copy: the engine's reply lives in reactive state, and a state proxy cannot be posted.
    this.#wanted = [...files];
    const { container } = this.#env;
    if (container === null || this.#copy.kind !== 'registered') return;
    await this.#ask(container, this.#copy.expected);
  }

  /** Registering the same URL as coi-register.js is a no-op for the browser and gives us its outcome. */
  async start(): Promise<void> {
    const { container, workerUrl } = this.#env;
    if (container === null) return;
    if (workerUrl === null) {
      this.#copy = { kind: 'dev' };
      return;
    }
    const expected = buildOf(workerUrl);
    this.#copy = { kind: 'registered', expected, build: null, complete: false };
    try {
      await container.register(workerUrl);
    } catch (err) {
      this.#copy = { kind: 'refused', reason: err instanceof Error ? err.message : String(err) };
      return;
    }
    // A new deploy's worker takes over after the old one answered: ask again then.
    container.addEventListener('controllerchange', () => void this.#ask(container, expected));
    await this.#ask(container, expected);
  }

  async #ask(container: WorkerContainerLike, expected: string): Promise<void> {
    const keep = this.#wanted;
    const { active } = await container.ready;
    if (active === null) return;
    const reply = await new Promise<CopyReply | null>((resolve) => {
      const channel = new MessageChannel();
      const timer = setTimeout(
        () => {
          channel.port1.close();
          resolve(null);
        },
        keep.length === 0 ? ASK_TIMEOUT_MS : KEEP_TIMEOUT_MS
      );
      channel.port1.onmessage = (e: MessageEvent<unknown>) => {
        clearTimeout(timer);
        channel.port1.close();
        resolve(isCopyReply(e.data) ? e.data : null);
      };
      try {
        active.postMessage({ type: 'offline-status', keep }, [channel.port2]);
      } catch {
        clearTimeout(timer);
        resolve(null);
      }
    });
    if (reply === null || this.#copy.kind !== 'registered') return;
    this.#copy = { kind: 'registered', expected, build: reply.build, complete: reply.complete };
    const stored = keep.filter((f) => !reply.missing.includes(f));
    this.#kept = [...this.#kept, ...stored.filter((f) => !this.#kept.includes(f))];
  }
}
