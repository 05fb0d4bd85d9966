import { expect, type CDPSession } from '@playwright/test';

/** Totals from a V8 heap snapshot: every node's self size, and the part that is compiled code. */
export interface HeapFigures {
  /** V8's used JS heap (`Runtime.getHeapUsage`): no ArrayBuffer contents, so no wasm memory. */
  usedBytes: number;
  totalBytes: number;
  codeBytes: number;
  /** What the program keeps alive: total minus compiled code, which V8 grows as functions warm up. */
  objectsBytes: number;
  /** Self size per node type and name, to say what grew. */
  byName: Map<string, number>;
}

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

export function heapFigures(json: string, usedBytes: number): HeapFigures {
  const s = JSON.parse(json) as Snapshot;
  const fields = s.snapshot.meta.node_fields;
  const types = s.snapshot.meta.node_types[0];
  const [iType, iName, iSize] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  if (iType === undefined || iName === undefined || iSize === undefined) throw new Error('unexpected snapshot layout');
  let totalBytes = 0;
  let codeBytes = 0;
  const byName = new Map<string, number>();
  for (let i = 0; i < s.nodes.length; i += fields.length) {
    const type = types[s.nodes[i + iType] ?? 0] ?? '?';
    const size = s.nodes[i + iSize] ?? 0;
    const key = `${type}:${(s.strings[s.nodes[i + iName] ?? 0] ?? '').slice(0, 50)}`;
    totalBytes += size;
    if (type === 'code') codeBytes += size;
    byName.set(key, (byName.get(key) ?? 0) + size);
  }
  return { usedBytes, totalBytes, codeBytes, objectsBytes: totalBytes - codeBytes, byName };
}

/** The node names whose self size grew most from `a` to `b`: objects, or with `code` compiled code only. */
export function topGrowth(a: HeapFigures, b: HeapFigures, n = 5, code = false): string {
  return [...b.byName]
    .map(([k, v]) => [k, v - (a.byName.get(k) ?? 0)] as const)
    .filter(([k]) => k.startsWith('code:') === code)
    .sort((x, y) => y[1] - x[1])
    .slice(0, n)
    .map(([k, d]) => `${k} ${d >= 0 ? '+' : ''}${d} B`)
    .join('; ');
}

/**
 * Heap snapshots over the Chrome DevTools Protocol, of the page directly and of the engine worker
 * through a non-flat auto-attach session (Playwright's CDP sessions cannot address a child session).
 */
export class HeapProbe {
  readonly #cdp: CDPSession;
  #workerSession: string | null = null;
  #nextId = 1;
  readonly #pending = new Map<number, (message: { result?: unknown; error?: unknown }) => void>();
  #workerChunks: string[] = [];

  constructor(cdp: CDPSession) {
    this.#cdp = cdp;
    // The main engine worker: the first to start after the last one ended (copies start after it, once it is ready).
    cdp.on('Target.attachedToTarget', (e) => {
      const engine = /\/assets\/worker-[^/]*\.js$/.test(new URL(e.targetInfo.url).pathname);
      if (engine && this.#workerSession === null) this.#workerSession = e.sessionId;
    });
    cdp.on('Target.detachedFromTarget', (e) => {
      if (e.sessionId === this.#workerSession) this.#workerSession = null;
    });
    cdp.on('Target.receivedMessageFromTarget', (e) => {
      const message = JSON.parse(e.message) as {
        id?: number;
        method?: string;
        params?: { chunk?: string };
        result?: unknown;
        error?: unknown;
      };
      if (message.method === 'HeapProfiler.addHeapSnapshotChunk') this.#workerChunks.push(message.params?.chunk ?? '');
      if (message.id === undefined) return;
      this.#pending.get(message.id)?.(message);
      this.#pending.delete(message.id);
    });
  }

  async start(): Promise<void> {
    await this.#cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  }

  async #worker(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const sessionId = this.#workerSession;
    if (sessionId === null) throw new Error('not attached to the engine worker');
    const id = this.#nextId++;
    const reply = new Promise<{ result?: unknown; error?: unknown }>((ok) => this.#pending.set(id, ok));
    await this.#cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
    const message = await reply;
    if (message.error !== undefined) throw new Error(`${method}: ${JSON.stringify(message.error)}`);
    return message.result;
  }

  async #pageSnapshot(): Promise<HeapFigures> {
    const chunks: string[] = [];
    const onChunk = (e: { chunk: string }): void => {
      chunks.push(e.chunk);
    };
    this.#cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
    await this.#cdp.send('HeapProfiler.collectGarbage');
    await this.#cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    this.#cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
    const { usedSize } = await this.#cdp.send('Runtime.getHeapUsage');
    return heapFigures(chunks.join(''), usedSize);
  }

  async #workerSnapshot(): Promise<HeapFigures> {
    await expect.poll(() => this.#workerSession !== null).toBe(true);
    this.#workerChunks = [];
    await this.#worker('HeapProfiler.collectGarbage');
    await this.#worker('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    const { usedSize } = (await this.#worker('Runtime.getHeapUsage')) as { usedSize: number };
    return heapFigures(this.#workerChunks.join(''), usedSize);
  }

  /** Snapshots (after a full GC) of the page and the engine worker. */
  async measure(): Promise<{ page: HeapFigures; worker: HeapFigures }> {
    return { page: await this.#pageSnapshot(), worker: await this.#workerSnapshot() };
  }
}
