/**
 * Step 1 of the recipe: problems → training documents → tokenizer → token ids.
 * Usage: tsx models/recipe/build-data.ts --out DIR --docs N --seed S --vocab V [--mix balanced|focus|focus-copy|focus-names|words|human|grounded|worksheet|sheets|wide]
 * The words mix also reads GSM8K's training split (--gsm8k FILE, default ../shared/data/gsm8k/train.jsonl), keeps
 * its fixed development split out, and adds --variants re-instanced copies of each problem.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PreTrainedTokenizer } from '@huggingface/transformers';
import { Rng, generate, FAMILIES } from '$lib/tasks/index.ts';
import type { PromptFormat } from '$lib/prompts/index.ts';
import { STUDENT_FORMAT } from './format.ts';
import { MIXES, completionMask, letterPieces, makeDoc, type Worked } from './corpus.ts';
import { readGsm8k, splitDev } from './gsm8k.ts';
import { gsm8kProblems } from './gsm8k-reinstance.ts';
import { EOS_ID, preTokenize, tokenizerConfigJson, tokenizerJson, trainBpe } from './tokenizer.ts';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: '.work/data' },
    docs: { type: 'string', default: '200000' },
    seed: { type: 'string', default: '1' },
    vocab: { type: 'string', default: '1024' },
    'max-token-chars': { type: 'string', default: '5' },
    context: { type: 'string', default: '1024' },
    mix: { type: 'string', default: 'balanced' },
    // A shipped model folder whose tokenizer to reuse (to continue training that model) instead of training one.
    tokenizer: { type: 'string' },
    gsm8k: { type: 'string', default: '../shared/data/gsm8k/train.jsonl' },
    variants: { type: 'string', default: '3' }
  }
});
type Vocab = { model: { vocab: Record<string, number> } };
const out = values.out;
const nDocs = Number(values.docs);
const seed = Number(values.seed);
mkdirSync(out, { recursive: true });

// The app's default exemplars: one worked problem per family, fixed by seed, in the shipped prompts.json.
const exRng = new Rng(7);
const format: PromptFormat = {
  ...STUDENT_FORMAT,
  exemplars: FAMILIES.map((f) => {
    const p = generate(f, exRng, { steps: f === 'arithmetic' ? 2 : 3 });
    return { question: p.question, rationale: p.rationales[0] ?? '', answer: p.answer };
  })
};
writeFileSync(join(out, 'prompts.json'), JSON.stringify(format, null, 2) + '\n');

const mixName = values.mix;
if (!(mixName in MIXES)) throw new Error(`--mix must be one of: ${Object.keys(MIXES).join(', ')}`);
const mix = MIXES[mixName as keyof typeof MIXES];
const readJson = (dir: string, name: string): object => JSON.parse(readFileSync(join(dir, name), 'utf8')) as object;
const given =
  values.tokenizer === undefined
    ? null
    : {
        tokJson: readJson(values.tokenizer, 'tokenizer.json'),
        tokConfig: readJson(values.tokenizer, 'tokenizer_config.json')
      };
// Pieces come from a finished tokenizer, so a mix that wants them continues a model rather than starting one.
if (mix.pieceWords && given === null) throw new Error(`--mix ${mixName} needs --tokenizer`);
const pieces = given === null ? [] : letterPieces(Object.keys((given.tokJson as Vocab).model.vocab));
const rng = new Rng(seed);
const pool = (mix.human ?? 0) > 0 ? humanPool(values.gsm8k, Number(values.variants), rng.fork(11)) : [];
const docs = Array.from({ length: nDocs }, () => makeDoc(format, rng, mix, pieces, pool));

/** GSM8K's training part, never its development split, with re-instanced and renamed variants. */
function humanPool(path: string, variants: number, r: Rng): Worked[] {
  const { train, dev } = splitDev(readGsm8k(path));
  const problems = gsm8kProblems(train, r, { variants });
  process.stdout.write(
    JSON.stringify({ gsm8kTrain: train.length, gsm8kDev: dev.length, pool: problems.length }) + '\n'
  );
  return problems;
}

function trainTokenizer(): { tokJson: object; tokConfig: object } {
  const counts = new Map<string, number>();
  for (const d of docs.slice(0, 40000))
    for (const w of preTokenize(d.prompt + d.completion)) counts.set(w, (counts.get(w) ?? 0) + 1);
  const bpe = trainBpe(counts, Number(values.vocab), Number(values['max-token-chars']));
  return { tokJson: tokenizerJson(bpe), tokConfig: tokenizerConfigJson(Number(values.context)) };
}
const { tokJson, tokConfig } = given ?? trainTokenizer();
writeFileSync(join(out, 'tokenizer.json'), JSON.stringify(tokJson));
writeFileSync(join(out, 'tokenizer_config.json'), JSON.stringify(tokConfig, null, 2) + '\n');

// Encode with transformers.js itself: the ids the model trains on are the ids the app will feed it.
const tokenizer = new PreTrainedTokenizer(tokJson, tokConfig);
const valCount = Math.min(2000, Math.floor(nDocs / 20));
const parts = {
  train: { ids: [] as number[], mask: [] as number[] },
  val: { ids: [] as number[], mask: [] as number[] }
};
const lengths: number[] = [];
let learned = 0;
let total = 0;
docs.forEach((d, i) => {
  const ids = tokenizer.encode(d.prompt + d.completion);
  ids.push(EOS_ID);
  const mask = completionMask(tokenizer.encode(d.prompt), ids);
  learned += mask.reduce((a, b) => a + b, 0);
  total += ids.length;
  lengths.push(ids.length);
  const part = i < valCount ? parts.val : parts.train;
  part.ids.push(...ids);
  part.mask.push(...mask);
});
for (const [name, part] of Object.entries(parts)) {
  writeFileSync(join(out, `${name}.bin`), Buffer.from(new Uint16Array(part.ids).buffer));
  // mask[k] = 1 when token k is a target, i.e. the loss on predicting token k from tokens before it counts.
  writeFileSync(join(out, `${name}.mask.bin`), Buffer.from(new Uint8Array(part.mask).buffer));
}
lengths.sort((a, b) => a - b);
const stats = {
  docs: nDocs,
  vocab: Object.keys((tokJson as Vocab).model.vocab).length,
  trainTokens: parts.train.ids.length,
  valTokens: parts.val.ids.length,
  learnedShare: Number((learned / total).toFixed(3)),
  docTokensP50: lengths[Math.floor(lengths.length / 2)],
  docTokensP99: lengths[Math.floor(lengths.length * 0.99)],
  docTokensMax: lengths[lengths.length - 1]
};
writeFileSync(join(out, 'stats.json'), JSON.stringify(stats, null, 2) + '\n');
process.stdout.write(JSON.stringify(stats) + '\n');
