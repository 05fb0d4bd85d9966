/**
 * Questions an evaluation sends to the engine as one batch, one mode at a time: a mode's prompts are about
 * one length, so little of the batch's KV cache is padding (mixing the modes ran at 0.51× one at a time). On
 * Chromium WASM with one key/value head, rows stepped as one batch, ended rows cut out and the few-shot opening
 * computed once (BENCHMARKS.md, "Evaluations as one batch on WASM"), 24 questions a batch ran at 4.6 questions/s
 * against 4.3 for 16 and 2.1 one at a time.
 */
export const EVAL_BATCH_QUESTIONS = 24;

/** Consecutive groups of at most `size` (≥ 1) items, in order. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const n = Math.max(1, Math.floor(size));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += n) out.push(items.slice(i, i + n));
  return out;
}
