import {
  SELF_CONSISTENCY,
  finalAnswer,
  isCorrect,
  type EvalMode,
  type Mode,
  type PromptFormat
} from '../prompts/index.ts';
import { chainsStats, runStats } from '../stats/index.ts';
import { vote } from './vote.ts';
import type { RunTimings } from '../core/types.ts';
import type { EvalItem, EvalRecord } from './problemSet.ts';

/** Which question of the set, in which mode: what every record starts from. */
export function recordBase(index: number, item: EvalItem, mode: EvalMode) {
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

/** Self-consistency's chains as one text, as exports keep them: a line each, numbered from 1. */
export function numberedChains(texts: readonly string[]): string {
  return texts.map((t, i) => `[${i + 1}] ${t.trim()}`).join('\n');
}

/**
 * Self-consistency's chains on one question, marked by their vote. The text keeps every chain, numbered; the
 * stats count all chains' tokens and the batch's whole time, so the cost of thinking k times shows.
 */
export function votedRecord(
  index: number,
  item: EvalItem,
  prompt: string,
  format: PromptFormat,
  chains: readonly { text: string; timings: RunTimings }[]
): EvalRecord {
  const predicted = vote(chains.map((c) => finalAnswer(format, prompt, c.text))).majority;
  const stats = chainsStats(chains.map((c) => c.timings));
  return {
    ...recordBase(index, item, SELF_CONSISTENCY),
    text: numberedChains(chains.map((c) => c.text)),
    predicted,
    correct: isCorrect(predicted, item.gold),
    error: null,
    promptTokens: chains[0]?.timings.promptTokens ?? 0,
    generatedTokens: stats?.generatedTokens ?? 0,
    ttftMs: stats?.ttftMs ?? null,
    decodeTokensPerSec: stats?.tokensPerSec ?? null,
    totalMs: stats?.totalMs ?? 0
  };
}

/** A generation that failed: counted as an error, not as a wrong answer. */
export function failedRecord(index: number, item: EvalItem, mode: EvalMode, error: string): EvalRecord {
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
