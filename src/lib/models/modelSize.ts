import { isRecord } from '../core/values.ts';
/** The config.json fields that fix a Llama's parameter count (Hugging Face names). */
interface LlamaShape {
  vocab: number;
  hidden: number;
  intermediate: number;
  layers: number;
  heads: number;
  kvHeads: number;
  headDim: number;
  tied: boolean;
}

function positiveInt(v: unknown): number | null {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 && v < 1e7 ? v : null;
}

function shapeOf(config: unknown): LlamaShape | null {
  if (!isRecord(config)) return null;
  const get = (key: string): unknown => (Object.hasOwn(config, key) ? config[key] : null);
  if (get('model_type') !== 'llama') return null;
  const vocab = positiveInt(get('vocab_size'));
  const hidden = positiveInt(get('hidden_size'));
  const intermediate = positiveInt(get('intermediate_size'));
  const layers = positiveInt(get('num_hidden_layers'));
  const heads = positiveInt(get('num_attention_heads'));
  const kvHeads = positiveInt(get('num_key_value_heads')) ?? heads;
  if (vocab === null || hidden === null || intermediate === null || layers === null || heads === null) return null;
  if (kvHeads === null) return null;
  const headDim = positiveInt(get('head_dim')) ?? hidden / heads;
  if (!Number.isInteger(headDim)) return null;
  return { vocab, hidden, intermediate, layers, heads, kvHeads, headDim, tied: get('tie_word_embeddings') === true };
}

/**
 * Parameters of a Llama (no biases) from its config.json, so the page states the bundled model's size from the
 * model's own files: embeddings, per layer attention + SwiGLU MLP + two RMSNorms, the final norm and the LM head.
 */
export function llamaParameterCount(config: unknown): number | null {
  const s = shapeOf(config);
  if (s === null) return null;
  const attention = s.hidden * s.heads * s.headDim * 2 + s.hidden * s.kvHeads * s.headDim * 2;
  const mlp = 3 * s.hidden * s.intermediate;
  const layer = attention + mlp + 2 * s.hidden;
  const embeddings = s.vocab * s.hidden;
  return embeddings + s.layers * layer + s.hidden + (s.tied ? 0 : embeddings);
}

/** The parameter count from a config.json URL; null when it cannot be read (the page then shows a dash). */
export async function fetchParameterCount(configUrl: string): Promise<number | null> {
  try {
    const res = await fetch(configUrl);
    return res.ok ? llamaParameterCount(await res.json()) : null;
  } catch {
    // The size is context for the comparison, never a reason to fail.
    return null;
  }
}
