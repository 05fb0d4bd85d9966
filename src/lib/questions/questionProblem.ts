/**
 * Longer questions cannot fit the model's context in any tokenization (a token covers at least one
 * character), and tokenizing megabytes on every keystroke would stall the worker; the token-exact
 * check happens in the engine before each run.
 */
export const MAX_QUESTION_CHARS = 16_000;

/** Why the question cannot be run as it is, in words for the user; null when it can. */
export function questionProblem(question: string): string | null {
  if (question.trim() === '') return 'Type a question to run the three modes.';
  if (question.length > MAX_QUESTION_CHARS)
    return `The question is ${question.length.toLocaleString('en-US')} characters; at most ${MAX_QUESTION_CHARS.toLocaleString('en-US')} fit the model's context.`;
  return null;
}
