import { contextProblem } from '../shared/contextFit.ts';
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

/** Refuses a prompt that would not fit the model's context; checked after tokenizing and before any generation. */
export function assertFitsContext(promptTokens: number, maxNewTokens: number, contextTokens: number | null): void {
  const problem = contextProblem(promptTokens, maxNewTokens, contextTokens);
  if (problem !== null) throw new PromptTooLongError(problem);
}
