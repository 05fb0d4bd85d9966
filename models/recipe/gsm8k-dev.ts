/**
 * Writes GSM8K's development split, fixed by seed in gsm8k.ts and never trained on, as `{"question", "answer",
 * "steps"}` lines for `npm run eval:model -- --set`, and prints how the split and re-instancing came out.
 * Usage: npx tsx models/recipe/gsm8k-dev.ts [--data ../shared/data/gsm8k/train.jsonl] [--out models/recipe/sets/gsm8k-dev.jsonl]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { readGsm8k, splitDev } from './gsm8k.ts';
import { qualifies } from './gsm8k-reinstance.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data/gsm8k/train.jsonl' },
    out: { type: 'string', default: 'models/recipe/sets/gsm8k-dev.jsonl' }
  }
});

const items = readGsm8k(values.data);
const { dev, train } = splitDev(items);
mkdirSync(dirname(values.out), { recursive: true });
const lines = dev.map((it) => JSON.stringify({ question: it.question, answer: it.answer, steps: it.calcs }));
writeFileSync(values.out, lines.join('\n') + '\n');

const upTo3 = train.filter((it) => it.calcs <= 3);
const counts = {
  items: items.length,
  dev: dev.length,
  train: train.length,
  trainQualifying: train.filter(qualifies).length,
  trainUpTo3Calcs: upTo3.length,
  trainUpTo3CalcsQualifying: upTo3.filter(qualifies).length,
  out: values.out
};
process.stdout.write(JSON.stringify(counts, null, 2) + '\n');
