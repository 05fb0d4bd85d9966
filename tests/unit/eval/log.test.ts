import { describe, expect, it } from 'vitest';
import { evalLog, outcomeOf } from '$lib/eval/log.ts';
import { record } from './records.ts';

describe('evalLog', () => {
  const records = [
    record('zero-shot-cot', true, { index: 0 }),
    record('answer-only', false, { index: 0 }),
    record('zero-shot-cot', false, { index: 1, text: ' 3 + 4 = 8. The answer is 8.' }),
    record('few-shot-cot', false, { index: 1, error: 'The engine stopped; it restarts on its own.', text: '' }),
    record('answer-only', true, { index: 1 })
  ];
  const log = evalLog(records);

  it('lists every answer, failures first: failed, then wrong, then right', () => {
    expect(log.entries).toHaveLength(records.length);
    expect(log.entries.map((e) => e.outcome)).toEqual(['failed', 'wrong', 'wrong', 'right', 'right']);
  });
  it('keeps question and mode order within each group', () => {
    expect(log.entries.map((e) => [e.record.index, e.record.mode])).toEqual([
      [1, 'few-shot-cot'],
      [0, 'answer-only'],
      [1, 'zero-shot-cot'],
      [0, 'zero-shot-cot'],
      [1, 'answer-only']
    ]);
  });
  it('keeps the text of each answer and the message of each failure', () => {
    expect(log.entries[2]?.record.text).toBe(' 3 + 4 = 8. The answer is 8.');
    expect(log.entries[0]?.record.error).toBe('The engine stopped; it restarts on its own.');
  });
  it('counts each outcome', () => {
    expect(log.counts).toEqual({ failed: 1, wrong: 2, right: 2 });
  });
  it('a failed generation is a failure even though it is not marked correct', () => {
    expect(outcomeOf(record('answer-only', false, { error: 'x' }))).toBe('failed');
    expect(evalLog([]).entries).toEqual([]);
  });
});
