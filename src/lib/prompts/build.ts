import type { Exemplar, PromptFormat } from './format.ts';
import type { EvalMode, Mode } from './modes.ts';

export interface PromptInput {
  question: string;
  /** Overrides the format's default exemplars (the app lets users edit them). */
  exemplars?: readonly Exemplar[];
  /** Overrides the zero-shot trigger. */
  trigger?: string;
  /** Overrides whether the mode uses exemplars. */
  useExemplars?: boolean;
}

/** Questions arrive pasted from anywhere: one line, single spaces, so the Q/A layout stays intact. */
export function cleanQuestion(question: string): string {
  return question.replace(/\s+/g, ' ').trim();
}

/** `{name}` placeholders filled from `values`; unknown names stay as written. */
export function fill(template: string, values: Record<string, string>): string {
  // One pass, so a value that itself contains `{question}` is never expanded again.
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

export function formatExemplar(format: PromptFormat, mode: EvalMode, ex: Exemplar): string {
  return fill(format.modes[mode].exemplar, {
    question: cleanQuestion(ex.question),
    rationale: ex.rationale.trim(),
    answer: ex.answer.trim()
  });
}

export function buildPrompt(format: PromptFormat, mode: EvalMode, input: PromptInput): string {
  const template = format.modes[mode];
  const use = input.useExemplars ?? template.useExemplars;
  const exemplars = use ? (input.exemplars ?? format.exemplars) : [];
  const block = exemplars.map((ex) => formatExemplar(format, mode, ex) + format.exemplarSeparator).join('');
  return fill(template.prompt, {
    exemplars: block,
    question: cleanQuestion(input.question),
    trigger: (input.trigger ?? format.trigger).trim()
  });
}

/** What the model is trained to write after a prompt of this mode. */
export function completion(mode: Mode, rationale: string, answer: string): string {
  switch (mode) {
    case 'zero-shot-cot':
    case 'few-shot-cot':
      return ` ${rationale.trim()}`;
    case 'answer-only':
      return ` ${answer}.`;
  }
}
