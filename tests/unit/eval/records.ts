import type { Mode } from '$lib/prompts/index.ts';
import type { EvalRecord } from '$lib/eval/problemSet.ts';

/** A record with sensible defaults; tests override what they look at. */
export function record(mode: Mode, correct: boolean, patch: Partial<EvalRecord> = {}): EvalRecord {
  return {
    index: 0,
    itemId: '1',
    mode,
    question: 'What is 2 plus 2?',
    gold: '4',
    family: 'arithmetic',
    steps: 1,
    text: correct ? ' 2 + 2 = 4. The answer is 4.' : ' The answer is 5.',
    predicted: correct ? '4' : '5',
    correct,
    error: null,
    promptTokens: 20,
    generatedTokens: 10,
    ttftMs: 5,
    decodeTokensPerSec: 200,
    totalMs: 100,
    ...patch
  };
}
