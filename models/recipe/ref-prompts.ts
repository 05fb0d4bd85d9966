/**
 * Fixed prompts, encoded by transformers.js, for which export.py records PyTorch's greedy output.
 * Usage: tsx models/recipe/ref-prompts.ts DATA_DIR
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PreTrainedTokenizer } from '@huggingface/transformers';
import { buildPrompt, parsePromptFormat, type Mode } from '$lib/prompts/index.ts';

const dir = process.argv[2] ?? '.work/data';
const read = (name: string): unknown => JSON.parse(readFileSync(join(dir, name), 'utf8'));
const tokenizer = new PreTrainedTokenizer(read('tokenizer.json') as object, read('tokenizer_config.json') as object);
const format = parsePromptFormat(read('prompts.json'));

export const REFERENCE_QUESTIONS: [Mode, string][] = [
  [
    'zero-shot-cot',
    'Ana had 12 apples. She gave away 5 apples and then bought 8 more. How many apples does Ana have now?'
  ],
  ['zero-shot-cot', 'A coin is heads up. Ana flips the coin. Bo does not flip the coin. Is the coin still heads up?'],
  ['few-shot-cot', 'Take the last letters of each word in "Elon Musk" and concatenate them.'],
  ['answer-only', 'Tom has 7 marbles. He finds 6 more. How many marbles does Tom have now?']
];

const items = REFERENCE_QUESTIONS.map(([mode, question]) => {
  const prompt = buildPrompt(format, mode, { question });
  return { mode, prompt, ids: tokenizer.encode(prompt), max_new_tokens: 96 };
});
writeFileSync(join(dir, 'reference-prompts.json'), JSON.stringify(items));
process.stdout.write(`${items.length} reference prompts, ${items.map((i) => i.ids.length).join('/')} tokens\n`);
