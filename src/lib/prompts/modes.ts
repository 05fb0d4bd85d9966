/** The three prompting modes, in the order the panes show them. Ids are used everywhere in the project. */
export const MODES = ['zero-shot-cot', 'few-shot-cot', 'answer-only'] as const;
export type Mode = (typeof MODES)[number];

/**
 * Self-consistency (Wang et al. 2022): k zero-shot-CoT chains sampled and their answers put to a vote. In
 * evaluations, links, exports and charts it is a fourth mode; on a run it is a switch, and its chains show below
 * the three panes.
 */
export const SELF_CONSISTENCY = 'self-consistency';
export const EVAL_MODES = [...MODES, SELF_CONSISTENCY] as const;
export type EvalMode = (typeof EVAL_MODES)[number];

export const MODE_LABELS: Record<EvalMode, string> = {
  'zero-shot-cot': 'Zero-shot CoT',
  'few-shot-cot': 'Few-shot CoT',
  'answer-only': 'Answer only',
  'self-consistency': 'Self-consistency'
};

export function isMode(value: unknown): value is Mode {
  return typeof value === 'string' && (MODES as readonly string[]).includes(value);
}

export function isEvalMode(value: unknown): value is EvalMode {
  return typeof value === 'string' && (EVAL_MODES as readonly string[]).includes(value);
}
