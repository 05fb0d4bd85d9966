export {
  EVAL_MODES,
  MODES,
  MODE_LABELS,
  SELF_CONSISTENCY,
  isEvalMode,
  isMode,
  type EvalMode,
  type Mode
} from './modes.ts';
export { parsePromptFormat, PromptFormatError, type PromptFormat, type Exemplar, type ModeTemplate } from './format.ts';
export { buildPrompt, cleanQuestion, completion, formatExemplar, type PromptInput } from './build.ts';
export { extractAnswer, isCorrect, normalizeAnswer, promptTail } from './answer.ts';
export {
  chatMessages,
  chatModesProblem,
  renderChat,
  renderPrompt,
  TEMPLATE_DATE,
  type ChatMessage,
  type ChatModes,
  type ChatModeTemplate,
  type ChatPrompting,
  type ModelPrompts,
  type SpecialTokens
} from './chat.ts';
export { finalAnswer, opensThink, splitThink, type ThinkSplit } from './think.ts';
