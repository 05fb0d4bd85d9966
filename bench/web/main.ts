import { bundledModel } from '$lib/models/bundled.ts';
import { assertNever } from '$lib/core/assert.ts';
import type { Reply as AppReply, Request as AppRequest } from '$lib/engine/shared/protocol.ts';
import {
  appRunResult,
  type BenchApi,
  type Engine,
  type GenerateOptions,
  type LoadOptions,
  type LoadResult,
  type RunResult
} from './api.ts';
import type { BareReply, BareRequest } from './pageProtocol.ts';

interface Slot {
  worker: Worker;
  /** The one reply handler waiting; the driver never overlaps requests to one engine. */
  onReply: ((reply: AppReply | BareReply) => void) | null;
  onError: ((message: string) => void) | null;
}

const slots = new Map<Engine, Slot>();
const MEMORY_TIMEOUT_MS = 5000;
let nextRun = 1;

function spawn(engine: Engine): Slot {
  // Vite bundles workers only when written literally like this.
  const worker =
    engine === 'app'
      ? new Worker(new URL('../../src/lib/engine/worker/worker.ts', import.meta.url), { type: 'module', name: 'app' })
      : new Worker(new URL('./bare.worker.ts', import.meta.url), { type: 'module', name: 'bare' });
  const slot: Slot = { worker, onReply: null, onError: null };
  worker.onmessage = (ev: MessageEvent<AppReply | BareReply>) => slot.onReply?.(ev.data);
  worker.onerror = (ev: ErrorEvent) => slot.onError?.(ev.message || `${engine} worker failed`);
  slots.set(engine, slot);
  return slot;
}

function slotOf(engine: Engine): Slot {
  const slot = slots.get(engine);
  if (slot === undefined) throw new Error(`${engine} is not loaded`);
  return slot;
}

/** Waits for the reply `pick` accepts, failing on an error reply or a worker crash. */
function await_<T>(slot: Slot, pick: (reply: AppReply | BareReply) => T | undefined): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    slot.onError = (message) => reject(new Error(message));
    slot.onReply = (reply) => {
      if (reply.type === 'error') {
        reject(new Error(`${'name' in reply ? reply.name : 'error'}: ${reply.message}`));
        return;
      }
      const value = pick(reply);
      if (value !== undefined) {
        slot.onReply = null;
        resolve(value);
      }
    };
  });
}

function post(slot: Slot, request: AppRequest | BareRequest): void {
  slot.worker.postMessage(request);
}

async function load(engine: Engine, options: LoadOptions): Promise<LoadResult> {
  slots.get(engine)?.worker.terminate();
  const t0 = performance.now();
  const slot = spawn(engine);
  const model = { ...bundledModel(location.origin), dtypes: [options.dtype] };
  const ready = await_(slot, (r) => (r.type === 'ready' ? r.threads : undefined));
  switch (engine) {
    case 'app':
      post(slot, { type: 'load', model, device: options.device, threads: options.threads });
      break;
    case 'bare':
      post(slot, {
        type: 'load',
        modelUrl: `${model.baseUrl}${model.id}/`,
        dtype: options.dtype,
        device: options.device,
        threads: options.threads
      });
      break;
    default:
      assertNever(engine);
  }
  const threads = await ready;
  return { loadMs: performance.now() - t0, threads };
}

async function generateApp(slot: Slot, options: GenerateOptions): Promise<RunResult> {
  const runId = `bench-${nextRun++}`;
  const tokenAt: number[] = [];
  const done = await_(slot, (r) => {
    if (r.type === 'tokens' && r.runId === runId) tokenAt.push(...r.at);
    return r.type === 'done' && r.runId === runId ? r : undefined;
  });
  post(slot, {
    type: 'generate',
    runId,
    prompt: options.prompt,
    params: { maxNewTokens: options.maxNewTokens, temperature: 0, topK: 0, topP: 1, stopSequences: [] }
  });
  const r = await done;
  if (!('text' in r)) throw new Error('the app worker sent a bare reply');
  return appRunResult(r.timings, tokenAt, r.text);
}

async function generateBare(slot: Slot, options: GenerateOptions): Promise<RunResult> {
  const runId = `bench-${nextRun++}`;
  const done = await_(slot, (r) => (r.type === 'done' && r.runId === runId ? r : undefined));
  post(slot, {
    type: 'generate',
    runId,
    ids: options.ids,
    maxNewTokens: options.maxNewTokens,
    eosTokenId: options.eosTokenId
  });
  const r = await done;
  if (!('ids' in r)) throw new Error('the bare worker sent an app reply');
  return { ...r.timings, promptTokens: options.ids.length, text: null, ids: r.ids };
}

interface MemoryBreakdown {
  bytes: number;
  attribution: { url: string; scope: string }[];
}

async function memory(): Promise<Record<Engine, number | null>> {
  const out: Record<Engine, number | null> = { app: null, bare: null };
  const perf = performance as Performance & {
    measureUserAgentSpecificMemory?: () => Promise<{ breakdown: MemoryBreakdown[] }>;
  };
  if (perf.measureUserAgentSpecificMemory === undefined) return out;
  // With ORT's thread pool running, Chromium waits up to a minute before measuring: give up after a few seconds.
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), MEMORY_TIMEOUT_MS));
  const result = await Promise.race([perf.measureUserAgentSpecificMemory(), timeout]);
  if (result === null) return out;
  for (const b of result.breakdown) {
    const worker = b.attribution.find((a) => a.scope === 'DedicatedWorkerGlobalScope');
    if (worker === undefined) continue;
    // Workers are attributed by script URL; Vite names the bundles after their sources.
    const engine: Engine = worker.url.includes('/bare.worker') ? 'bare' : 'app';
    if (slots.has(engine)) out[engine] = (out[engine] ?? 0) + b.bytes;
  }
  return out;
}

const api: BenchApi = {
  load,
  generate: (engine, options) =>
    engine === 'app' ? generateApp(slotOf(engine), options) : generateBare(slotOf(engine), options),
  unload(engine) {
    slots.get(engine)?.worker.terminate();
    slots.delete(engine);
  },
  memory
};
window.thinkSmallBench = api;
