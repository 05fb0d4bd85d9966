import type { PromptFormat } from '$lib/prompts/format.ts';

/** A complete prompt format, written out here so the expected strings below can be read off it. */
export const FORMAT: PromptFormat = {
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
    'self-consistency': {
      exemplar: 'Q: {question}\nA: {rationale}',
      prompt: '{exemplars}Q: {question}\nA: {trigger}',
      useExemplars: false
    }
  },
  exemplars: [
    {
      question: 'Ana has 2 pens. She buys 3 more. How many pens?',
      rationale: '2 + 3 = 5. The answer is 5.',
      answer: '5'
    },
    {
      question: 'Take the last letters of "Bo Kim".',
      rationale: '"Bo" ends with "o". "Kim" ends with "m". The answer is om.',
      answer: 'om'
    }
  ]
};

export const EX1 = 'Q: Ana has 2 pens. She buys 3 more. How many pens?\nA: 2 + 3 = 5. The answer is 5.\n\n';
export const EX2 =
  'Q: Take the last letters of "Bo Kim".\nA: "Bo" ends with "o". "Kim" ends with "m". The answer is om.\n\n';
export const EX1_ANSWER_ONLY = 'Q: Ana has 2 pens. She buys 3 more. How many pens?\nA: The answer is 5.\n\n';
export const EX2_ANSWER_ONLY = 'Q: Take the last letters of "Bo Kim".\nA: The answer is om.\n\n';

/** A fresh, JSON-shaped copy to mutate in the parser's tests. */
export function formatJson(): Record<string, unknown> {
  return JSON.parse(JSON.stringify(FORMAT)) as Record<string, unknown>;
}
