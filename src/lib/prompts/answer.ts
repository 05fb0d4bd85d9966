import type { PromptFormat } from './format.ts';

/**
 * The answer a generation commits to: the first match of the format's answer pattern.
 * Answer-only prompts end inside the answer sentence, so the prompt's tail is prepended.
 */
export function extractAnswer(
  format: Pick<PromptFormat, 'answerPattern'>,
  generated: string,
  promptTail = ''
): string | null {
  const re = new RegExp(format.answerPattern);
  const m = re.exec(promptTail + generated);
  const raw = m?.[1];
  if (raw === undefined) return null;
  const cleaned = normalizeAnswer(raw);
  return cleaned === '' ? null : cleaned;
}

/** Canonical form for comparison: lowercase, no quotes or trailing dot, numbers without commas or `.0`. */
export function normalizeAnswer(answer: string): string {
  let a = answer.trim().toLowerCase();
  a = a
    .replace(/^["'“”‘’`]+|["'“”‘’`]+$/g, '')
    .replace(/[.!]+$/, '')
    .trim();
  a = a.replace(/^["'“”‘’`]+|["'“”‘’`]+$/g, '');
  const num = a.replace(/[$,\s]/g, '');
  if (/^-?\d+(\.0+)?$/.test(num)) return String(Number(num));
  return a;
}

export function isCorrect(predicted: string | null, gold: string): boolean {
  return predicted !== null && predicted === normalizeAnswer(gold);
}

/**
 * Where the model's own turn starts: `A:` in a Q/A prompt; for chat templates the generation prompt
 * (ChatML, Llama 3, DeepSeek) and a think block the prompt opened or closed itself.
 */
const TURN_STARTS = [
  'A:',
  '<|im_start|>assistant\n',
  '<|start_header_id|>assistant<|end_header_id|>\n\n',
  '<｜Assistant｜>',
  '<think>\n',
  '</think>\n\n'
] as const;

/** The text after the model's turn starts: what the answer pattern must see in front of the generation. */
export function promptTail(prompt: string): string {
  let end = -1;
  for (const marker of TURN_STARTS) {
    const at = prompt.lastIndexOf(marker);
    if (at !== -1) end = Math.max(end, at + marker.length);
  }
  return end === -1 ? '' : prompt.slice(end).trimStart();
}
