import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { AutoModelForCausalLM, AutoTokenizer, env, type Tensor } from '@huggingface/transformers';
import { PromptTooLongError } from '$lib/engine/shared/errors.ts';
import { generateBatch, generateText, type Loaded } from '$lib/engine/worker/generate.ts';
import { BLOCK_TOKENS, PrefixBlocks, blockedLength } from '$lib/engine/worker/prefixBlocks.ts';
import type { GenParams, TokenInfo } from '$lib/core/types.ts';
import { buildPrompt, parsePromptFormat } from '$lib/prompts/index.ts';

const MODEL = 'think-small-3m';

interface Reference {
  prompt: string;
  greedy: number[];
}
const references = JSON.parse(readFileSync(`models/${MODEL}/reference.json`, 'utf8')) as Reference[];
const GREEDY: GenParams = { maxNewTokens: 64, temperature: 0, topK: 0, topP: 1, stopSequences: [] };

let loaded: Loaded;

beforeAll(async () => {
  env.allowRemoteModels = false;
  env.localModelPath = 'models/';
  const tokenizer = await AutoTokenizer.from_pretrained(MODEL);
  const model = await AutoModelForCausalLM.from_pretrained(MODEL, { dtype: 'fp32' });
  loaded = { tokenizer, addSpecialTokens: true, model };
});

interface Streamed {
  deltas: string[];
  prompts: number[];
}

function hooks(s: Streamed, onToken?: (n: number) => void) {
  return {
    onPrompt: (n: number) => s.prompts.push(n),
    onToken: (text: string) => {
      s.deltas.push(text);
      onToken?.(s.deltas.length);
    }
  };
}

/** One uninterrupted run whose streamed pieces nobody reads. */
function quietRun(prompt: string, params: GenParams) {
  return generateText(loaded, prompt, params, { interrupted: false }, hooks({ deltas: [], prompts: [] }));
}

