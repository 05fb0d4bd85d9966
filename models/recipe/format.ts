import type { PromptFormat } from '$lib/prompts/format.ts';

/** The prompt formats the student is trained on; written into the model folder as prompts.json. */
export const STUDENT_FORMAT: Omit<PromptFormat, 'exemplars'> = {
  version: 1,
  trigger: "Let's think step by step.",
  exemplarSeparator: '\n\n',
  answerPattern: 'The answer is:?\\s*(.+?)\\s*(?:\\.(?:\\s|$)|\\n|$)',
  modes: {
    'zero-shot-cot': {
      exemplar: 'Q: {question}\nA: {rationale}',
      prompt: '{exemplars}Q: {question}\nA: {trigger}',
      useExemplars: false
    },
    'few-shot-cot': {
      exemplar: 'Q: {question}\nA: {rationale}',
      prompt: '{exemplars}Q: {question}\nA:',
      useExemplars: true
    },
    'answer-only': {
      exemplar: 'Q: {question}\nA: The answer is {answer}.',
      prompt: '{exemplars}Q: {question}\nA: The answer is',
      useExemplars: false
    },
    // The chains self-consistency samples and votes on: zero-shot CoT's prompt.
    'self-consistency': {
      exemplar: 'Q: {question}\nA: {rationale}',
      prompt: '{exemplars}Q: {question}\nA: {trigger}',
      useExemplars: false
    }
  }
};

/** Other ways people ask for reasoning; a few in training keep an edited trigger from derailing the student. */
export const TRIGGER_VARIANTS = [
  "Let's think step by step.",
  "Let's work this out step by step.",
  "Let's think about this step by step.",
  "Let's solve it step by step.",
  'Think step by step.'
];
