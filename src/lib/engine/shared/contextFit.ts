const count = (n: number): string => n.toLocaleString('en-US');

/**
 * Why a prompt, with the new tokens asked for, would run past the positions the model was built for;
 * null when it fits or the model names no limit. The page checks it before Run, the worker again before
 * generating, with the same words.
 */
export function contextProblem(
  promptTokens: number,
  maxNewTokens: number,
  contextTokens: number | null
): string | null {
  if (contextTokens === null || promptTokens + maxNewTokens <= contextTokens) return null;
  if (promptTokens >= contextTokens)
    return `The prompt is ${count(promptTokens)} tokens but the model reads at most ${count(contextTokens)}: shorten the question or the exemplars.`;
  return `The prompt is ${count(promptTokens)} tokens and ${count(maxNewTokens)} new tokens were asked for, ${count(promptTokens + maxNewTokens)} in all, but the model reads at most ${count(contextTokens)}: lower Max new tokens to ${count(contextTokens - promptTokens)} or shorten the prompt.`;
}