describe("the engine's generation loop on the bundled model (fp32, Node)", () => {
  it('greedy: the reference tokens, streamed one delta per token, EOS included', async () => {
    for (const ref of references) {
      const s: Streamed = { deltas: [], prompts: [] };
      const r = await generateText(loaded, ref.prompt, GREEDY, { interrupted: false }, hooks(s));
      const expected = loaded.tokenizer.decode(ref.greedy, { skip_special_tokens: true });
      expect(r.text).toBe(expected);
      expect(s.deltas.join('')).toBe(expected);
      expect(r.timings.generatedTokens).toBe(ref.greedy.length);
      expect(s.deltas).toHaveLength(ref.greedy.length);
      expect(s.prompts).toEqual([r.timings.promptTokens]);
      expect(r.stopped).toBe(false);
    }
  });

  it('a batch of prompts of different lengths (left-padded) writes what each writes alone, streamed per row', async () => {
    const alone = await Promise.all(references.map((ref) => quietRun(ref.prompt, GREEDY)));
    const streams: Streamed[] = references.map(() => ({ deltas: [], prompts: [] }));
    const forward = vi.spyOn(loaded.model, 'forward');
    const together = await generateBatch(
      loaded,
      references.map((ref, i) => ({
        prompt: ref.prompt,
        control: { interrupted: false },
        hooks: hooks(streams[i] ?? { deltas: [], prompts: [] })
      })),
      GREEDY
    );
    const rowsPerStep = forward.mock.calls.map(([inputs]) => (inputs as { input_ids: Tensor }).input_ids.dims[0]);
    forward.mockRestore();
    expect(new Set(alone.map((r) => r.timings.promptTokens)).size).toBeGreaterThan(1);
    // Rows end at different lengths, and each leaves the batch (and its cache) as it ends.
    const lengths = alone.map((r) => r.timings.generatedTokens);
    expect(new Set(lengths).size).toBeGreaterThan(1);
    expect(rowsPerStep[0]).toBe(references.length);
    expect(rowsPerStep.at(-1)).toBe(lengths.filter((n) => n === Math.max(...lengths)).length);
    expect(rowsPerStep.every((n = 0, i) => i === 0 || n <= (rowsPerStep[i - 1] ?? 0))).toBe(true);
    together.forEach((r, i) => {
      expect(r.text).toBe(alone[i]?.text);
      expect(streams[i]?.deltas.join('')).toBe(alone[i]?.text);
      expect(r.timings.generatedTokens).toBe(alone[i]?.timings.generatedTokens);
      expect(r.timings.promptTokens).toBe(alone[i]?.timings.promptTokens);
      expect(r.timings.batchRows).toBe(references.length);
    });
  });

  it('rows that open alike (few-shot prompts) compute the opening once and still write what each writes alone', async () => {
    const format = parsePromptFormat(JSON.parse(readFileSync(`models/${MODEL}/prompts.json`, 'utf8')));
    const prompts = [
      'Tom has 12 apples and eats 5. How many are left?',
      'A coin is heads up. Ann flips the coin. Is the coin still heads up?',
      'Take the last letters of each word in "Ada Lovelace" and concatenate them.'
    ].map((question) => buildPrompt(format, 'few-shot-cot', { question }));
    const alone = await Promise.all(prompts.map((prompt) => quietRun(prompt, GREEDY)));
    const forward = vi.spyOn(loaded.model, 'forward');
    const together = await generateBatch(
      loaded,
      prompts.map((prompt) => ({ prompt, control: { interrupted: false }, hooks: hooks({ deltas: [], prompts: [] }) })),
      GREEDY,
      undefined,
      { stepping: 'batch', sharePrefix: true }
    );
    const shapes = forward.mock.calls.map(([inputs]) => (inputs as { input_ids: Tensor }).input_ids.dims);
    forward.mockRestore();
    // First the exemplars as one row, then each row's own question after them.
    expect(shapes[0]?.[0]).toBe(1);
    expect(shapes[0]?.[1]).toBeGreaterThan(100);
    expect(shapes[1]?.[0]).toBe(prompts.length);
    expect(shapes[1]?.[1]).toBeLessThan(40);
    together.forEach((r, i) => {
      expect(r.text).toBe(alone[i]?.text);
      expect(r.timings.promptTokens).toBe(alone[i]?.timings.promptTokens);
    });
  });

  it('a long prompt reads its opening in blocks kept for the next prompt, and writes the same text either way', async () => {
    const format = parsePromptFormat(JSON.parse(readFileSync(`models/${MODEL}/prompts.json`, 'utf8')));
    const [first = '', second = ''] = [
      'A baker made 24 muffins in the morning and 18 in the afternoon. She sold 30. How many are left?',
      'Tom has 12 apples and eats 5. How many are left?'
    ].map((question) => buildPrompt(format, 'few-shot-cot', { question }));
    const run = (prompt: string, blocks: PrefixBlocks | null) =>
      generateBatch(
        loaded,
        [{ prompt, control: { interrupted: false }, hooks: hooks({ deltas: [], prompts: [] }) }],
        GREEDY,
        undefined,
        { stepping: 'turns', sharePrefix: false, blocks }
      ).then(([g]) => g);
    const whole = await run(first, null);
    const blocks = new PrefixBlocks();
    const forward = vi.spyOn(loaded.model, 'forward');
    const cold = await run(first, blocks);
    const coldPasses = forward.mock.calls.length;
    const opening = blockedLength(cold?.timings.promptTokens ?? 0);
    expect(opening).toBeGreaterThanOrEqual(4 * BLOCK_TOKENS);
    forward.mockClear();
    const warm = await run(first, blocks);
    const widths = forward.mock.calls.map(([inputs]) => (inputs as { input_ids: Tensor }).input_ids.dims[1]);
    forward.mockRestore();
    // Warm, the first pass reads only the last partial block: the opening came from the kept blocks.
    expect(warm?.timings.keptTokens).toBe(opening);
    expect(cold?.timings.keptTokens).toBeUndefined();
    expect(widths[0]).toBe((cold?.timings.promptTokens ?? 0) - opening);
    expect(coldPasses - widths.length).toBe(opening / BLOCK_TOKENS);
    expect(warm?.text).toBe(cold?.text);
    expect(cold?.text).toBe(whole?.text);
    // Another question after the same exemplars starts from their blocks and writes what it writes uncached.
    const other = await run(second, blocks);
    expect(other?.timings.keptTokens).toBeGreaterThanOrEqual(4 * BLOCK_TOKENS);
    expect(other?.text).toBe((await run(second, new PrefixBlocks()))?.text);
    expect(other?.text).toBe((await run(second, null))?.text);
  });

  it('in turns, every row writes what it writes alone, all rows stream at once, and the timings say turns', async () => {
    const alone = await Promise.all(references.map((ref) => quietRun(ref.prompt, GREEDY)));
    const order: number[] = [];
    const streams: Streamed[] = references.map(() => ({ deltas: [], prompts: [] }));
    const inTurns = await generateBatch(
      loaded,
      references.map((ref, i) => ({
        prompt: ref.prompt,
        control: { interrupted: false },
        hooks: hooks(streams[i] ?? { deltas: [], prompts: [] }, () => order.push(i))
      })),
      GREEDY,
      undefined,
      { stepping: 'turns', sharePrefix: false }
    );
    inTurns.forEach((r, i) => {
      expect(r.text).toBe(alone[i]?.text);
      expect(streams[i]?.deltas.join('')).toBe(alone[i]?.text);
      expect(r.timings.turnRows).toBe(references.length);
      expect(r.timings.batchRows).toBeUndefined();
    });
    // Every row's first token comes before the first row's last: they stream side by side, not one after another.
    const lastOfFirst = order.lastIndexOf(0);
    for (let i = 1; i < references.length; i++) expect(order.indexOf(i)).toBeLessThan(lastOfFirst);
  });

  for (const stepping of ['batch', 'turns'] as const)
    it(`an interrupted row (${stepping}) ends as stopped while the others run to their end`, async () => {
      const control = { interrupted: false };
      const [a, b] = references;
      if (a === undefined || b === undefined) throw new Error('two reference prompts needed');
      const [first, second] = await generateBatch(
        loaded,
        [
          {
            prompt: a.prompt,
            control,
            hooks: hooks({ deltas: [], prompts: [] }, (n) => (control.interrupted = n >= 3))
          },
          { prompt: b.prompt, control: { interrupted: false }, hooks: hooks({ deltas: [], prompts: [] }) }
        ],
        GREEDY,
        undefined,
        { stepping, sharePrefix: false }
      );
      expect(first?.stopped).toBe(true);
      expect(first?.timings.generatedTokens).toBe(3);
      expect(second?.stopped).toBe(false);
      expect(second?.timings.generatedTokens).toBe(b.greedy.length);
    });

  it('a seed reproduces every sampled row of a batch, and rows of one prompt differ', async () => {
    const ref = references[0];
    if (ref === undefined) throw new Error('a reference prompt needed');
    const params: GenParams = { ...GREEDY, temperature: 1, topK: 0, topP: 1, maxNewTokens: 24, seed: 11 };
    const chains = async (seed: number) =>
      (
        await generateBatch(
          loaded,
          [0, 1, 2, 3].map(() => ({
            prompt: ref.prompt,
            control: { interrupted: false },
            hooks: hooks({ deltas: [], prompts: [] })
          })),
          { ...params, seed }
        )
      ).map((g) => g.text);
    const first = await chains(11);
    expect(await chains(11)).toEqual(first);
    expect(new Set(first).size).toBeGreaterThan(1);
    // A confident model may write one row's text under another seed too, so the rows are compared as a whole.
    expect(await chains(12)).not.toEqual(first);
  });

  it('a row split off to another worker draws what it draws in the whole request (its draw index)', async () => {
    const ref = references[0];
    if (ref === undefined) throw new Error('a reference prompt needed');
    const params: GenParams = { ...GREEDY, temperature: 1, topK: 0, topP: 1, maxNewTokens: 24, seed: 11 };
    const options = { stepping: 'turns', sharePrefix: false } as const;
    const rows = (draws: readonly number[]) =>
      draws.map((draw) => ({
        prompt: ref.prompt,
        control: { interrupted: false },
        hooks: hooks({ deltas: [], prompts: [] }),
        draw
      }));
    const whole = (await generateBatch(loaded, rows([0, 1, 2, 3]), params, undefined, options)).map((g) => g.text);
    const alone = (await generateBatch(loaded, rows([2]), params, undefined, options)).map((g) => g.text);
    const pair = (await generateBatch(loaded, rows([1, 3]), params, undefined, options)).map((g) => g.text);
    expect(alone).toEqual([whole[2]]);
    expect(pair).toEqual([whole[1], whole[3]]);
    expect(new Set(whole).size).toBeGreaterThan(1);
  });

  it("reports each token's probability and its alternatives, the greedy choice the most likely", async () => {
    const ref = references[0];
    if (ref === undefined) throw new Error('a reference prompt needed');
    const infos: TokenInfo[] = [];
    const deltas: string[] = [];
    await generateText(
      loaded,
      ref.prompt,
      { ...GREEDY, alternatives: 5 },
      { interrupted: false },
      {
        onPrompt: () => undefined,
        onToken: (text, _at, info) => {
          deltas.push(text);
          if (info !== undefined) infos.push(info);
        }
      }
    );
    expect(infos).toHaveLength(ref.greedy.length);
    infos.forEach((info, i) => {
      expect(info.text).toBe(deltas[i]);
      expect(info.top).toHaveLength(5);
      expect(info.prob).toBeCloseTo(info.top[0]?.prob ?? -1, 6);
      const probs = info.top.map((t) => t.prob);
      expect([...probs].sort((a, b) => b - a)).toEqual(probs);
      expect(probs.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1 + 1e-6);
    });
  });

  it('matches transformers.js generate() token for token', async () => {
    const ref = references[1];
    if (ref === undefined) throw new Error('no reference prompt');
    const enc = loaded.tokenizer(ref.prompt);
    const out = (await loaded.model.generate({ ...enc, max_new_tokens: 40, do_sample: false })) as Tensor;
    const ids = ((out.tolist() as bigint[][])[0] ?? []).map(Number).slice(enc.input_ids.dims[1]);
    const r = await quietRun(ref.prompt, { ...GREEDY, maxNewTokens: 40 });
    expect(r.text).toBe(loaded.tokenizer.decode(ids, { skip_special_tokens: true }));
  });

  it('stops at max new tokens', async () => {
    const ref = references[0];
    if (ref === undefined) throw new Error('no reference prompt');
    const r = await quietRun(ref.prompt, { ...GREEDY, maxNewTokens: 5 });
    expect(r.timings.generatedTokens).toBe(5);
    expect(r.text).toBe(loaded.tokenizer.decode(ref.greedy.slice(0, 5), { skip_special_tokens: true }));
  });

  it('a stop sequence ends the run at the token that completes it, and is cut from the text', async () => {
    const ref = references[0];
    if (ref === undefined) throw new Error('no reference prompt');
    const full = loaded.tokenizer.decode(ref.greedy, { skip_special_tokens: true });
    const stop = full.slice(10, 14);
    const s: Streamed = { deltas: [], prompts: [] };
    const r = await generateText(
      loaded,
      ref.prompt,
      { ...GREEDY, stopSequences: ['', stop] },
      { interrupted: false },
      hooks(s)
    );
    expect(r.text).toBe(full.slice(0, full.indexOf(stop)));
    expect(s.deltas.join('')).toContain(stop);
    expect(r.timings.generatedTokens).toBeLessThan(ref.greedy.length);
    expect(r.stopped).toBe(false);
  });

  it('an interrupt ends the run after the token in flight, marked stopped', async () => {
    const ref = references[0];
    if (ref === undefined) throw new Error('no reference prompt');
    const control = { interrupted: false };
    const s: Streamed = { deltas: [], prompts: [] };
    const r = await generateText(
      loaded,
      ref.prompt,
      GREEDY,
      control,
      hooks(s, (n) => {
        if (n === 3) control.interrupted = true;
      })
    );
    expect(r.timings.generatedTokens).toBe(3);
    expect(r.stopped).toBe(true);
    expect(r.text).toBe(loaded.tokenizer.decode(ref.greedy.slice(0, 3), { skip_special_tokens: true }));
  });

  it('sampling with top-k 1 is greedy; sampling at a high temperature still streams whole text', async () => {
    const ref = references[0];
    if (ref === undefined) throw new Error('no reference prompt');
    const k1 = await quietRun(ref.prompt, { ...GREEDY, temperature: 1.5, topK: 1, topP: 1 });
    expect(k1.text).toBe(loaded.tokenizer.decode(ref.greedy, { skip_special_tokens: true }));
    const s: Streamed = { deltas: [], prompts: [] };
    const hot = await generateText(
      loaded,
      ref.prompt,
      { ...GREEDY, maxNewTokens: 30, temperature: 2, topK: 0, topP: 0.95 },
      { interrupted: false },
      hooks(s)
    );
    expect(hot.timings.generatedTokens).toBeGreaterThan(0);
    // The streamed text is the final text, bar a character still split across tokens at the end.
    expect(hot.text.startsWith(s.deltas.join(''))).toBe(true);
  });

  it('calls beforeForward once per forward pass', async () => {
    let calls = 0;
    const r = await generateText(
      loaded,
      'Q: 1 + 1?\nA:',
      { ...GREEDY, maxNewTokens: 4 },
      { interrupted: false },
      {
        onPrompt: () => {},
        onToken: () => {},
        beforeForward: async () => {
          calls += 1;
        }
      }
    );
    expect(calls).toBe(r.timings.generatedTokens);
  });

  it("refuses a prompt past the model's context before reporting it or running the model", async () => {
    const s: Streamed = { deltas: [], prompts: [] };
    let forwards = 0;
    const run = generateText(
      loaded,
      'Q: 1 + 1?\nA:',
      { ...GREEDY, maxNewTokens: 2000 },
      { interrupted: false },
      {
        ...hooks(s),
        beforeForward: async () => {
          forwards += 1;
        }
      }
    );
    await expect(run).rejects.toBeInstanceOf(PromptTooLongError);
    await expect(run).rejects.toThrow(/2,000 new tokens were asked for/);
    expect(s.prompts).toEqual([]);
    expect(forwards).toBe(0);
  });
});
