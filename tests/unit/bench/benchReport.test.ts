import { describe, expect, it } from 'vitest';
import { lengthTable } from '../../../bench/benchReport.ts';
import type { Cell, MeasuredRun } from '../../../bench/plan.ts';

function run(promptTokens: number, rep: number, decodeTokensPerSec: number | null): MeasuredRun {
  return {
    promptTokens,
    rep,
    output: '',
    metrics: {
      promptTokens,
      generatedTokens: 64,
      ttftMs: 5,
      prefillTokensPerSec: null,
      decodeTokensPerSec,
      interTokenMs: [],
      cpuMsPerToken: null
    }
  };
}

function cell(engine: string, runs: MeasuredRun[]): Cell {
  return {
    target: 'wasm-1t',
    targetLabel: 'Chromium WASM, 1 thread',
    threads: 1,
    dtype: 'q8',
    engine,
    loads: [],
    runs,
    memoryBytes: null,
    memoryNote: ''
  };
}

const rowsOf = (markdown: string): string[][] =>
  markdown
    .split('\n')
    .slice(2)
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim())
    );

describe('lengthTable', () => {
  it('gives each cell its median decode per length and the ratio to the shortest prompt', () => {
    const app = cell('app', [run(32, 0, 600), run(32, 1, 400), run(256, 0, 300), run(256, 1, 250), run(512, 0, 200)]);
    const [row] = rowsOf(lengthTable([app], [32, 256, 512]));
    expect(row?.slice(0, 3)).toEqual(['Chromium WASM, 1 thread', 'q8', 'app']);
    // Medians 500, 275, 200: ratios 0.55 and 0.40.
    expect(row?.slice(-2)).toEqual(['0.55', '0.40']);
  });

  it('leaves out the warm-up run', () => {
    const bare = cell('bare', [run(32, -1, 100), run(32, 0, 800), run(256, -1, 100), run(256, 0, 400)]);
    const [row] = rowsOf(lengthTable([bare], [32, 256]));
    expect(row?.at(-1)).toBe('0.50');
  });

  it('prints a dash where a length was not measured', () => {
    const [row] = rowsOf(lengthTable([cell('app', [run(32, 0, 500)])], [32, 256]));
    expect(row?.at(-1)).toBe('—');
  });
});
