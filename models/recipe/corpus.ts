import { FAMILIES, Rng, generate, type Family, type Problem } from '../../src/lib/tasks/index.ts';
import { buildPrompt, completion, type Exemplar, type Mode, type PromptFormat } from '../../src/lib/prompts/index.ts';
import { TRIGGER_VARIANTS } from './format.ts';

/** The spacing, casing and punctuation slips real people make; the student should shrug them off. */
export function perturb(question: string, rng: Rng): string {
  let q = question;
  if (rng.chance(0.1)) q = q.charAt(0).toLowerCase() + q.slice(1);
  if (rng.chance(0.08)) q = q.replace(/\?$/, '');
  if (rng.chance(0.05)) q = q.replace(/\?$/, ' ?');
  if (rng.chance(0.05)) q = q.replace(/\.$/, '');
  if (rng.chance(0.05)) q = q.replace(/"/g, "'");
  if (rng.chance(0.05)) q = q.replace(/, /g, ' , ');
  if (rng.chance(0.05)) q = q.replace(/\. /g, '.  ');
  if (rng.chance(0.03)) q = q.toLowerCase();
  return q;
}

/** Training-only share of names and words replaced by random strings (see GenerateOptions.randomWords). */
const RANDOM_WORDS = 0.35;

function exemplarOf(p: Problem, rng: Rng): Exemplar {
  return { question: p.question, rationale: rng.pick(p.rationales), answer: p.answer };
}

function pickFamily(rng: Rng): Family {
  // Arithmetic is the hardest family; it gets half of the data.
  return rng.chance(0.5) ? 'arithmetic' : rng.pick(FAMILIES.filter((f) => f !== 'arithmetic'));
}

export interface Doc {
  /** Exactly what the app sends in one mode: context only, never a training target. */
  prompt: string;
  /** What the student should write after it: the only tokens the loss is computed on. */
  completion: string;
}

/** One training document: exactly the prompt a mode sends, then what the student should write. */
export function makeDoc(format: PromptFormat, rng: Rng): Doc {
  const family = pickFamily(rng);
  const problem = generate(family, rng, { randomWords: RANDOM_WORDS });
  const r = rng.next();
  // Only completions are learned, so the long few-shot prompts are mostly context: keep them to a fifth.
  const mode: Mode = r < 0.55 ? 'zero-shot-cot' : r < 0.75 ? 'few-shot-cot' : 'answer-only';
  const fewShot = mode === 'few-shot-cot' || (mode === 'answer-only' && rng.chance(0.3));
  let exemplars: Exemplar[] = [];
  if (fewShot) {
    if (rng.chance(0.2)) {
      exemplars = format.exemplars;
    } else {
      const k = rng.int(2, 4);
      const same = rng.chance(0.5);
      exemplars = Array.from({ length: k }, () =>
        exemplarOf(generate(same ? family : pickFamily(rng), rng, { randomWords: RANDOM_WORDS }), rng)
      );
    }
  }
  const trigger = rng.chance(0.1) ? rng.pick(TRIGGER_VARIANTS) : format.trigger;
  const prompt = buildPrompt(format, mode, {
    question: perturb(problem.question, rng),
    exemplars,
    trigger,
    useExemplars: fewShot
  });
  return { prompt, completion: completion(mode, rng.pick(problem.rationales), problem.answer) };
}

/**
 * Which tokens of a document are training targets: the completion and its end-of-sequence token, never the prompt.
 * The prompt's own ids are normally a prefix of the document's (the pre-tokenizer splits at the boundary); where
 * they are not, the whole document is learned rather than a misaligned part of it.
 */
export function completionMask(promptIds: readonly number[], ids: readonly number[]): number[] {
  const isPrefix = promptIds.length <= ids.length && promptIds.every((id, k) => ids[k] === id);
  const start = isPrefix ? promptIds.length : 0;
  return ids.map((_, k) => (k >= start ? 1 : 0));
}
