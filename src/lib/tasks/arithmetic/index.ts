/**
 * The arithmetic family: a story template picked at random (one person's things, two people, shopping, equal
 * groups), told in a question and explained in three rationale styles whose every equation is rechecked.
 */
import { answerSentence, type GenerateOptions, type Problem } from '../types.ts';
import { DISTRACTORS } from '../lexicon.ts';
import { applyOp, equation, type OpKind } from '../ops.ts';
import type { Rng } from '../../core/rng.ts';
import { groupsStory } from './groups.ts';
import { possessionStory } from './possession.ts';
import { shoppingStory } from './shopping.ts';
import { person, type Story } from './story.ts';
import { twoPeopleStory } from './twoPeople.ts';

const LOWERABLE = new Set([
  'He',
  'She',
  'They',
  'Adding',
  'Taking',
  'Splitting',
  'There',
  'Together',
  'In',
  'With',
  'After',
  'Each',
  'The'
]);

function writeRationale(story: Story, style: number, answer: number, rng: Rng): string {
  const lines: string[] = [];
  const ordinals = ['First,', 'Next,', 'Then,', 'Finally,'];
  story.steps.forEach((s, i) => {
    const clause = (s.explain[style % s.explain.length] ?? '{eq}.').replace('{eq}', equation(s.op));
    if (style === 1 && story.steps.length > 1) {
      const word = i === story.steps.length - 1 ? 'Finally,' : (ordinals[i] ?? 'Then,');
      const first = clause.split(' ')[0] ?? '';
      lines.push(`${word} ${LOWERABLE.has(first) ? clause.charAt(0).toLowerCase() + clause.slice(1) : clause}`);
    } else {
      lines.push(clause);
    }
  });
  if (style === 2 && rng.chance(0.5)) lines.unshift('We need to combine the numbers in order.');
  lines.push(answerSentence(String(answer)));
  return lines.join(' ');
}

const EQUATION = /(\d+) ([+\-×÷]) (\d+) = (\d+)/g;
const KIND_BY_SYMBOL: Record<string, OpKind> = { '+': 'add', '-': 'sub', '×': 'mul', '÷': 'div' };

/** Recompute every equation in a rationale; the teacher never emits one that does not check out. */
export function checkArithmeticRationale(rationale: string, answer: string): boolean {
  let last: number | null = null;
  for (const m of rationale.matchAll(EQUATION)) {
    const kind = KIND_BY_SYMBOL[m[2] ?? ''];
    if (kind === undefined) return false;
    if (applyOp(kind, Number(m[1]), Number(m[3])) !== Number(m[4])) return false;
    last = Number(m[4]);
  }
  return last !== null && String(last) === answer && rationale.endsWith(answerSentence(answer));
}

export function generateArithmetic(rng: Rng, options: GenerateOptions = {}): Problem {
  for (;;) {
    const nOps = options.steps ?? rng.pick([1, 2, 2, 3, 3]);
    const heldOut = options.heldOut ?? false;
    // Held-out sets skip the one story without people, so every test question carries an unseen name.
    const kind = rng.int(0, heldOut ? 8 : 9);
    const story =
      kind < 5
        ? possessionStory(rng, nOps, options)
        : kind < 7
          ? twoPeopleStory(rng, nOps, options)
          : kind < 9
            ? shoppingStory(rng, nOps, options)
            : groupsStory(rng, nOps);
    if (story === null || story.steps.length !== nOps) continue;
    const lastOp = story.steps[story.steps.length - 1]?.op;
    if (lastOp === undefined || !story.steps.every((s) => Number.isInteger(s.op.result) && s.op.result >= 0)) continue;
    const answer = lastOp.result;
    const sentences = [...story.intro, ...story.steps.map((s) => s.text).filter(Boolean)];
    if (rng.chance(0.2)) {
      // The distractor's person respects the held-out split too, or held-out names leak into training.
      const p = person(rng, options);
      sentences.splice(rng.int(1, sentences.length), 0, rng.pick(DISTRACTORS)(p, rng.int(2, 40)));
    }
    const question = [...sentences, story.question].join(' ');
    const styles = rng.shuffle([0, 1, 2]);
    const rationales = [...new Set(styles.map((s) => writeRationale(story, s, answer, rng)))];
    const a = String(answer);
    if (!rationales.every((r) => checkArithmeticRationale(r, a))) continue;
    return { family: 'arithmetic', question, answer: a, steps: nOps, rationales };
  }
}
