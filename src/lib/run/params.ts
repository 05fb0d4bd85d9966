import type { GenParams } from '../core/types.ts';
import { clamp, clampInt } from '../core/values.ts';

export const DEFAULT_PARAMS: GenParams = { maxNewTokens: 160, temperature: 0, topK: 20, topP: 0.95, stopSequences: [] };

/** The model writes Q/A pairs; a new line starting "Q:" means it has finished and is inventing the next question. */
export const NEXT_QUESTION_STOP = '\nQ:';

/** Half the bundled model's context; keeps a typo from queueing a minute-long run. The inputs show these too. */
export const MAX_NEW_TOKENS = 512;
export const MAX_TEMPERATURE = 2;

/** Decoding settings as typed by a user, made valid: whole numbers where needed, each within its range. */
export function sanitizeParams(patch: Partial<GenParams>, current: GenParams): Partial<GenParams> {
  const out: Partial<GenParams> = { ...patch };
  if (patch.maxNewTokens !== undefined)
    out.maxNewTokens = clampInt(patch.maxNewTokens, 1, MAX_NEW_TOKENS, current.maxNewTokens);
  if (patch.temperature !== undefined)
    out.temperature = clamp(patch.temperature, 0, MAX_TEMPERATURE, current.temperature);
  if (patch.topK !== undefined) out.topK = clampInt(patch.topK, 0, Number.MAX_SAFE_INTEGER, current.topK);
  if (patch.topP !== undefined) out.topP = clamp(patch.topP, 0, 1, current.topP);
  return out;
}
