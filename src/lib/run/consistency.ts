import type { GenParams } from '../core/types.ts';
import { clamp, clampInt } from '../core/values.ts';

/** Self-consistency's settings: how many chains, how hot, and the seed that makes them reproducible. */
export interface ConsistencySettings {
  k: number;
  temperature: number;
  seed: number;
}

/**
 * Wang et al. (2022) sampled 40 chains at T = 0.5–0.7 with top-k 40; five already carry most of the gain in
 * their figures, and five rows batch at little more than one row's price on a GPU.
 */
export const DEFAULT_CONSISTENCY: ConsistencySettings = { k: 5, temperature: 0.7, seed: 1 };
export const MAX_CHAINS = 16;
export const CHAIN_TOP_K = 40;

/** Settings as typed by a user, made valid: k a whole number in 2..16, T in (0, 2], the seed a whole number. */
export function sanitizeConsistency(
  patch: Partial<ConsistencySettings>,
  current: ConsistencySettings
): ConsistencySettings {
  return {
    k: patch.k === undefined ? current.k : clampInt(patch.k, 2, MAX_CHAINS, current.k),
    // A greedy chain k times is one chain k times: the temperature stays above zero.
    temperature:
      patch.temperature === undefined ? current.temperature : clamp(patch.temperature, 0.05, 2, current.temperature),
    seed: patch.seed === undefined ? current.seed : clampInt(patch.seed, 0, 2 ** 31 - 1, current.seed)
  };
}

/** The chains' decoding: the run's length and stops, sampled at the chains' temperature, top-k 40, seeded. */
export function chainParams(base: GenParams, s: ConsistencySettings): GenParams {
  return { ...base, temperature: s.temperature, topK: CHAIN_TOP_K, topP: 1, seed: s.seed };
}
