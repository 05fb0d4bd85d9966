/**
 * The word-problem teacher: the kinds of school problems the arithmetic generator lacks (unknowns in every
 * position, comparisons, groups with remainders, prices and rates, several owners, irrelevant numbers), over
 * hundreds of everyday nouns, each with several grounded rationales that quote the question before computing.
 */
import { equation } from '../ops.ts';
import type { Rng } from '../../core/rng.ts';
import { answerSentence, type GenerateOptions, type Problem } from '../types.ts';
import { chain, earning, shopping } from './chains.ts';
import { remainder } from './groupKinds.ts';
import { ONE_STEP } from './kinds.ts';
import { WORKSHEET_ONE } from './worksheet.ts';
import { WORKSHEET_TWO } from './worksheetTwo.ts';
import { MORE_ONE, MORE_TWO } from './worksheetMore.ts';
import { MORE_THREE } from './worksheetThree.ts';
import { WIDE_ONE, WIDE_THREE, WIDE_TWO } from './worksheetWide.ts';
import { JOIN_ONE, JOIN_THREE, JOIN_TWO } from './worksheetJoin.ts';
import { EACH_ONE, EACH_THREE, EACH_TWO } from './worksheetEach.ts';
import { PAST, PRESENT, namedWho, sentence, who, type Built, type Calc, type Kind } from './parts.ts';
import { CATEGORIES } from './categories.ts';
import { IRRELEVANT } from './vocab.ts';

/** Later stages' worksheet wordings, the latest tried first, each with its kinds of one, two and three steps. */
const SHEETS: readonly (readonly [
  'worksheetEach' | 'worksheetJoin' | 'worksheetWide' | 'worksheetMore',
  readonly (readonly Kind[])[]
])[] = [
  ['worksheetEach', [EACH_ONE, EACH_TWO, EACH_THREE]],
  ['worksheetJoin', [JOIN_ONE, JOIN_TWO, JOIN_THREE]],
  ['worksheetWide', [WIDE_ONE, WIDE_TWO, WIDE_THREE]],
  ['worksheetMore', [MORE_ONE, MORE_TWO, MORE_THREE]]
];

function build(rng: Rng, options: GenerateOptions, steps: number): Built | null {
  const cat = rng.pick(CATEGORIES);
  const ctx = { rng, options, cat, noun: rng.pick(cat.nouns), w: who(rng, options, cat) };
  const tense = rng.chance(0.5) ? PAST : PRESENT;
  // Drawn only when asked for, so that a corpus built without worksheet wordings draws what it always drew.
  for (const [option, byStep] of SHEETS) {
    const share = options[option] ?? 0;
    const kinds = byStep[steps - 1];
    if (share > 0 && kinds !== undefined && rng.chance(share)) return rng.pick(kinds)(ctx, tense);
  }
  const sheet = options.worksheet ?? 0;
  if (sheet > 0 && steps <= 2 && rng.chance(sheet))
    return rng.pick(steps === 1 ? WORKSHEET_ONE : WORKSHEET_TWO)(ctx, tense);
  if (steps === 1) return rng.pick(ONE_STEP)(ctx, tense);
  const r = rng.next();
  if (r < 0.12) return shopping(ctx, tense, steps);
  if (r < 0.22) return earning(ctx, tense, steps);
  if (r < 0.3) {
    const b = remainder(ctx, tense);
    return b !== null && b.calcs.length === steps ? b : null;
  }
  return chain(ctx, tense, steps);
}

const ORDINALS = ['First,', 'Next,', 'Then,'];

function lowerFirst(s: string): string {
  return /^(The|There|That|They|Taking|Adding|Putting|Each|Equal|One|Together|At)\b/.test(s)
    ? s.charAt(0).toLowerCase() + s.slice(1)
    : s;
}

/** Three styles: grounded (quote, then compute), short (equations with their meaning), and stepwise. */
function rationale(calcs: readonly Calc[], style: number, answer: number): string {
  const lines = calcs.map((c, i) => {
    const eq = equation(c.op);
    switch (style) {
      case 0:
        return `${sentence(c.quote)}, so ${eq} ${c.result}.`;
      case 1:
        return `${eq} ${c.result}.`;
      default: {
        const text = `${c.lead} ${eq}.`;
        if (calcs.length === 1) return text;
        const word = i === calcs.length - 1 ? 'Finally,' : (ORDINALS[i] ?? 'Then,');
        return `${word} ${lowerFirst(text)}`;
      }
    }
  });
  lines.push(answerSentence(String(answer)));
  return lines.join(' ');
}

/** Every equation recomputed and every number it starts from written in the question or an earlier result. */
export function checkStory(
  question: string,
  calcs: readonly Calc[],
  answer: number,
  said: readonly number[] = []
): boolean {
  const known = new Set<number>(said);
  for (const n of question.replace(/(\d),(\d)/g, '$1$2').match(/\d+/g) ?? []) known.add(Number(n));
  for (const c of calcs) {
    const { a, b, result } = c.op;
    if (!Number.isInteger(result) || result < 0) return false;
    if (!known.has(a) || !(known.has(b) || b === 1)) return false;
    known.add(result);
  }
  return calcs.length > 0 && answer === (calcs[calcs.length - 1]?.op.result ?? NaN);
}

export function generateStory(rng: Rng, options: GenerateOptions = {}): Problem {
  for (;;) {
    const steps = options.steps ?? rng.pick([1, 1, 2, 2, 2, 3, 3]);
    const built = build(rng, options, steps);
    if (built === null) continue;
    const answer = built.calcs[built.calcs.length - 1]?.op.result ?? NaN;
    const facts = [...built.facts];
    if (rng.chance(0.2)) {
      // At either end only, so that no pronoun is cut off from the name it stands for.
      const other = namedWho(rng, options);
      facts.splice(rng.chance(0.5) ? 0 : facts.length, 0, sentence(rng.pick(IRRELEVANT)(other.name, rng.int(2, 40))));
    }
    // Questions put first, or between the facts, occur in real collections too.
    const question = rng.chance(0.08) ? [built.question, ...facts].join(' ') : [...facts, built.question].join(' ');
    if (!checkStory(question, built.calcs, answer, built.said)) continue;
    const rationales = [...new Set(rng.shuffle([0, 1, 2]).map((s) => rationale(built.calcs, s, answer)))];
    return { family: 'arithmetic', question, answer: String(answer), steps, rationales };
  }
}
