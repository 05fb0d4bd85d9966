import { finalAnswer, isCorrect, type Mode, type PromptFormat } from '../prompts/index.ts';
import { runStats } from '../stats/index.ts';
import type { RunTimings } from '../core/types.ts';
import type { EvalItem, EvalRecord } from './problemSet.ts';

/** Which question of the set, in which mode: what every record starts from. */
export function recordBase(index: number, item: EvalItem, mode: Mode) {
  return {
    index,
    itemId: item.id,
    mode,
    question: item.question,
    gold: item.gold,
    family: item.family,
    steps: item.steps
  };
}

/** A finished generation, marked against the item's gold answer. */
export function answeredRecord(
  index: number,
  item: EvalItem,
  mode: Mode,
  prompt: string,
  format: PromptFormat,
  result: { text: string; timings: RunTimings }
): EvalRecord {
  const stats = runStats(result.timings);
  const predicted = finalAnswer(format, prompt, result.text);
  return {
    ...recordBase(index, item, mode),
    text: result.text,
    predicted,
    correct: isCorrect(predicted, item.gold),
    error: null,
    promptTokens: stats.promptTokens,
    generatedTokens: stats.generatedTokens,
    ttftMs: stats.ttftMs,
    decodeTokensPerSec: stats.decodeTokensPerSec,
    totalMs: stats.totalMs
  };
}

/** A generation that failed: counted as an error, not as a wrong answer. */
export function failedRecord(index: number, item: EvalItem, mode: Mode, error: string): EvalRecord {
  return {
    ...recordBase(index, item, mode),
    text: '',
    predicted: null,
    correct: false,
    error,
    promptTokens: 0,
    generatedTokens: 0,
    ttftMs: null,
    decodeTokensPerSec: null,
    totalMs: 0
  };
}
