/**
 * Checks every ONNX file of an exported model against PyTorch's reference with a bare onnxruntime loop
 * (bench/bare-loop.ts: the same KV-cache feeding transformers.js does), and reports decode speed.
 * Usage: tsx models/recipe/verify.ts MODEL_DIR [--runtime node|web]
 * `web` runs onnxruntime-web's WASM kernels (the browser's CPU path) inside Node, single-threaded.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { bareGreedy, kvLayout } from '../../bench/bare-loop.ts';

interface Reference {
  prompt: string;
  ids: number[];
  greedy: number[];
  first_logits: number[];
}
interface HfConfig {
  num_hidden_layers: number;
  num_key_value_heads: number;
  head_dim: number;
  eos_token_id: number;
}

const dir = process.argv[2] ?? 'models/think-small-3m';
const runtime = process.argv.includes('--runtime') ? process.argv[process.argv.indexOf('--runtime') + 1] : 'node';
// Both packages implement onnxruntime-common's API; the web one is typed as the node one here.
const ort = (runtime === 'web' ? ortWeb : ortNode) as typeof ortNode;
ortWeb.env.wasm.numThreads = 1;
const refs = JSON.parse(readFileSync(join(dir, 'reference.json'), 'utf8')) as Reference[];
const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as HfConfig;

/** The bare loop the benchmark measures the app against (bench/bare-loop.ts), with its decode rate. */
async function greedy(session: ortNode.InferenceSession, ids: number[], maxNew: number) {
  const r = await bareGreedy(session, ort, kvLayout(config), ids, {
    maxNewTokens: maxNew,
    eosTokenId: config.eos_token_id
  });
  const first = r.tokenAt[0] ?? 0;
  const last = r.tokenAt.at(-1) ?? first;
  return { out: r.ids, firstLogits: r.firstLogits, decodeTokensPerSec: ((r.ids.length - 1) / (last - first)) * 1000 };
}

const files = readdirSync(join(dir, 'onnx')).filter((f) => f.endsWith('.onnx'));
for (const file of files) {
  const session = await ort.InferenceSession.create(
    join(dir, 'onnx', file),
    runtime === 'web' ? { executionProviders: ['wasm'] } : { intraOpNumThreads: 1 }
  );
  let maxDiff = 0;
  let same = 0;
  let agreeTokens = 0;
  let totalTokens = 0;
  const speeds: number[] = [];
  for (const ref of refs) {
    const { out, firstLogits, decodeTokensPerSec } = await greedy(session, ref.ids, ref.greedy.length);
    speeds.push(decodeTokensPerSec);
    ref.first_logits.forEach((v, i) => (maxDiff = Math.max(maxDiff, Math.abs(v - (firstLogits[i] ?? NaN)))));
    if (out.join(',') === ref.greedy.join(',')) same++;
    let k = 0;
    while (k < ref.greedy.length && out[k] === ref.greedy[k]) k++;
    agreeTokens += k;
    totalTokens += ref.greedy.length;
  }
  const size = readFileSync(join(dir, 'onnx', file)).length;
  process.stdout.write(
    `${file}: ${(size / 1e6).toFixed(2)} MB, first-step logits max |diff| ${maxDiff.toFixed(5)}, ` +
      `greedy identical on ${same}/${refs.length} prompts (${agreeTokens}/${totalTokens} tokens before divergence), ` +
      `bare decode ${Math.round(speeds.reduce((a, b) => a + b, 0) / speeds.length)} tok/s (onnxruntime-${runtime}, 1 thread)\n`
  );
}
if (!existsSync(join(dir, 'onnx', 'model.onnx'))) process.stdout.write('(no fp32 model.onnx to compare)\n');
