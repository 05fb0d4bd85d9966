/**
 * Choosing the next token from one row of logits. Pure, so the sampling rules are tested without a model.
 * Greedy below temperature 0+; otherwise temperature, then top-k, then top-p (nucleus), then a draw.
 */

export interface SamplingParams {
  /** 0 means greedy. */
  temperature: number;
  /** Keep only the k most likely tokens; 0 keeps all. */
  topK: number;
  /** Keep the most likely tokens whose probabilities sum to at least topP (at least one); 1 keeps all. */
  topP: number;
}

export function argmax(logits: ArrayLike<number>): number {
  let best = 0;
  let bestValue = -Infinity;
  for (let i = 0; i < logits.length; i++) {
    const v = logits[i] ?? -Infinity;
    if (v > bestValue) {
      bestValue = v;
      best = i;
    }
  }
  return best;
}

/** Token ids with their probabilities, most likely first, after temperature, top-k and top-p. */
export function candidates(logits: ArrayLike<number>, params: SamplingParams): { ids: number[]; probs: number[] } {
  const ids = Array.from({ length: logits.length }, (_, i) => i);
  ids.sort((a, b) => (logits[b] ?? -Infinity) - (logits[a] ?? -Infinity));
  const k = params.topK > 0 ? Math.min(params.topK, ids.length) : ids.length;
  const kept = ids.slice(0, k);
  const top = (logits[kept[0] ?? 0] ?? 0) / params.temperature;
  const weights = kept.map((id) => Math.exp((logits[id] ?? -Infinity) / params.temperature - top));
  const sum = weights.reduce((a, b) => a + b, 0);
  let probs = weights.map((w) => w / sum);
  if (params.topP < 1) {
    let cumulative = 0;
    let n = 0;
    // At least one token survives, whatever topP is.
    while (n < probs.length && (n === 0 || cumulative < params.topP)) cumulative += probs[n++] ?? 0;
    const cut = probs.slice(0, n);
    const cutSum = cut.reduce((a, b) => a + b, 0);
    probs = cut.map((p) => p / cutSum);
    kept.length = n;
  }
  return { ids: kept, probs };
}

/** `random` returns a uniform float in [0, 1), like Math.random (the default). */
export function nextToken(
  logits: ArrayLike<number>,
  params: SamplingParams,
  random: () => number = Math.random
): number {
  if (!(params.temperature > 0)) return argmax(logits);
  const { ids, probs } = candidates(logits, params);
  let x = random();
  for (let i = 0; i < probs.length; i++) {
    x -= probs[i] ?? 0;
    if (x < 0) return ids[i] ?? 0;
  }
  // Rounding can leave a sliver of x: the last candidate takes it.
  return ids.at(-1) ?? 0;
}

/**
 * The model's own distribution at one step (softmax at temperature 1, whatever the sampling settings): the
 * chosen token's probability and the `k` most likely tokens, most likely first. One pass for the softmax and
 * one insertion per kept token, so it costs O(vocabulary × k), and nothing when the caller does not ask.
 */
export function topTokens(
  logits: ArrayLike<number>,
  k: number,
  chosen: number
): { prob: number; top: { id: number; prob: number }[] } {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i] ?? -Infinity);
  let sum = 0;
  const top: { id: number; logit: number }[] = [];
  for (let i = 0; i < logits.length; i++) {
    const l = logits[i] ?? -Infinity;
    sum += Math.exp(l - max);
    if (top.length < k || l > (top[top.length - 1]?.logit ?? -Infinity)) {
      let at = top.length;
      while (at > 0 && (top[at - 1]?.logit ?? Infinity) < l) at--;
      top.splice(at, 0, { id: i, logit: l });
      if (top.length > k) top.pop();
    }
  }
  const prob = (l: number): number => (sum > 0 ? Math.exp(l - max) / sum : 0);
  return {
    prob: prob(logits[chosen] ?? -Infinity),
    top: top.map((t) => ({ id: t.id, prob: prob(t.logit) }))
  };
}
