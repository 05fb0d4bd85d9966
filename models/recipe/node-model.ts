import { readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AutoModelForCausalLM, AutoTokenizer, env } from '@huggingface/transformers';
import type { Loaded } from '$lib/engine/worker/generate.ts';
import { parsePromptFormat, type PromptFormat } from '$lib/prompts/index.ts';

/**
 * A model folder loaded in Node as the app loads it (transformers.js, local files only), with its prompt formats.
 * onnxruntime-node would start a thread per core; on a shared machine spinning threads cost more than they give,
 * so the caller names the count.
 */
export async function loadNodeModel(
  folder: string,
  dtype: 'q8' | 'q4' | 'fp32',
  threads: number
): Promise<{ loaded: Loaded; format: PromptFormat }> {
  const dir = resolve(folder);
  env.allowRemoteModels = false;
  env.localModelPath = dirname(dir) + '/';
  const id = basename(dir);
  const tokenizer = await AutoTokenizer.from_pretrained(id);
  const model = await AutoModelForCausalLM.from_pretrained(id, {
    dtype,
    device: 'cpu',
    session_options: { intraOpNumThreads: threads, interOpNumThreads: 1 }
  });
  const format = parsePromptFormat(JSON.parse(readFileSync(join(dir, 'prompts.json'), 'utf8')));
  return { loaded: { tokenizer, addSpecialTokens: true, model }, format };
}
