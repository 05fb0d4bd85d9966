/**
 * Fixed benchmark prompts of an exact token length, cut from the front of real prompts so the model
 * still sees a well-formed question and answers it (greedy, so every run generates the same tokens).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { buildPrompt, parsePromptFormat } from '$lib/prompts/index.ts';

export interface BenchPrompt {
  tokens: number;
  text: string;
  /** What the app's tokenizer makes of `text`, BOS included; the bare loop is fed exactly these. */
  ids: number[];
}

const QUESTION =
  'A coin is heads up. Maya flips the coin. Leo does not flip the coin. Ava flips the coin. Is the coin still heads up?';

export interface Tokenizer {
  encode(text: string): number[];
  decode(ids: number[], options: { skip_special_tokens: boolean }): string;
}

export async function loadTokenizer(modelsDir: string, modelId: string): Promise<Tokenizer> {
  env.allowRemoteModels = false;
  env.localModelPath = `${modelsDir.replace(/\/?$/, '/')}`;
  return AutoTokenizer.from_pretrained(modelId);
}

/** The last `tokens - 1` tokens of `source` after BOS, nudged until the text re-encodes to exactly `tokens` ids. */
function cut(tokenizer: Tokenizer, source: string, tokens: number): BenchPrompt {
  const all = tokenizer.encode(source);
  const body = all.slice(1);
  for (let extra = 0; extra < 8; extra++) {
    const text = tokenizer.decode(body.slice(-(tokens - 1 + extra)), { skip_special_tokens: true });
    const ids = tokenizer.encode(text);
    if (ids.length === tokens) return { tokens, text, ids };
  }
  throw new Error(`could not cut a ${tokens}-token prompt from ${all.length} tokens`);
}

export function benchPrompts(tokenizer: Tokenizer, modelDir: string, lengths: readonly number[]): BenchPrompt[] {
  const format = parsePromptFormat(JSON.parse(readFileSync(join(modelDir, 'prompts.json'), 'utf8')));
  // Few-shot: exemplars give the long prompt real text to cut from; the question stays whole at the end. Twice
  // over, so a 512-token prompt can be cut too (one few-shot prompt is about 355 tokens).
  const fewShot = buildPrompt(format, 'few-shot-cot', { question: QUESTION });
  const source = `${fewShot}\n\n${fewShot}`;
  return lengths.map((n) => cut(tokenizer, source, n));
}
