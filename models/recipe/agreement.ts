/**
 * How closely each quantized file follows fp32, cheaply: the same held-out documents (prompt plus a teacher
 * rationale) are run once through every file, and on the completion's tokens we count where the quantized top-1
 * token equals fp32's and average KL(fp32 ‖ quantized). Greedy decoding follows fp32 exactly as long as top-1 agrees.
 * Usage: tsx models/recipe/agreement.ts MODEL_DIR [--docs 200]
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-node';
import { PreTrainedTokenizer } from '@huggingface/transformers';
import { FAMILIES, generateSet } from '$lib/tasks/index.ts';
import { buildPrompt, completion, parsePromptFormat } from '$lib/prompts/index.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { docs: { type: 'string', default: '150' }, seed: { type: 'string', default: '404' } }
});
const dir = positionals[0] ?? 'models/think-small-3m';
const readJson = (name: string): unknown => JSON.parse(readFileSync(join(dir, name), 'utf8'));
const config = readJson('config.json') as { num_hidden_layers: number; num_key_value_heads: number; head_dim: number };
const tokenizer = new PreTrainedTokenizer(
  readJson('tokenizer.json') as object,
  readJson('tokenizer_config.json') as object
);
const format = parsePromptFormat(readJson('prompts.json'));

const docs = generateSet(Number(values.seed), Number(values.docs), FAMILIES, { heldOut: true }).map((p) => {
  const prompt = buildPrompt(format, 'zero-shot-cot', { question: p.question });
  const ids = tokenizer.encode(prompt + completion('zero-shot-cot', p.rationales[0] ?? '', p.answer));
  return { ids, from: tokenizer.encode(prompt).length - 1 };
});

async function logitsOf(session: ort.InferenceSession, ids: number[]): Promise<Float32Array> {
  const n = ids.length;
  const feeds: Record<string, ort.Tensor> = {
    input_ids: new ort.Tensor('int64', BigInt64Array.from(ids.map(BigInt)), [1, n]),
    attention_mask: new ort.Tensor('int64', new BigInt64Array(n).fill(1n), [1, n]),
    position_ids: new ort.Tensor('int64', BigInt64Array.from(ids.map((_, i) => BigInt(i))), [1, n])
  };
  const empty = [1, config.num_key_value_heads, 0, config.head_dim];
  for (let i = 0; i < config.num_hidden_layers; i++)
    for (const kind of ['key', 'value'])
      feeds[`past_key_values.${i}.${kind}`] = new ort.Tensor('float32', new Float32Array(0), empty);
  const out = await session.run(feeds);
  if (out.logits === undefined) throw new Error('no logits output');
  return out.logits.data as Float32Array;
}

function logSoftmax(row: Float32Array): Float64Array {
  let max = -Infinity;
  for (const v of row) max = Math.max(max, v);
  let sum = 0;
  for (const v of row) sum += Math.exp(v - max);
  const lse = max + Math.log(sum);
  return Float64Array.from(row, (v) => v - lse);
}

function argmax(row: Float32Array): number {
  let best = 0;
  for (let i = 1; i < row.length; i++) if ((row[i] ?? -Infinity) > (row[best] ?? -Infinity)) best = i;
  return best;
}

const open = (file: string) => ort.InferenceSession.create(join(dir, 'onnx', file), { intraOpNumThreads: 1 });
const reference = await open('model.onnx');
const refLogits = await Promise.all(docs.map((d) => logitsOf(reference, d.ids)));
const vocab = (refLogits[0]?.length ?? 0) / (docs[0]?.ids.length ?? 1);

for (const file of readdirSync(join(dir, 'onnx')).filter((f) => f.endsWith('.onnx') && f !== 'model.onnx')) {
  const session = await open(file);
  let agree = 0;
  let total = 0;
  let kl = 0;
  for (const [k, d] of docs.entries()) {
    const q = await logitsOf(session, d.ids);
    const r = refLogits[k] ?? new Float32Array(0);
    for (let t = d.from; t < d.ids.length - 1; t++) {
      const rr = r.subarray(t * vocab, (t + 1) * vocab);
      const qq = q.subarray(t * vocab, (t + 1) * vocab);
      if (argmax(rr) === argmax(qq)) agree++;
      const lp = logSoftmax(rr);
      const lq = logSoftmax(qq);
      for (let i = 0; i < vocab; i++) kl += Math.exp(lp[i] ?? 0) * ((lp[i] ?? 0) - (lq[i] ?? 0));
      total++;
    }
  }
  process.stdout.write(
    `${file}: top-1 agrees with fp32 on ${((100 * agree) / total).toFixed(2)}% of ${total} completion tokens, ` +
      `mean KL ${(kl / total).toFixed(5)} nats (${docs.length} held-out documents)\n`
  );
}
