/**
 * Why a chain of thought went wrong, read from its text alone: the question, the gold answer and what the student
 * wrote. Pure, so that the closing figures of a training stage can be recomputed from an evaluation dump.
 */
import { extractAnswer } from '$lib/prompts/index.ts';
import { applyOp, kindOfSymbol, type Op } from '$lib/tasks/ops.ts';
import { STUDENT_FORMAT } from './format.ts';

export const ERROR_TYPES = ['right', 'no answer', 'false sum', 'number not in question', 'wrong plan'] as const;
export type ErrorType = (typeof ERROR_TYPES)[number];

/** How a chain opens: a bare equation ("35 × 12 = 420.") or words ("Tom has 35 marbles…"). */
export type Opening = 'equation' | 'words';

const NUMBER = /\d[\d,]*(?:\.\d+)?/g;
const EQUATION = /(\d[\d,]*(?:\.\d+)?) ([-+×÷*/x]) \$?(\d[\d,]*(?:\.\d+)?) = \$?(\d[\d,]*(?:\.\d+)?)/g;

const toNumber = (s: string): number => Number(s.replace(/,/g, ''));

export function numbersIn(text: string): number[] {
  return (text.match(NUMBER) ?? []).map(toNumber);
}

/** The equations a chain writes, as it wrote them: `result` is the chain's, right or wrong. */
export function equationsIn(text: string): Op[] {
  return [...text.matchAll(EQUATION)].flatMap((m) => {
    const kind = kindOfSymbol(m[2] ?? '');
    return kind === null
      ? []
      : [{ kind, a: toNumber(m[1] ?? ''), b: toNumber(m[3] ?? ''), result: toNumber(m[4] ?? '') }];
  });
}

export function openingOf(text: string): Opening {
  return /^[\d$]/.test(text.trim()) ? 'equation' : 'words';
}

/** Small constants a correct chain may bring in without quoting them (one, a pair, a dozen, units of time). */
const CONSTANTS = new Set([1, 2, 7, 10, 12, 24, 30, 52, 60, 100, 1000]);

/**
 * The first thing that went wrong, reading the chain in order (`correct` is the evaluator's verdict): an answer at
 * all, then each equation's numbers taken from the question or an earlier step, and its sum true; a chain that
 * passes all of that and is still wrong chose the wrong operations ("wrong plan").
 */
export function classify(question: string, text: string, correct: boolean): ErrorType {
  if (correct) return 'right';
  if (extractAnswer(STUDENT_FORMAT, text) === null) return 'no answer';
  const known = new Set([...numbersIn(question), ...CONSTANTS]);
  for (const e of equationsIn(text)) {
    if (!known.has(e.a) || !known.has(e.b)) return 'number not in question';
    if (Math.abs(applyOp(e.kind, e.a, e.b) - e.result) > 1e-9) return 'false sum';
    known.add(e.result);
  }
  return 'wrong plan';
}

/** One line of `eval.ts --dump`. */
export interface DumpRow {
  mode: string;
  question: string;
  text: string;
  correct: boolean;
}

export type ErrorTable = Record<Opening, Record<ErrorType, number>>;

export function total(counts: Record<ErrorType, number>): number {
  return ERROR_TYPES.reduce((s, t) => s + counts[t], 0);
}

export function emptyCounts(): Record<ErrorType, number> {
  return { right: 0, 'no answer': 0, 'false sum': 0, 'number not in question': 0, 'wrong plan': 0 };
}

export function addCounts(a: Record<ErrorType, number>, b: Record<ErrorType, number>): Record<ErrorType, number> {
  const sum = emptyCounts();
  for (const t of ERROR_TYPES) sum[t] = a[t] + b[t];
  return sum;
}

export function tabulate(rows: readonly DumpRow[]): ErrorTable {
  const table: ErrorTable = { equation: emptyCounts(), words: emptyCounts() };
  for (const r of rows) table[openingOf(r.text)][classify(r.question, r.text, r.correct)] += 1;
  return table;
}
