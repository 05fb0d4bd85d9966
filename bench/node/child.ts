/**
 * One engine in its own Node process, driven over IPC by bench/node/driver.ts. The runtime packages are
 * imported on the first load, so the first (cold) load pays for them as a fresh process would.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InferenceSession } from 'onnxruntime-common';
import { bareGreedy, kvLayout, type KvLayout, type OrtApi } from '../bare-loop.ts';
import { dtypeFile } from '$lib/engine/shared/device.ts';
import type { Loaded } from '$lib/engine/worker/generate.ts';
import type { Dtype } from '$lib/core/types.ts';
import { assertNever } from '$lib/core/assert.ts';
import { appRunResult, type GenerateOptions, type RunResult } from '../web/api.ts';
import { NODE_ENGINES, type ChildReply, type ChildRequest, type NodeEngine } from './childProtocol.ts';

const [engineArg, modelsDir = 'models', modelId = 'think-small-3m'] = process.argv.slice(2);
const engine = NODE_ENGINES.find((e) => e === engineArg);
if (engine === undefined) throw new Error(`usage: child.ts ${NODE_ENGINES.join('|')} [modelsDir] [modelId]`);
const modelDir = join(modelsDir, modelId);

interface Bare {
  kind: 'bare';
  session: InferenceSession;
  ort: OrtApi;
  layout: KvLayout;
}
interface App {
  kind: 'app';
  loaded: Loaded;
  generate: typeof import('$lib/engine/worker/generate.ts').generateText;
}
let current: Bare | App | null = null;

/**
 * One intra-op thread for both Node engines: ORT's default pool (one spinning thread per core) on a small
 * shared machine measures the scheduler (a run takes 3 ms or 11 ms depending on whether the second
 * thread got a core), not the code around the runtime, which is what app ÷ bare is for.
 */
const ONE_THREAD = { intraOpNumThreads: 1, interOpNumThreads: 1 };
const WARM_UP_PROMPT = 'Q: 1 + 1?\nA:';
const WARM_UP = { maxNewTokens: 2, temperature: 0, topK: 0, topP: 1, stopSequences: [] };

async function loadBare(which: NodeEngine, dtype: Dtype): Promise<Bare> {
  const file = join(modelDir, 'onnx', dtypeFile(dtype));
  const config = JSON.parse(readFileSync(join(modelDir, 'config.json'), 'utf8')) as Parameters<typeof kvLayout>[0];
  const layout = kvLayout(config);
  let session: InferenceSession;
  let ort: OrtApi;
  if (which === 'bare-web') {
    const web = await import('onnxruntime-web');
    web.env.wasm.numThreads = 1;
    session = await web.InferenceSession.create(file, { executionProviders: ['wasm'], logSeverityLevel: 3 });
    ort = web;
  } else {
    // The options transformers.js gives onnxruntime-node for device `cpu`, plus the app engine's thread count.
    const node = await import('onnxruntime-node');
    session = await node.InferenceSession.create(file, {
      executionProviders: ['cpu'],
      logSeverityLevel: 3,
      ...ONE_THREAD
    });
    ort = node;
  }
  await bareGreedy(session, ort, layout, [1, 84, 61], { maxNewTokens: 2, eosTokenId: -1 });
  return { kind: 'bare', session, ort, layout };
}

async function loadApp(dtype: Dtype): Promise<App> {
  const tf = await import('@huggingface/transformers');
  const { generateText } = await import('$lib/engine/worker/generate.ts');
  tf.env.allowRemoteModels = false;
  tf.env.localModelPath = `${modelsDir.replace(/\/?$/, '/')}`;
  const tokenizer = await tf.AutoTokenizer.from_pretrained(modelId);
  const model = await tf.AutoModelForCausalLM.from_pretrained(modelId, {
    dtype,
    device: 'cpu',
    session_options: ONE_THREAD
  });
  const loaded = { tokenizer, addSpecialTokens: true, model };
  const noop = (): void => {};
  await generateText(
    loaded,
    WARM_UP_PROMPT,
    WARM_UP,
    { interrupted: false },
    {
      onPrompt: noop,
      onToken: noop
    }
  );
  return { kind: 'app', loaded, generate: generateText };
}

async function generate(options: GenerateOptions): Promise<RunResult> {
  if (current === null) throw new Error('load first');
  if (current.kind === 'bare') {
    const r = await bareGreedy(current.session, current.ort, current.layout, options.ids, {
      ...options,
      inBlocks: true
    });
    return {
      startedAt: r.startedAt,
      tokenAt: r.tokenAt,
      endedAt: performance.now(),
      promptTokens: options.ids.length,
      text: null,
      ids: r.ids
    };
  }
  const tokenAt: number[] = [];
  const params = { ...WARM_UP, maxNewTokens: options.maxNewTokens };
  const r = await current.generate(
    current.loaded,
    options.prompt,
    params,
    { interrupted: false },
    {
      onPrompt: () => {},
      onToken: (_text, at) => tokenAt.push(at)
    }
  );
  return appRunResult(r.timings, tokenAt, r.text);
}

async function handle(req: ChildRequest): Promise<ChildReply> {
  switch (req.type) {
    case 'load': {
      const t0 = performance.now();
      await (current?.kind === 'bare' ? current.session.release() : current?.loaded.model.dispose());
      current = engine === 'app' ? await loadApp(req.dtype) : await loadBare(engine ?? 'bare', req.dtype);
      return { type: 'loaded', id: req.id, result: { loadMs: performance.now() - t0, threads: 0 } };
    }
    case 'generate': {
      const cpu0 = process.cpuUsage();
      const result = await generate(req.options);
      const cpu = process.cpuUsage(cpu0);
      return { type: 'generated', id: req.id, result: { ...result, cpuMs: (cpu.user + cpu.system) / 1000 } };
    }
    case 'memory':
      // maxRSS is in KiB.
      return { type: 'memory', id: req.id, peakRssBytes: process.resourceUsage().maxRSS * 1024 };
    default:
      return assertNever(req);
  }
}

process.on('message', (req: ChildRequest) => {
  handle(req).then(
    (reply) => process.send?.(reply),
    (err: unknown) =>
      process.send?.({
        type: 'error',
        id: req.id,
        message: err instanceof Error ? (err.stack ?? err.message) : String(err)
      })
  );
});
