import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dtypeFile } from '$lib/engine/shared/device.ts';
import { bundledModel } from '$lib/models/bundled.ts';
import { CATALOG, CHAT_ANSWER_PATTERN, catalogEntry, type CatalogEntry } from '$lib/models/catalog.ts';
import {
  MODES,
  buildPrompt,
  chatModesProblem,
  extractAnswer,
  parsePromptFormat,
  promptTail,
  renderPrompt,
  type EvalMode,
  type Mode,
  type ModelPrompts,
  type SpecialTokens
} from '$lib/prompts/index.ts';
import { chatFormat } from '$lib/models/chatFormat.ts';

const base = parsePromptFormat(
  JSON.parse(readFileSync(join(process.cwd(), 'models/think-small-3m/prompts.json'), 'utf8'))
);

/** The real chat templates of the catalog's families, as their tokenizer_config.json ships them. */
function template(name: string): string {
  return readFileSync(join(process.cwd(), `tests/unit/models/templates/${name}.jinja`), 'utf8').replace(/\n$/, '');
}

interface Family {
  template: string;
  tokens: SpecialTokens;
}
const SMOLLM2: Family = {
  template: template('smollm2'),
  tokens: { bos_token: '<|im_start|>', eos_token: '<|im_end|>' }
};
const QWEN25: Family = {
  template: template('qwen2.5'),
  tokens: { eos_token: '<|im_end|>', pad_token: '<|endoftext|>' }
};
const QWEN3: Family = { template: template('qwen3'), tokens: { eos_token: '<|im_end|>', pad_token: '<|endoftext|>' } };
const LLAMA32: Family = {
  template: template('llama3.2'),
  tokens: { bos_token: '<|begin_of_text|>', eos_token: '<|eot_id|>' }
};
const R1: Family = {
  template: template('deepseek-r1-distill'),
  tokens: { bos_token: '<｜begin▁of▁sentence｜>', eos_token: '<｜end▁of▁sentence｜>' }
};

const Q = 'What is 12 plus 5?';
const ASK = 'What is 12 plus 5?\nEnd with "The answer is" followed by the answer.';
const EX_Q =
  'There were 33 dollars in Ruby\'s room. She received 23 more dollars. Then she won 31 more. How many dollars does Ruby have left?\nEnd with "The answer is" followed by the answer.';
const EX_A = '33 + 23 = 56 after getting 23 more. 56 + 31 = 87 after getting 31 more. The answer is 87.';

const chatml = (system: string | null, turns: [string, string][], prefix: string): string =>
  (system === null ? '' : `<|im_start|>system\n${system}<|im_end|>\n`) +
  turns.map(([role, text]) => `<|im_start|>${role}\n${text}<|im_end|>\n`).join('') +
  `<|im_start|>assistant\n${prefix}`;

const SMOL_SYSTEM = 'You are a helpful AI assistant named SmolLM, trained by Hugging Face';
const QWEN_SYSTEM = 'You are Qwen, created by Alibaba Cloud. You are a helpful assistant.';
const LLAMA_HEAD =
  '<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nCutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n<|eot_id|>';
const llamaTurn = (role: string, text: string): string =>
  `<|start_header_id|>${role}<|end_header_id|>\n\n${text}<|eot_id|>`;
const LLAMA_GEN = '<|start_header_id|>assistant<|end_header_id|>\n\n';

