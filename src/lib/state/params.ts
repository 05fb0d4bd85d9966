import type { GenParams } from '../engine/protocol.ts';

/** Half the bundled model's context; keeps a typo from queueing a minute-long run. The inputs show these too. */
export const MAX_NEW_TOKENS = 512;
export const MAX_TEMPERATURE = 2;

function finite(v: number, fallback: number): number {
  return Number.isFinite(v) ? v : fallback;
}

/** Decoding settings as typed by a user, made valid: whole numbers where needed, each within its range. */
export function sanitizeParams(patch: Partial<GenParams>, current: GenParams): Partial<GenParams> {
  const out: Partial<GenParams> = { ...patch };
  if (patch.maxNewTokens !== undefined)
    out.maxNewTokens = Math.min(
      MAX_NEW_TOKENS,
      Math.max(1, Math.round(finite(patch.maxNewTokens, current.maxNewTokens)))
    );
  if (patch.temperature !== undefined)
    out.temperature = Math.min(MAX_TEMPERATURE, Math.max(0, finite(patch.temperature, current.temperature)));
  if (patch.topK !== undefined) out.topK = Math.max(0, Math.round(finite(patch.topK, current.topK)));
  if (patch.topP !== undefined) out.topP = Math.min(1, Math.max(0, finite(patch.topP, current.topP)));
  return out;
}
