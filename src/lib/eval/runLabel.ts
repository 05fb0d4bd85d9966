import type { ProblemSet } from './problemSet.ts';

/** Where an evaluation stands: still running, run to the end, or ended early (a stop, an error, a cancel). */
export type RunProgress = 'running' | 'complete' | 'stopped';

/**
 * The label results are shown under. A finished run keeps the set's own label; a running or stopped one
 * names the questions actually answered, so "mixed × 30" never heads accuracies from 2 questions.
 */
export function runLabel(set: ProblemSet, answered: number, progress: RunProgress): string {
  if (progress === 'complete') return set.label;
  const total = set.items.length;
  const suffix = progress === 'stopped' ? ' (stopped)' : '';
  const source = set.source;
  if (source.kind === 'generated') return `${source.family} × ${answered} of ${total}, seed ${source.seed}${suffix}`;
  return `${set.label}, ${answered} of ${total} questions${suffix}`;
}

/** Questions with at least one answer: a question counts once, whichever modes reached it. */
export function answeredQuestions(records: readonly { index: number }[]): number {
  return new Set(records.map((r) => r.index)).size;
}
