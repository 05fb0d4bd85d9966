import { PromptTooLongError } from '../shared/errors.ts';

/** The model's context length from its config.json (`max_position_embeddings` for Llama), or null if it names none. */
export function contextTokensOf(config: unknown): number | null {
  if (typeof config !== 'object' || config === null) return null;
  for (const key of ['max_position_embeddings', 'n_positions', 'max_seq_len']) {
    const value: unknown = (config as Record<string, unknown>)[key];
    if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  }
  return null;
}

const count = (n: number): string => n.toLocaleString('en-US');

/**
 * Refuses a prompt that, with the new tokens asked for, would run past the positions the model was
 * built for; checked after tokenizing and before any generation, with the counts in the message.
 */
export function assertFitsContext(promptTokens: number, maxNewTokens: number, contextTokens: number | null): void {
  if (contextTokens === null || promptTokens + maxNewTokens <= contextTokens) return;
  if (promptTokens >= contextTokens)
    throw new PromptTooLongError(
      `The prompt is ${count(promptTokens)} tokens but the model reads at most ${count(contextTokens)}: shorten the question or the exemplars.`
    );
  throw new PromptTooLongError(
    `The prompt is ${count(promptTokens)} tokens and ${count(maxNewTokens)} new tokens were asked for, ${count(promptTokens + maxNewTokens)} in all, but the model reads at most ${count(contextTokens)}: lower Max new tokens to ${count(contextTokens - promptTokens)} or shorten the prompt.`
  );
}
