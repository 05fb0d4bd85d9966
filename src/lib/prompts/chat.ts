import { Template } from '@huggingface/jinja';
import { cleanQuestion, fill, type PromptInput } from './build.ts';
import type { PromptFormat } from './format.ts';
import { EVAL_MODES, type EvalMode } from './modes.ts';

/** How one mode talks to a chat model: its turns and the text the assistant's turn is made to start with. */
export interface ChatModeTemplate {
  /** The user's turn (also each exemplar's); `{question}`, `{trigger}`. */
  user: string;
  /** Written after the template's generation prompt, so the model continues it; `{trigger}`. */
  assistantPrefix: string;
  /** Each exemplar's assistant turn; `{rationale}`, `{answer}`. */
  exemplarAssistant: string;
  useExemplars: boolean;
  /** For templates with a thinking switch (Qwen3's `enable_thinking`): whether this mode may think. */
  thinking: boolean;
}

export interface ChatModes {
  /** A system turn, or null to keep the template's default. */
  system: string | null;
  modes: Record<EvalMode, ChatModeTemplate>;
}

/** The special tokens a template may print, as transformers.js passes them (from tokenizer_config.json). */
export interface SpecialTokens {
  bos_token?: string;
  eos_token?: string;
  unk_token?: string;
  pad_token?: string;
}

export interface ChatPrompting {
  template: string;
  tokens: SpecialTokens;
  turns: ChatModes;
}

/** Everything needed to write a model's three prompts: its Q/A format, and its chat template when it has one. */
export interface ModelPrompts {
  format: PromptFormat;
  chat: ChatPrompting | null;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/**
 * Llama 3.x templates print today's date when the renderer offers `strftime_now`; a fixed date keeps a
 * prompt, its token count and an evaluation reproducible from one day to the next.
 */
export const TEMPLATE_DATE = '26 Jul 2024';

export function chatMessages(chat: ChatModes, format: PromptFormat, mode: EvalMode, input: PromptInput): ChatMessage[] {
  const m = chat.modes[mode];
  const trigger = (input.trigger ?? format.trigger).trim();
  const use = input.useExemplars ?? m.useExemplars;
  const exemplars = use ? (input.exemplars ?? format.exemplars) : [];
  const out: ChatMessage[] = chat.system === null ? [] : [{ role: 'system', content: chat.system }];
  for (const ex of exemplars) {
    out.push({ role: 'user', content: fill(m.user, { question: cleanQuestion(ex.question), trigger }) });
    out.push({
      role: 'assistant',
      content: fill(m.exemplarAssistant, { rationale: ex.rationale.trim(), answer: ex.answer.trim() })
    });
  }
  out.push({ role: 'user', content: fill(m.user, { question: cleanQuestion(input.question), trigger }) });
  return out;
}

// Parsing a template is the slow part; the page re-renders on every keystroke.
const compiled = new Map<string, Template>();

function compile(source: string): Template {
  let t = compiled.get(source);
  if (t === undefined) {
    t = new Template(source);
    compiled.set(source, t);
  }
  return t;
}

/** Renders like transformers.js's `apply_chat_template(..., { tokenize: false, add_generation_prompt: true })`. */
export function renderChat(
  template: string,
  tokens: SpecialTokens,
  messages: ChatMessage[],
  thinking: boolean
): string {
  return compile(template).render({
    messages,
    add_generation_prompt: true,
    tools: null,
    documents: null,
    ...tokens,
    enable_thinking: thinking,
    date_string: TEMPLATE_DATE
  });
}

/** The exact text a mode sends: through the chat template when the model has one, else the Q/A format. */
export function renderPrompt(
  prompts: ModelPrompts,
  mode: EvalMode,
  input: PromptInput,
  plain: (mode: EvalMode) => string
): string {
  const chat = prompts.chat;
  if (chat === null) return plain(mode);
  const m = chat.turns.modes[mode];
  const text = renderChat(
    chat.template,
    chat.tokens,
    chatMessages(chat.turns, prompts.format, mode, input),
    m.thinking
  );
  return text + fill(m.assistantPrefix, { trigger: (input.trigger ?? prompts.format.trigger).trim() });
}

/** Whether every mode's template names only the placeholders it is given. */
export function chatModesProblem(chat: ChatModes): string | null {
  for (const mode of EVAL_MODES) {
    const m = chat.modes[mode];
    for (const [field, text, allowed] of [
      ['user', m.user, ['question', 'trigger']],
      ['assistantPrefix', m.assistantPrefix, ['trigger']],
      ['exemplarAssistant', m.exemplarAssistant, ['rationale', 'answer']]
    ] as const) {
      for (const [, key] of text.matchAll(/\{(\w+)\}/g))
        if (key !== undefined && !(allowed as readonly string[]).includes(key))
          return `${mode}.${field} names {${key}}, which it is not given`;
    }
  }
  return null;
}
