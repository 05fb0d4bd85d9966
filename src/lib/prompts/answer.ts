import type { PromptFormat } from './format.ts';

/**
 * The answer a generation commits to: the first match of the format's answer pattern.
 * Answer-only prompts end inside the answer sentence, so the prompt's tail is prepended.
 */
export function extractAnswer(format: PromptFormat, generated: string, promptTail = ''): string | null {
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

/** The text after the prompt's last `A:`: what the answer pattern must see in front of the generation. */
export function promptTail(prompt: string): string {
  const at = prompt.lastIndexOf('A:');
  return at === -1 ? '' : prompt.slice(at + 2).trimStart();
}
