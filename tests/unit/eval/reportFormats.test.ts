import { describe, expect, it } from 'vitest';
import { summarize } from '$lib/eval/aggregate.ts';
import {
  EVAL_CSV_HEADER,
  csvCell,
  evalCsv,
  evalMarkdown,
  exportFileName,
  mdCell,
  runCsv,
  runMarkdown,
  serialize,
  toJson,
  type EvalReport,
  type ExportContext,
  type RunReport
} from '$lib/eval/reportFormats.ts';
import { parseCsv } from '$lib/eval/parse.ts';
import { record } from './records.ts';

const context: ExportContext = {
  exportedAt: '2026-05-04T22:10:03.123Z',
  model: { id: 'think-small-3m', parameters: 2_808_480, device: 'wasm', dtype: 'q8', threads: 2 },
  params: { maxNewTokens: 160, temperature: 0, topK: 20, topP: 0.95 },
  stopSequences: ['\nQ:'],
  trigger: "Let's think step by step.",
  exemplars: []
};

const records = [
  record('zero-shot-cot', true, { index: 0, question: 'Say "hi", then | pipe?\nSecond line' }),
  record('answer-only', false, { index: 0, predicted: '=SUM(A1)', text: '=SUM(A1).' }),
  record('answer-only', false, { index: 1, error: 'GenerationError: boom', predicted: null, steps: null })
];

const report: EvalReport = {
  kind: 'evaluation',
  ...context,
  set: { label: 'mixed × 2, seed 7', source: { kind: 'generated', family: 'mixed', count: 2, seed: 7 }, questions: 2 },
  modes: ['zero-shot-cot', 'answer-only'],
  complete: false,
  summary: summarize(records, ['zero-shot-cot', 'answer-only']),
  records
};

const run: RunReport = {
  kind: 'run',
  ...context,
  question: 'What is 2 plus 2?',
  gold: '4',
  panes: [
    {
      mode: 'zero-shot-cot',
      status: 'done',
      prompt: 'Q: What is 2 plus 2?\nA:',
      text: ' 2 + 2 = 4.\nThe answer is 4.',
      answer: '4',
      correct: true,
      stats: {
        promptTokens: 12,
        keptTokens: 0,
        generatedTokens: 9,
        ttftMs: 4.25,
        prefillTokensPerSec: 2823.5,
        decodeTokensPerSec: 310.2,
        totalMs: 31,
        batchRows: 3,
        turnRows: 1
      }
    },
    { mode: 'answer-only', status: 'idle', prompt: '', text: '', answer: null, correct: null, stats: null }
  ]
};

describe('csvCell', () => {
  it('quotes fields with commas, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('a\nb')).toBe('"a\nb"');
    expect(csvCell('plain')).toBe('plain');
  });
  it('defuses spreadsheet formulas but keeps negative numbers', () => {
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell('+1+1')).toBe("'+1+1");
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell('-3')).toBe('-3');
    expect(csvCell('-2.5')).toBe('-2.5');
  });
  it('writes numbers, booleans and nulls', () => {
    expect(csvCell(3.5)).toBe('3.5');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(null)).toBe('');
  });
});

describe('evalCsv', () => {
  const text = evalCsv(records, report.model);
  const parsed = parseCsv(text);
  const rows = parsed.ok ? parsed.records.map((r) => r.cells) : [];

  it('has a header and one row per record, readable back by a CSV parser', () => {
    expect(rows[0]).toEqual([...EVAL_CSV_HEADER]);
    expect(rows).toHaveLength(4);
    expect(rows[1]?.[EVAL_CSV_HEADER.indexOf('question')]).toBe('Say "hi", then | pipe?\nSecond line');
  });
  it('leaves correct empty for a failed generation and writes its error', () => {
    expect(rows[3]?.[EVAL_CSV_HEADER.indexOf('correct')]).toBe('');
    expect(rows[3]?.[EVAL_CSV_HEADER.indexOf('error')]).toBe('GenerationError: boom');
    expect(rows[1]?.[EVAL_CSV_HEADER.indexOf('correct')]).toBe('true');
  });
  it('uses CRLF line ends', () => expect(text.split('\r\n')).toHaveLength(5));
  it('names the model and its parameter count on every row', () => {
    for (const row of rows.slice(1)) {
      expect(row[EVAL_CSV_HEADER.indexOf('model')]).toBe('think-small-3m');
      expect(row[EVAL_CSV_HEADER.indexOf('parameters')]).toBe('2808480');
    }
  });
});

describe('Markdown', () => {
  it('escapes pipes and folds line breaks in a cell', () => {
    expect(mdCell('a | b\nc')).toBe('a \\| b c');
    expect(mdCell(null)).toBe('—');
  });
  it('writes the evaluation table with intervals and the steps breakdown', () => {
    const md = evalMarkdown(report);
    expect(md).toContain('## Evaluation: mixed × 2, seed 7');
    expect(md).toContain('Model think-small-3m (2,808,480 parameters), wasm q8;');
    expect(md).toContain('(stopped early)');
    expect(md).toContain('| Zero-shot CoT | 1 | 1 | 100.0 % |');
    expect(md).toContain('| Answer only | 0 | 1 | 0.0 % |');
    expect(md).toContain('### By number of steps');
    expect(md).toContain('| arithmetic | 1 | 1/1 (100 %) | 0/1 (0 %) |');
  });
  it('writes one run as a table, one row per pane', () => {
    const md = runMarkdown(run);
    expect(md).toContain('## What is 2 plus 2?');
    expect(md).toContain('Gold answer: 4.');
    expect(md).toContain('| Zero-shot CoT | 4 | yes | 12 | 9 | 4.3 | 310 | 31 | 2 + 2 = 4. The answer is 4. |');
    expect(md).toContain('| Answer only | — | — | — | — | — | — | — |  |');
    expect(md).toContain('greedy, at most 160 new tokens');
  });
});

describe('runCsv and JSON', () => {
  it('writes one row per pane', () => {
    const parsed = parseCsv(runCsv(run));
    expect(parsed.ok && parsed.records).toHaveLength(3);
  });
  it('round-trips through JSON', () => {
    expect(JSON.parse(toJson(report))).toEqual(report);
    expect(JSON.parse(toJson(run))).toEqual(run);
  });
});

describe('exportFileName', () => {
  it('is sortable and has no colons', () =>
    expect(exportFileName('evaluation', 'csv', '2026-05-04T22:10:03.123Z')).toBe(
      'think-small-evaluation-2026-05-04T22-10-03.csv'
    ));
});

describe('serialize', () => {
  it('picks the serializer by report kind and format', () => {
    expect(serialize(report, 'json')).toBe(toJson(report));
    expect(serialize(report, 'csv')).toBe(evalCsv(records, report.model));
    expect(serialize(report, 'md')).toBe(evalMarkdown(report));
    expect(serialize(run, 'csv')).toBe(runCsv(run));
    expect(serialize(run, 'md')).toBe(runMarkdown(run));
  });
});
