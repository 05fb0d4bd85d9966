import type { Dtype } from '../core/types.ts';
import type { ChatModes, ChatModeTemplate } from '../prompts/index.ts';

/**
 * How a catalog model is prompted. `prompts-json`: the model ships the project's own prompts.json (Q/A
 * text, no chat template). `chat`: its chat template (from its tokenizer_config.json) wraps these turns.
 */
export type CatalogPrompts = { kind: 'prompts-json' } | { kind: 'chat'; chat: ChatModes };

export interface CatalogEntry {
  /** Hub id (`org/name`); the bundled model's folder name for the bundled one. */
  id: string;
  label: string;
  source: 'bundled' | 'hub';
  /**
   * The revision files are fetched at. Every Hub entry says `main`: no commit hash was checked for this
   * catalog, and an invented one would 404. The app resolves `main` to the commit it downloads and keeps that.
   */
  revision: string;
  /** `model_type` in config.json, the architecture transformers.js must know. */
  architecture: string;
  parameters: string;
  /** Approximate download per dtype (weights plus tokenizer); the Hub's own sizes are shown before downloading. */
  approxBytes: Partial<Record<Dtype, number>>;
  /** Dtypes that suit each backend, best first: q4f16 needs the GPU's shader-f16, else q4. */
  webgpuDtypes: readonly Dtype[];
  wasmDtypes: readonly Dtype[];
  contextTokens: number;
  /** Whether prompts go through the model's chat template. */
  chat: boolean;
  /** Whether it writes its reasoning in <think>…</think> before answering. */
  thinks: boolean;
  prompts: CatalogPrompts;
}

const MB = 1_000_000;

/** Chat models write their own answer line; asking for it in the project's wording lets one pattern read all modes. */
const ANSWER_LINE = 'End with "The answer is" followed by the answer.';

/** One mode's turns; the defaults are a plain instruction turn with no exemplars and no thinking. */
function turn(patch: Partial<ChatModeTemplate>): ChatModeTemplate {
  return {
    user: `{question}\n${ANSWER_LINE}`,
    assistantPrefix: '',
    exemplarAssistant: '{rationale}',
    useExemplars: false,
    thinking: false,
    ...patch
  };
}

const ANSWER_ONLY = turn({ assistantPrefix: 'The answer is', exemplarAssistant: 'The answer is {answer}.' });

function instructModes(): ChatModes {
  // Kojima et al.'s trigger, written as the start of the model's own turn.
  const zeroShot = turn({ assistantPrefix: '{trigger}' });
  return {
    system: null,
    modes: {
      'zero-shot-cot': zeroShot,
      'few-shot-cot': turn({ useExemplars: true }),
      'answer-only': ANSWER_ONLY,
      // Self-consistency samples its chains from the zero-shot CoT turn.
      'self-consistency': zeroShot
    }
  };
}

/**
 * Qwen3 thinks unless its template's `enable_thinking` is false: the CoT modes think, answer-only gets the
 * empty think block Qwen3 uses for "no thinking" and starts the answer sentence.
 */
function qwen3Modes(): ChatModes {
  const zeroShot = turn({ user: `{question}\n{trigger} ${ANSWER_LINE}`, thinking: true });
  return {
    system: null,
    modes: {
      'zero-shot-cot': zeroShot,
      'few-shot-cot': turn({ useExemplars: true, thinking: true }),
      'answer-only': ANSWER_ONLY,
      'self-consistency': zeroShot
    }
  };
}

/**
 * DeepSeek-R1 distills always think (their template opens `<think>` itself) and are meant to get no system
 * turn. Answer-only closes the think block at once, as Qwen3 does when thinking is off.
 */
function r1Modes(): ChatModes {
  const base = qwen3Modes();
  return {
    system: null,
    modes: {
      ...base.modes,
      'answer-only': { ...base.modes['answer-only'], assistantPrefix: '\n</think>\n\nThe answer is' }
    }
  };
}

/** A Hub chat model; the ONNX repos transformers.js uses ship q4f16 and q4 for WebGPU, q8 and q4 for WASM. */
const hub = (e: Omit<CatalogEntry, 'source' | 'revision' | 'chat' | 'webgpuDtypes' | 'wasmDtypes'>): CatalogEntry => ({
  ...e,
  source: 'hub',
  revision: 'main',
  chat: true,
  webgpuDtypes: ['q4f16', 'q4'],
  wasmDtypes: ['q8', 'q4']
});

