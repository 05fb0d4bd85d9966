import { CHAT_ANSWER_PATTERN } from './catalog.ts';
import type { PromptFormat } from '../prompts/index.ts';

/** A chat model keeps the project's trigger and exemplars but answers in its own words. */
export function chatFormat(base: PromptFormat): PromptFormat {
  return { ...base, answerPattern: CHAT_ANSWER_PATTERN };
}