/** The exact text each mode sends, per template family (few-shot with the first exemplar only). */
const EXPECTED: Record<string, Record<Mode, string>> = {
  smollm2: {
    'zero-shot-cot': chatml(SMOL_SYSTEM, [['user', ASK]], "Let's think step by step."),
    'few-shot-cot': chatml(
      SMOL_SYSTEM,
      [
        ['user', EX_Q],
        ['assistant', EX_A],
        ['user', ASK]
      ],
      ''
    ),
    'answer-only': chatml(SMOL_SYSTEM, [['user', ASK]], 'The answer is')
  },
  qwen25: {
    'zero-shot-cot': chatml(QWEN_SYSTEM, [['user', ASK]], "Let's think step by step."),
    'few-shot-cot': chatml(
      QWEN_SYSTEM,
      [
        ['user', EX_Q],
        ['assistant', EX_A],
        ['user', ASK]
      ],
      ''
    ),
    'answer-only': chatml(QWEN_SYSTEM, [['user', ASK]], 'The answer is')
  },
  qwen3: {
    'zero-shot-cot': chatml(
      null,
      [['user', 'What is 12 plus 5?\nLet\'s think step by step. End with "The answer is" followed by the answer.']],
      ''
    ),
    'few-shot-cot': chatml(
      null,
      [
        ['user', EX_Q],
        ['assistant', EX_A],
        ['user', ASK]
      ],
      ''
    ),
    'answer-only': chatml(null, [['user', ASK]], '<think>\n\n</think>\n\nThe answer is')
  },
  llama32: {
    'zero-shot-cot': LLAMA_HEAD + llamaTurn('user', ASK) + LLAMA_GEN + "Let's think step by step.",
    'few-shot-cot':
      LLAMA_HEAD + llamaTurn('user', EX_Q) + llamaTurn('assistant', EX_A) + llamaTurn('user', ASK) + LLAMA_GEN,
    'answer-only': LLAMA_HEAD + llamaTurn('user', ASK) + LLAMA_GEN + 'The answer is'
  },
  r1: {
    'zero-shot-cot':
      '<｜begin▁of▁sentence｜><｜User｜>What is 12 plus 5?\nLet\'s think step by step. End with "The answer is" followed by the answer.<｜Assistant｜><think>\n',
    'few-shot-cot': `<｜begin▁of▁sentence｜><｜User｜>${EX_Q}<｜Assistant｜>${EX_A}<｜end▁of▁sentence｜><｜User｜>${ASK}<｜Assistant｜><think>\n`,
    'answer-only': `<｜begin▁of▁sentence｜><｜User｜>${ASK}<｜Assistant｜><think>\n\n</think>\n\nThe answer is`
  }
};

const FAMILY_OF: Record<string, [string, Family]> = {
  'HuggingFaceTB/SmolLM2-360M-Instruct': ['smollm2', SMOLLM2],
  'HuggingFaceTB/SmolLM2-1.7B-Instruct': ['smollm2', SMOLLM2],
  'onnx-community/Qwen2.5-0.5B-Instruct': ['qwen25', QWEN25],
  'onnx-community/Qwen2.5-1.5B-Instruct': ['qwen25', QWEN25],
  'onnx-community/Qwen3-0.6B-ONNX': ['qwen3', QWEN3],
  'onnx-community/Llama-3.2-1B-Instruct': ['llama32', LLAMA32],
  'onnx-community/DeepSeek-R1-Distill-Qwen-1.5B-ONNX': ['r1', R1]
};

function promptsOf(entry: CatalogEntry): ModelPrompts {
  if (entry.prompts.kind === 'prompts-json') return { format: base, chat: null };
  const family = FAMILY_OF[entry.id];
  if (family === undefined) throw new Error(`no template fixture for ${entry.id}`);
  const [, f] = family;
  return { format: chatFormat(base), chat: { template: f.template, tokens: f.tokens, turns: entry.prompts.chat } };
}

const input = { question: Q, exemplars: base.exemplars.slice(0, 1) };

