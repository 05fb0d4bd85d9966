import { describe, expect, it } from 'vitest';
import { STUDENT_FORMAT } from '../../../models/recipe/format.ts';
import { buildPrompt, completion, extractAnswer, isCorrect, parsePromptFormat } from '$lib/prompts/index.ts';
import { generateSet } from '$lib/tasks/index.ts';

// The contract between the teacher's rationales and the student's prompt format: whatever the teacher
// writes, the app's answer parser must read back as the gold answer.
const format = parsePromptFormat({ ...STUDENT_FORMAT, exemplars: [] });
const problems = generateSet(5, 300);

describe('teacher rationales under the student format', () => {
  it('every rationale’s answer is extracted as the gold answer', () => {
    for (const p of problems) {
      for (const r of p.rationales) expect(isCorrect(extractAnswer(format, r), p.answer), r).toBe(true);
    }
  });

  it('every answer-only training completion is read back from the prompt tail', () => {
    for (const p of problems) {
      const done = completion('answer-only', '', p.answer);
      expect(extractAnswer(format, done, 'The answer is'), p.question).toBe(p.answer);
    }
  });

  it('every zero-shot training example reads back through the whole prompt', () => {
    for (const p of problems.slice(0, 60)) {
      const text = buildPrompt(format, 'zero-shot-cot', { question: p.question });
      const rationale = p.rationales[0] ?? '';
      expect(extractAnswer(format, text + completion('zero-shot-cot', rationale, p.answer)), p.question).toBe(p.answer);
    }
  });
});