/** The models the app offers, the bundled student first (the default). The single source of model descriptors. */
export const CATALOG: readonly CatalogEntry[] = [
  {
    id: 'think-small-3m',
    label: 'Think Small 3M (bundled)',
    source: 'bundled',
    revision: 'bundled',
    architecture: 'llama',
    parameters: '3M',
    approxBytes: { q8: 3.6 * MB, q4: 2.9 * MB, fp32: 11.4 * MB },
    webgpuDtypes: ['q4', 'q8', 'fp32'],
    wasmDtypes: ['q8', 'fp32', 'q4'],
    contextTokens: 1024,
    chat: false,
    thinks: false,
    prompts: { kind: 'prompts-json' }
  },
  hub({
    id: 'HuggingFaceTB/SmolLM2-360M-Instruct',
    label: 'SmolLM2 360M Instruct',
    architecture: 'llama',
    parameters: '360M',
    approxBytes: { q4f16: 270 * MB, q4: 380 * MB, q8: 390 * MB },
    contextTokens: 8192,
    thinks: false,
    prompts: { kind: 'chat', chat: instructModes() }
  }),
  hub({
    id: 'onnx-community/Qwen2.5-0.5B-Instruct',
    label: 'Qwen2.5 0.5B Instruct',
    architecture: 'qwen2',
    parameters: '0.5B',
    approxBytes: { q4f16: 480 * MB, q4: 790 * MB, q8: 500 * MB },
    contextTokens: 32768,
    thinks: false,
    prompts: { kind: 'chat', chat: instructModes() }
  }),
  hub({
    id: 'onnx-community/Qwen3-0.6B-ONNX',
    label: 'Qwen3 0.6B (thinking)',
    architecture: 'qwen3',
    parameters: '0.6B',
    approxBytes: { q4f16: 570 * MB, q4: 920 * MB, q8: 620 * MB },
    contextTokens: 40960,
    thinks: true,
    prompts: { kind: 'chat', chat: qwen3Modes() }
  }),
  hub({
    id: 'onnx-community/Llama-3.2-1B-Instruct',
    label: 'Llama 3.2 1B Instruct',
    architecture: 'llama',
    parameters: '1.2B',
    approxBytes: { q4f16: 1_000 * MB, q4: 1_700 * MB, q8: 1_300 * MB },
    contextTokens: 131072,
    thinks: false,
    prompts: { kind: 'chat', chat: instructModes() }
  }),
  hub({
    id: 'onnx-community/Qwen2.5-1.5B-Instruct',
    label: 'Qwen2.5 1.5B Instruct',
    architecture: 'qwen2',
    parameters: '1.5B',
    approxBytes: { q4f16: 1_100 * MB, q4: 1_600 * MB, q8: 1_600 * MB },
    contextTokens: 32768,
    thinks: false,
    prompts: { kind: 'chat', chat: instructModes() }
  }),
  hub({
    id: 'onnx-community/DeepSeek-R1-Distill-Qwen-1.5B-ONNX',
    label: 'DeepSeek-R1 Distill Qwen 1.5B (thinking)',
    architecture: 'qwen2',
    parameters: '1.5B',
    approxBytes: { q4f16: 1_300 * MB, q4: 1_800 * MB, q8: 1_800 * MB },
    contextTokens: 131072,
    thinks: true,
    prompts: { kind: 'chat', chat: r1Modes() }
  }),
  hub({
    id: 'HuggingFaceTB/SmolLM2-1.7B-Instruct',
    label: 'SmolLM2 1.7B Instruct',
    architecture: 'llama',
    parameters: '1.7B',
    approxBytes: { q4f16: 1_100 * MB, q4: 1_500 * MB, q8: 1_800 * MB },
    contextTokens: 8192,
    thinks: false,
    prompts: { kind: 'chat', chat: instructModes() }
  })
];

/** How any other chat model from the Hub is prompted: the plain instruction-model turns. */
export const GENERIC_CHAT: ChatModes = instructModes();

export function catalogEntry(id: string): CatalogEntry | null {
  return CATALOG.find((e) => e.id === id) ?? null;
}

/** Chat models answer in their own words; the pattern takes "The answer is …" or a LaTeX \boxed{…}. */
export const CHAT_ANSWER_PATTERN = String.raw`(?:[Tt]he answer is:?\s*|\\boxed\{)\**(.+?)\**\s*(?:\}|\.(?:\s|$)|\n|$)`;
