/** The three prompting modes, in the order the panes show them. Ids are used everywhere in the project. */
export const MODES = ['zero-shot-cot', 'few-shot-cot', 'answer-only'] as const;
export type Mode = (typeof MODES)[number];

export const MODE_LABELS: Record<Mode, string> = {
  'zero-shot-cot': 'Zero-shot CoT',
  'few-shot-cot': 'Few-shot CoT',
  'answer-only': 'Answer only'
};

export function isMode(value: unknown): value is Mode {
  return typeof value === 'string' && (MODES as readonly string[]).includes(value);
}
