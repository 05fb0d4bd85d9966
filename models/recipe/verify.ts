/**
 * Checks every ONNX file of an exported model against PyTorch's reference with a bare onnxruntime-node loop
 * (the same KV-cache feeding transformers.js does), and reports decode speed.
 * Usage: tsx models/recipe/verify.ts MODEL_DIR [--runtime node|web]
 * `web` runs onnxruntime-web's WASM kernels (the browser's CPU path) inside Node, single-threaded.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';

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
}

const dir = process.argv[2] ?? 'models/think-small-3m';
const runtime = process.argv.includes('--runtime') ? process.argv[process.argv.indexOf('--runtime') + 1] : 'node';
// Both packages implement onnxruntime-common's API; the web one is typed as the node one here.
const ort = (runtime === 'web' ? ortWeb : ortNode) as typeof ortNode;
ortWeb.env.wasm.numThreads = 1;
const refs = JSON.parse(readFileSync(join(dir, 'reference.json'), 'utf8')) as Reference[];
const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as HfConfig;

function argmax(data: Float32Array, offset: number, n: number): number {
  let best = 0;
  for (let i = 1; i < n; i++) if ((data[offset + i] ?? -Infinity) > (data[offset + best] ?? -Infinity)) best = i;
  return best;
}

async function greedy(session: ortNode.InferenceSession, ids: number[], maxNew: number, eos = 2) {
  const L = config.num_hidden_layers;
  const shape = (len: number) => [1, config.num_key_value_heads, len, config.head_dim];
  let feeds: Record<string, ortNode.Tensor> = {};
  for (let i = 0; i < L; i++) {
    feeds[`past_key_values.${i}.key`] = new ort.Tensor('float32', new Float32Array(0), shape(0));
    feeds[`past_key_values.${i}.value`] = new ort.Tensor('float32', new Float32Array(0), shape(0));
  }
  const out: number[] = [];
  let input = ids;
  let pos = 0;
  let firstLogits: Float32Array | null = null;
  let decodeMs = 0;
  for (let step = 0; step < maxNew; step++) {
    const t0 = performance.now();
    const n = input.length;
    feeds.input_ids = new ort.Tensor('int64', BigInt64Array.from(input.map(BigInt)), [1, n]);
    feeds.attention_mask = new ort.Tensor('int64', new BigInt64Array(pos + n).fill(1n), [1, pos + n]);
    feeds.position_ids = new ort.Tensor('int64', BigInt64Array.from(input.map((_, i) => BigInt(pos + i))), [1, n]);
    const res = await session.run(feeds);
    const logits = res.logits;
    if (logits === undefined) throw new Error('no logits output');
    const vocab = logits.dims[2] ?? 0;
    const data = logits.data as Float32Array;
    if (firstLogits === null) firstLogits = data.slice((n - 1) * vocab, n * vocab);
    const next = argmax(data, (n - 1) * vocab, vocab);
    out.push(next);
    const next_feeds: Record<string, ortNode.Tensor> = {};
    for (let i = 0; i < L; i++) {
      for (const kind of ['key', 'value']) {
        const present = res[`present.${i}.${kind}`];
        if (present === undefined) throw new Error(`no present.${i}.${kind}`);
        next_feeds[`past_key_values.${i}.${kind}`] = present;
      }
    }
    feeds = next_feeds;
    pos += n;
    input = [next];
    if (step > 0) decodeMs += performance.now() - t0;
    if (next === eos) break;
  }
  return {
    out,
    firstLogits: firstLogits ?? new Float32Array(0),
    decodeTokensPerSec: ((out.length - 1) / decodeMs) * 1000
  };
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
