import { describe, expect, it } from 'vitest';
import { MAX_ENGINE_COPIES, chooseCopies, spreadRows } from '$lib/engine/shared/copies.ts';

describe('chooseCopies', () => {
  const small = { device: 'wasm', smallModel: true, threads: 1 } as const;
  it('gives a small WASM model one copy per core, up to one per pane', () => {
    expect(chooseCopies({ ...small, cores: 2 })).toBe(2);
    expect(chooseCopies({ ...small, cores: 3 })).toBe(3);
    expect(chooseCopies({ ...small, cores: 16 })).toBe(MAX_ENGINE_COPIES);
  });
  it('counts the main copy’s ORT threads against the cores', () => {
    expect(chooseCopies({ ...small, cores: 4, threads: 2 })).toBe(3);
    expect(chooseCopies({ ...small, cores: 2, threads: 2 })).toBe(1);
  });
  it('keeps one copy on one core, on a GPU and for a large model', () => {
    expect(chooseCopies({ ...small, cores: 1 })).toBe(1);
    expect(chooseCopies({ ...small, cores: 0 })).toBe(1);
    expect(chooseCopies({ ...small, cores: 8, device: 'webgpu' })).toBe(1);
    expect(chooseCopies({ ...small, cores: 8, smallModel: false })).toBe(1);
  });
});

describe('spreadRows', () => {
  it('puts the longest prompt on a copy of its own and the short ones together', () => {
    // zero-shot, few-shot (exemplars), answer-only on two copies.
    expect(spreadRows([60, 900, 50], 2)).toEqual([1, 0, 1]);
  });
  it('gives each row its own copy when there are enough', () => {
    expect(spreadRows([60, 900, 50], 3)).toEqual([1, 0, 2]);
    expect(spreadRows([60, 900, 50], 5)).toEqual([1, 0, 2]);
  });
  it('runs everything on the main copy when there is one', () => {
    expect(spreadRows([60, 900, 50], 1)).toEqual([0, 0, 0]);
    expect(spreadRows([60, 900, 50], 0)).toEqual([0, 0, 0]);
  });
  it('sends a single row to the main copy', () => expect(spreadRows([10], 3)).toEqual([0]));
  it('breaks ties by order, so equal prompts fill the copies in turn', () => {
    expect(spreadRows([10, 10, 10, 10], 2)).toEqual([0, 1, 0, 1]);
  });
  it('answers nothing for no rows', () => expect(spreadRows([], 3)).toEqual([]));
});
