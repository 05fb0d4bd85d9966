/**
 * Questions an evaluation sends to the engine as one batch, one mode at a time: a mode's prompts are about
 * one length, so little of the batch's KV cache is padding. Measured on Chromium 156 WASM (BENCHMARKS.md):
 * mixing the modes in a batch of 2 questions ran at 0.51× one at a time (every row padded to the few-shot
 * prompt); one mode per batch runs at 0.95–1.00× for 4, 8 and 16 questions, a step's cost growing with its
 * rows there. Batches stay the default on a hardware GPU only, where a step is bound by dispatch overhead.
 */
export const EVAL_BATCH_QUESTIONS = 8;

/** Consecutive groups of at most `size` (≥ 1) items, in order. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const n = Math.max(1, Math.floor(size));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += n) out.push(items.slice(i, i + n));
  return out;
}
