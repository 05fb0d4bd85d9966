import { describe, expect, it } from 'vitest';
import { STUDENT_FORMAT } from '../../../models/recipe/format.ts';
import { PaneState } from '$lib/state/paneState.svelte.ts';
import type { RunTimings } from '$lib/core/types.ts';

const format = { ...STUDENT_FORMAT, exemplars: [] };
const timings: RunTimings = {
  startedAt: 0,
  firstTokenAt: 10,
  lastTokenAt: 30,
  endedAt: 31,
  promptTokens: 12,
  generatedTokens: 5
};

describe('PaneState', () => {
  it('has no answer while running, even if the text already contains one', () => {
    const pane = new PaneState('zero-shot-cot');
    pane.queue("Q: x\nA: Let's think step by step.", format, '8');
    pane.start();
    pane.append(' The answer is 8', [1]);
    expect(pane.answer).toBeNull();
    expect(pane.correct).toBeNull();
    expect(pane.tokens).toBe(1);
    pane.append(' and more', [2, 3, 4, 5]);
    expect(pane.tokens).toBe(5);
  });

  it('extracts the answer-only answer using the prompt tail', () => {
    const pane = new PaneState('answer-only');
    pane.queue('Q: x\nA: The answer is', format, '8');
    pane.start();
    pane.finish({ runId: 'r', text: ' 8.', timings, stopped: false });
    expect(pane.answer).toBe('8');
    expect(pane.correct).toBe(true);
    expect(pane.stats?.decodeTokensPerSec).toBe(200);
  });

  it('marks a stopped run, reads an answer it reached, and grades nothing (issue 14: stopped panes were graded)', () => {
    const pane = new PaneState('few-shot-cot');
    pane.queue('Q: x\nA:', format, '9');
    pane.start();
    pane.finish({ runId: 'r', text: ' 4 + 4 = 8. The answer is 8.', timings, stopped: true });
    expect(pane.status).toBe('stopped');
    expect(pane.answer).toBe('8');
    expect(pane.correct).toBeNull();
    expect(pane.verdict).toBe('none');
  });

  it('a stopped pane with no answer yet is not "wrong" (issue 14)', () => {
    const pane = new PaneState('zero-shot-cot');
    pane.queue("Q: x\nA: Let's think step by step.", format, '8');
    pane.start();
    pane.finish({ runId: 'r', text: ' First', timings, stopped: true });
    expect([pane.answer, pane.correct, pane.verdict]).toEqual([null, null, 'none']);
  });

  it('the verdict of a finished pane is right or wrong, and none without a gold answer', () => {
    const right = new PaneState('answer-only');
    right.queue('Q: x\nA: The answer is', format, '8');
    right.finish({ runId: 'r', text: ' 8.', timings, stopped: false });
    const wrong = new PaneState('answer-only');
    wrong.queue('Q: x\nA: The answer is', format, '9');
    wrong.finish({ runId: 'r', text: ' 8.', timings, stopped: false });
    const unknown = new PaneState('answer-only');
    unknown.queue('Q: x\nA: The answer is', format, null);
    unknown.finish({ runId: 'r', text: ' 8.', timings, stopped: false });
    expect([right.verdict, wrong.verdict, unknown.verdict]).toEqual(['right', 'wrong', 'none']);
  });

  it('without a gold answer there is no mark', () => {
    const pane = new PaneState('answer-only');
    pane.queue('Q: x\nA: The answer is', format, null);
    pane.finish({ runId: 'r', text: ' 8.', timings, stopped: false });
    expect(pane.answer).toBe('8');
    expect(pane.correct).toBeNull();
  });

  it('keeps the prompt that produced a finished run', () => {
    const pane = new PaneState('answer-only');
    pane.preview('old', format);
    pane.queue('old', format, null);
    pane.finish({ runId: 'r', text: '', timings, stopped: false });
    pane.preview('new', format);
    expect(pane.prompt).toBe('old');
  });

  it('a queued pane reads "skipped" when cancelled, not idle (issue 14); a running one is not skipped', () => {
    const a = new PaneState('answer-only');
    a.queue('p', format, '8');
    a.cancel();
    expect(a.status).toBe('skipped');
    expect(a.verdict).toBe('none');
    const b = new PaneState('few-shot-cot');
    b.queue('p', format, null);
    b.start();
    b.cancel();
    expect(b.status).toBe('running');
  });

  it('a preview count applies only to the prompt it was counted for', () => {
    const pane = new PaneState('zero-shot-cot');
    pane.preview('a', format);
    pane.setPreviewTokens('stale', 99);
    expect(pane.promptTokens).toBeNull();
    pane.setPreviewTokens('a', 7);
    expect(pane.promptTokens).toBe(7);
  });
});

describe('PaneState with a reasoning model', () => {
  it('shows the think part apart, with its own token count and time', () => {
    const pane = new PaneState('zero-shot-cot');
    pane.queue('<|im_start|>assistant\n', format, '8');
    pane.start();
    pane.append('<think>', [100]);
    pane.append('\n4 + 4 = 8', [150]);
    expect(pane.think).toEqual({ thinking: '4 + 4 = 8', answer: '', closed: false });
    expect(pane.thinkTokens).toBe(2);
    expect(pane.thinkMs).toBeNull();
    pane.append('\n</think>', [400]);
    pane.append('\n\nThe answer is 8.', [450]);
    expect(pane.thinkTokens).toBe(3);
    expect(pane.thinkMs).toBe(300);
    pane.finish({ runId: 'r', text: pane.text, timings, stopped: false });
    expect(pane.think.answer).toBe('The answer is 8.');
    expect(pane.answer).toBe('8');
  });

  it('counts a batched group of tokens and places a closing tag at the end of its group', () => {
    const pane = new PaneState('zero-shot-cot');
    pane.queue('<|im_start|>assistant\n', format, '8');
    pane.start();
    pane.append('<think>\n4 + 4', [100, 110, 120]);
    pane.append(' = 8\n</think>\n\nThe', [130, 140, 150, 160]);
    expect(pane.tokens).toBe(7);
    expect(pane.thinkTokens).toBe(7);
    expect(pane.thinkMs).toBe(60);
  });

  it('reads a think block the prompt opened, and no answer while it is unfinished', () => {
    const pane = new PaneState('zero-shot-cot');
    pane.queue('<｜Assistant｜><think>\n', format, '8');
    pane.start();
    pane.append('The answer is 7? No, 8', [10]);
    pane.finish({ runId: 'r', text: pane.text, timings, stopped: true });
    expect(pane.think.closed).toBe(false);
    expect(pane.answer).toBeNull();
  });

  it('has no think part for other models', () => {
    const pane = new PaneState('answer-only');
    pane.queue('Q: x\nA: The answer is', format, '8');
    pane.append(' 8.', [1]);
    expect(pane.think.thinking).toBeNull();
    expect(pane.thinkTokens).toBeNull();
  });

  it('reset empties a finished pane', () => {
    const pane = new PaneState('answer-only');
    pane.queue('Q: x\nA: The answer is', format, '8');
    pane.finish({ runId: 'r', text: ' 8.', timings, stopped: false });
    pane.reset();
    expect([pane.status, pane.text, pane.prompt, pane.answer]).toEqual(['idle', '', '', null]);
  });
});