describe('the catalog', () => {
  it('starts with the bundled model, the default', () => {
    expect(CATALOG[0]?.source).toBe('bundled');
    expect(CATALOG[0]?.id).toBe('think-small-3m');
  });
  it('names exactly the weight files each bundled model ships, and the app loads those', () => {
    for (const e of CATALOG.filter((x) => x.source === 'bundled')) {
      const listed = [...new Set([...e.wasmDtypes, ...e.webgpuDtypes])].map((d) => dtypeFile(d)).sort();
      expect(listed).toEqual(readdirSync(join(process.cwd(), 'models', e.id, 'onnx')).sort());
    }
    expect([...bundledModel('http://localhost').dtypes].sort()).toEqual(['fp32', 'q4', 'q8']);
  });
  it('has unique ids and well-formed Hub ids', () => {
    expect(new Set(CATALOG.map((e) => e.id)).size).toBe(CATALOG.length);
    for (const e of CATALOG.filter((x) => x.source === 'hub')) expect(e.id).toMatch(/^[\w.-]+\/[\w.-]+$/);
  });
  it('pins no invented commit: a revision is main or a full 40-hex hash', () => {
    for (const e of CATALOG.filter((x) => x.source === 'hub')) expect(e.revision).toMatch(/^(main|[0-9a-f]{40})$/);
  });
  it('offers q4f16 only on WebGPU and q4/q8 on WASM', () => {
    for (const e of CATALOG) {
      expect(e.wasmDtypes).not.toContain('q4f16');
      expect(e.wasmDtypes.length).toBeGreaterThan(0);
      expect(e.webgpuDtypes.length).toBeGreaterThan(0);
    }
  });
  it('marks the reasoning models as thinking chat models', () => {
    const thinking = CATALOG.filter((e) => e.thinks).map((e) => e.id);
    expect(thinking).toEqual(['onnx-community/Qwen3-0.6B-ONNX', 'onnx-community/DeepSeek-R1-Distill-Qwen-1.5B-ONNX']);
    for (const e of CATALOG) expect(e.chat).toBe(e.prompts.kind === 'chat');
  });
  it("samples self-consistency's chains from each model's zero-shot CoT prompt", () => {
    for (const e of CATALOG) {
      const p = promptsOf(e);
      const plain = (m: EvalMode): string => buildPrompt(p.format, m, input);
      expect(renderPrompt(p, 'self-consistency', input, plain), e.id).toBe(
        renderPrompt(p, 'zero-shot-cot', input, plain)
      );
    }
  });
  it('names only the placeholders each chat turn is given', () => {
    for (const e of CATALOG) if (e.prompts.kind === 'chat') expect(chatModesProblem(e.prompts.chat)).toBeNull();
  });
  it('finds entries by id', () => {
    expect(catalogEntry('onnx-community/Qwen3-0.6B-ONNX')?.thinks).toBe(true);
    expect(catalogEntry('nobody/nothing')).toBeNull();
  });
});

describe('every catalog entry sends the exact prompt of each mode', () => {
  it('the bundled model: its prompts.json, Q/A text without a template', () => {
    const entry = CATALOG[0];
    if (entry === undefined) throw new Error('empty catalog');
    const p = promptsOf(entry);
    const plain = (m: EvalMode): string => buildPrompt(base, m, input);
    expect(renderPrompt(p, 'zero-shot-cot', input, plain)).toBe("Q: What is 12 plus 5?\nA: Let's think step by step.");
    expect(renderPrompt(p, 'few-shot-cot', input, plain)).toBe(
      `Q: There were 33 dollars in Ruby's room. She received 23 more dollars. Then she won 31 more. How many dollars does Ruby have left?\nA: ${EX_A}\n\nQ: What is 12 plus 5?\nA:`
    );
    expect(renderPrompt(p, 'answer-only', input, plain)).toBe('Q: What is 12 plus 5?\nA: The answer is');
  });

  for (const entry of CATALOG.filter((e) => e.prompts.kind === 'chat')) {
    for (const mode of MODES) {
      it(`${entry.id}: ${mode}, through its chat template`, () => {
        const family = FAMILY_OF[entry.id];
        if (family === undefined) throw new Error(`no template fixture for ${entry.id}`);
        const sent = renderPrompt(promptsOf(entry), mode, input, () => 'unused');
        expect(sent).toBe(EXPECTED[family[0]]?.[mode]);
      });
    }
  }

  it("answer-only's lead-in reads back as the answer for every chat entry", () => {
    for (const entry of CATALOG.filter((e) => e.prompts.kind === 'chat')) {
      const p = promptsOf(entry);
      const sent = renderPrompt(p, 'answer-only', input, () => '');
      expect(promptTail(sent)).toBe('The answer is');
      expect(extractAnswer(p.format, ' 17.', promptTail(sent))).toBe('17');
    }
  });
});

describe('the chat answer pattern', () => {
  const format = { ...base, answerPattern: CHAT_ANSWER_PATTERN };
  it('reads "The answer is"', () => expect(extractAnswer(format, 'So 12 + 5 = 17. The answer is 17.')).toBe('17'));
  it('reads a bold answer', () => expect(extractAnswer(format, 'The answer is **17**.')).toBe('17'));
  it('reads \\boxed{}', () => expect(extractAnswer(format, 'Hence \\boxed{17}')).toBe('17'));
});
