import { EVAL_MODES } from '../prompts/index.ts';
import type { EvalRecord } from './problemSet.ts';

/** How one answer went: the generation failed, or it answered wrong or right. */
export type Outcome = 'failed' | 'wrong' | 'right';

export interface LogEntry {
  record: EvalRecord;
  outcome: Outcome;
}

export interface EvalLog {
  /** Every answer, failures first (failed, then wrong, then right), each group in question and mode order. */
  entries: LogEntry[];
  counts: Record<Outcome, number>;
}

const RANK: Record<Outcome, number> = { failed: 0, wrong: 1, right: 2 };

export function outcomeOf(r: EvalRecord): Outcome {
  if (r.error !== null) return 'failed';
  return r.correct ? 'right' : 'wrong';
}

/** The per-question log of an evaluation: what to read first after a run is what went wrong. */
export function evalLog(records: readonly EvalRecord[]): EvalLog {
  const counts: Record<Outcome, number> = { failed: 0, wrong: 0, right: 0 };
  const entries = records.map((record) => {
    const outcome = outcomeOf(record);
    counts[outcome] += 1;
    return { record, outcome };
  });
  entries.sort(
    (a, b) =>
      RANK[a.outcome] - RANK[b.outcome] ||
      a.record.index - b.record.index ||
      EVAL_MODES.indexOf(a.record.mode) - EVAL_MODES.indexOf(b.record.mode)
  );
  return { entries, counts };
}
