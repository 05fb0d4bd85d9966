/**
 * Questions an evaluation sends to the engine as one batch (times the modes asked: 2 × 3 = 6 rows). A
 * step of this small model is bound by per-step overhead, so rows are nearly free up to a point; rows
 * that end early are still stepped (with masked filler) until the longest ends, which is what caps it.
 * On Chromium WASM batches measured slower than one at a time (0.49×: the KV cache is copied whole at every
 * step, padded to the longest row), so they are the default on WebGPU only (BENCHMARKS.md).
 */
export const EVAL_BATCH_QUESTIONS = 2;

/** Consecutive groups of at most `size` (≥ 1) items, in order. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const n = Math.max(1, Math.floor(size));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += n) out.push(items.slice(i, i + n));
  return out;
}
