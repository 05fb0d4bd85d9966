import { extractAnswer, promptTail } from './answer.ts';
import type { PromptFormat } from './format.ts';

/** A reasoning model's output, split into what it wrote inside <think>…</think> and the answer after it. */
export interface ThinkSplit {
  /** The reasoning, or null when the run has no think block. */
  thinking: string | null;
  answer: string;
  /** Whether the think block has ended (false while the model is still thinking or ran out of tokens). */
  closed: boolean;
}

const OPEN = '<think>';
const CLOSE = '</think>';

/** Whether the prompt leaves a think block open, as DeepSeek-R1's template does (it ends with `<think>\n`). */
export function opensThink(prompt: string): boolean {
  return prompt.lastIndexOf(OPEN) > prompt.lastIndexOf(CLOSE);
}

export function splitThink(generated: string, openInPrompt: boolean): ThinkSplit {
  let rest = generated;
  if (!openInPrompt) {
    const start = rest.trimStart();
    if (!start.startsWith(OPEN)) return { thinking: null, answer: generated, closed: false };
    rest = start.slice(OPEN.length);
  }
  const end = rest.indexOf(CLOSE);
  if (end === -1) return { thinking: rest.trim(), answer: '', closed: false };
  return { thinking: rest.slice(0, end).trim(), answer: rest.slice(end + CLOSE.length).trimStart(), closed: true };
}

/**
 * The answer a run commits to. A reasoning model's answer is read after its think block (the reasoning
 * may try out other numbers on the way), and there is none while the block is still open; other models
 * are read with the prompt's tail in front, as answer-only prompts end inside the answer sentence.
 */
export function finalAnswer(format: PromptFormat, prompt: string, generated: string): string | null {
  const think = splitThink(generated, opensThink(prompt));
  if (think.thinking !== null) return think.closed ? extractAnswer(format, think.answer) : null;
  return extractAnswer(format, generated, promptTail(prompt));
}
