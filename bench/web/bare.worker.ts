/**
 * The bare loop in a worker, with the same onnxruntime-web build, WASM files (ortFiles), thread count and
 * session options transformers.js gives the app's worker, so the two differ only in what runs around `session.run`.
 */
import * as ort from 'onnxruntime-web/webgpu';
import { bareGreedy, kvLayout, type KvLayout } from '../bare-loop.ts';
import { dtypeFile } from '$lib/engine/shared/device.ts';
import { ortFiles } from '$lib/engine/worker/ortFiles.ts';
import { assertNever } from '$lib/core/assert.ts';
import type { BareLoad, BareReply, BareRequest } from './pageProtocol.ts';

interface Loaded {
  session: ort.InferenceSession;
  layout: KvLayout;
  gpu: boolean;
}

const post = (reply: BareReply): void => self.postMessage(reply);
let loaded: Loaded | null = null;

async function bytes(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

async function load(req: BareLoad): Promise<void> {
  const t0 = performance.now();
  const files = ortFiles(req.device);
  ort.env.wasm.wasmPaths = { wasm: files.wasm, mjs: files.mjs };
  ort.env.wasm.numThreads = req.threads;
  ort.env.wasm.wasmBinary = await bytes(files.wasm);
  const config = JSON.parse(new TextDecoder().decode(await bytes(`${req.modelUrl}config.json`))) as Parameters<
    typeof kvLayout
  >[0];
  const layout = kvLayout(config);
  const model = await bytes(`${req.modelUrl}onnx/${dtypeFile(req.dtype)}`);
  const gpu = req.device === 'webgpu';
  // transformers.js pins the KV cache on the GPU under WebGPU; so must the floor it is compared with.
  const presents = Array.from({ length: layout.layers }, (_, i) => [`present.${i}.key`, `present.${i}.value`]).flat();
  const session = await ort.InferenceSession.create(model, {
    executionProviders: [req.device],
    logSeverityLevel: 3,
    ...(gpu ? { preferredOutputLocation: Object.fromEntries(presents.map((n) => [n, 'gpu-buffer' as const])) } : {})
  });
  loaded = { session, layout, gpu };
  // The same two-token warm-up the app's load ends with.
  await bareGreedy(session, ort, layout, [1, 84, 61], { maxNewTokens: 2, eosTokenId: -1, disposeGpuPast: gpu });
  post({ type: 'ready', threads: ort.env.wasm.numThreads ?? 1, loadMs: performance.now() - t0 });
}

async function generate(runId: string, ids: number[], maxNewTokens: number, eosTokenId: number): Promise<void> {
  if (loaded === null) throw new Error('load before generating');
  const r = await bareGreedy(loaded.session, ort, loaded.layout, ids, {
    maxNewTokens,
    eosTokenId,
    disposeGpuPast: loaded.gpu,
    // The app keeps prompt openings only where its cache is on the CPU (engine/worker/generate.ts).
    inBlocks: !loaded.gpu
  });
  post({
    type: 'done',
    runId,
    ids: r.ids,
    timings: { startedAt: r.startedAt, tokenAt: r.tokenAt, endedAt: performance.now() }
  });
}

self.addEventListener('message', (event: MessageEvent<BareRequest>) => {
  const req = event.data;
  const fail = (err: unknown, runId?: string): void =>
    post({ type: 'error', ...(runId === undefined ? {} : { runId }), message: String(err) });
  switch (req.type) {
    case 'load':
      load(req).catch((err: unknown) => fail(err));
      break;
    case 'generate':
      generate(req.runId, req.ids, req.maxNewTokens, req.eosTokenId).catch((err: unknown) => fail(err, req.runId));
      break;
    default:
      assertNever(req);
  }
});
