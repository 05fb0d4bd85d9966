import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { AutoModelForCausalLM, AutoTokenizer, env, pipeline, type Tensor } from '@huggingface/transformers';
import { buildPrompt, extractAnswer, parsePromptFormat, promptTail } from '$lib/prompts/index.ts';
import { WORD_PROBLEMS } from '$lib/questions/wordProblems.ts';

const MODEL = 'think-small-3m';
const dir = `models/${MODEL}`;

interface Reference {
  prompt: string;
  ids: number[];
  greedy: number[];
  /** PyTorch's top-1 minus top-2 logit at each greedy step. */
  margins: number[];
  /** PyTorch's logits for the first new token. */
  first_logits: number[];
}
const references = JSON.parse(readFileSync(`${dir}/reference.json`, 'utf8')) as Reference[];
const format = parsePromptFormat(JSON.parse(readFileSync(`${dir}/prompts.json`, 'utf8')));

beforeAll(() => {
  env.allowRemoteModels = false;
  env.localModelPath = 'models/';
});

describe('bundled model in transformers.js (Node)', () => {
  it('tokenizes the reference prompts exactly as the training data did', async () => {
    const tokenizer = await AutoTokenizer.from_pretrained(MODEL);
    for (const ref of references) expect(tokenizer.encode(ref.prompt)).toEqual(ref.ids);
  });

  it("q8 in stock pipeline() generates, greedy, the same tokens as PyTorch up to PyTorch's first near tie", async () => {
    const generator = await pipeline('text-generation', MODEL, { dtype: 'q8' });
    // int8 moves logits by up to about 0.8: where PyTorch's top two tokens are closer than this, either may win,
    // and the two texts may rightly part (two rationale styles, or one more step before the answer).
    const CLEAR = 1;
    let whole = 0;
    for (const ref of references) {
      const out = (await generator(ref.prompt, { max_new_tokens: ref.greedy.length, do_sample: false })) as {
        generated_text: string;
      }[];
      const text = (out[0]?.generated_text ?? '').slice(ref.prompt.length);
      const tie = ref.margins.findIndex((m) => m < CLEAR);
      const clear = tie < 0 ? ref.greedy : ref.greedy.slice(0, tie);
      const clearText = clear.length === 0 ? '' : generator.tokenizer.decode(clear, { skip_special_tokens: true });
      expect(text.startsWith(clearText), `${ref.prompt}\n${text}`).toBe(true);
      if (text === generator.tokenizer.decode(ref.greedy, { skip_special_tokens: true })) whole++;
    }
    expect(whole).toBeGreaterThanOrEqual(references.length / 2);
  }, 60_000);

  for (const dtype of ['fp32', 'q8', 'q4'] as const) {
    // Whether the answer is right is the evaluator's job (models/recipe/eval.ts); this checks the behaviour
    // each mode is trained for: CoT modes reason before the answer sentence, answer-only answers at once.
    it(`${dtype}: CoT modes reason step by step, answer-only answers directly, all parseable`, async () => {
      const tokenizer = await AutoTokenizer.from_pretrained(MODEL);
      const model = await AutoModelForCausalLM.from_pretrained(MODEL, { dtype });
      const question =
        'A coin is heads up. Maya flips the coin. Leo does not flip the coin. Is the coin still heads up?';
      for (const mode of ['zero-shot-cot', 'few-shot-cot', 'answer-only'] as const) {
        const prompt = buildPrompt(format, mode, { question });
        const enc = tokenizer(prompt);
        const out = (await model.generate({ ...enc, max_new_tokens: 120, do_sample: false })) as Tensor;
        const ids = (out.tolist() as bigint[][])[0]?.map(Number) ?? [];
        const text = tokenizer.decode(ids.slice((enc.input_ids as Tensor).dims[1]), { skip_special_tokens: true });
        const answer = extractAnswer(format, text, promptTail(prompt));
        expect(['yes', 'no'], `${dtype} ${mode}: ${text}`).toContain(answer);
        const reasoning = text.slice(0, text.indexOf('The answer is'));
        if (mode === 'answer-only') expect(text.trim(), `${dtype} ${mode}: ${text}`).toMatch(/^(yes|no)\.$/);
        else expect(reasoning, `${dtype} ${mode}: ${text}`).toMatch(/Maya .*flip|flipped by/);
      }
    }, 120_000);
  }

  it('q8, zero-shot CoT: answers every hand-written word-problem preset right', async () => {
    const tokenizer = await AutoTokenizer.from_pretrained(MODEL);
    const model = await AutoModelForCausalLM.from_pretrained(MODEL, { dtype: 'q8' });
    for (const { question, answer } of WORD_PROBLEMS) {
      const prompt = buildPrompt(format, 'zero-shot-cot', { question });
      const enc = tokenizer(prompt);
      const out = (await model.generate({ ...enc, max_new_tokens: 160, do_sample: false })) as Tensor;
      const ids = (out.tolist() as bigint[][])[0]?.map(Number) ?? [];
      const text = tokenizer.decode(ids.slice((enc.input_ids as Tensor).dims[1]), { skip_special_tokens: true });
      expect(extractAnswer(format, text, promptTail(prompt)), `${question}\n${text}`).toBe(answer);
    }
  }, 120_000);
});
