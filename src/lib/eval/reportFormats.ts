import type { GenParams } from '../core/types.ts';
import { MODE_LABELS, type EvalMode, type Exemplar } from '../prompts/index.ts';
import type { RunStats } from '../stats/index.ts';
import { formatInterval, formatPercent, type EvalSummary } from './aggregate.ts';
import type { EvalRecord, SetSource } from './problemSet.ts';

/** What produced the numbers: enough to reproduce a run or an evaluation from its export. */
export interface ExportContext {
  exportedAt: string;
  model: { id: string; parameters: number | null; device: string | null; dtype: string | null; threads: number | null };
  params: Omit<GenParams, 'stopSequences'>;
  stopSequences: string[];
  trigger: string;
  exemplars: Exemplar[];
}

export interface EvalReport extends ExportContext {
  kind: 'evaluation';
  set: { label: string; source: SetSource; questions: number };
  modes: EvalMode[];
  /** False when the user stopped the run before every question was answered. */
  complete: boolean;
  summary: EvalSummary;
  records: EvalRecord[];
}

export interface PaneReport {
  mode: EvalMode;
  status: string;
  prompt: string;
  text: string;
  answer: string | null;
  correct: boolean | null;
  stats: RunStats | null;
  /**
   * Self-consistency's row only: how its chains were sampled and what each answered. Its text numbers the chains,
   * its answer is their majority, and its stats count all chains' tokens over the batch's time.
   */
  chains?: { k: number; temperature: number; seed: number; answers: (string | null)[] };
}

export interface RunReport extends ExportContext {
  kind: 'run';
  question: string;
  gold: string | null;
  panes: PaneReport[];
}

export type Report = EvalReport | RunReport;

export function toJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

type Cell = string | number | boolean | null;

/**
 * One CSV field (RFC 4180). Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`) gets a leading
 * quote, unless it is a plain number such as "-3": questions come from users and answers from a model.
 */
export function csvCell(v: Cell): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const safe = /^[=+\-@\t\r]/.test(v) && !/^-?\d+(\.\d+)?$/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csv(header: readonly string[], rows: readonly Cell[][]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export const EVAL_CSV_HEADER = [
  'index',
  'item',
  'mode',
  'family',
  'steps',
  'question',
  'gold',
  'predicted',
  'correct',
  'error',
  'prompt_tokens',
  'generated_tokens',
  'ttft_ms',
  'decode_tokens_per_sec',
  'total_ms',
  'text',
  'model',
  'parameters'
] as const;

/** Which model answered, on every row: a CSV row read on its own still says so. */
type ModelCells = Pick<ExportContext['model'], 'id' | 'parameters'>;

export function evalCsv(records: readonly EvalRecord[], model: ModelCells): string {
  return csv(
    EVAL_CSV_HEADER,
    records.map((r) => [
      r.index,
      r.itemId,
      r.mode,
      r.family,
      r.steps,
      r.question,
      r.gold,
      r.predicted,
      r.error === null ? r.correct : null,
      r.error,
      r.promptTokens,
      r.generatedTokens,
      r.ttftMs,
      r.decodeTokensPerSec,
      r.totalMs,
      r.text,
      model.id,
      model.parameters
    ])
  );
}

export const RUN_CSV_HEADER = [
  'mode',
  'status',
  'answer',
  'correct',
  'prompt_tokens',
  'kept_tokens',
  'generated_tokens',
  'ttft_ms',
  'prefill_tokens_per_sec',
  'decode_tokens_per_sec',
  'total_ms',
  'batch_rows',
  'turn_rows',
  'question',
  'gold',
  'text',
  'model',
  'parameters'
] as const;

export function runCsv(run: RunReport): string {
  return csv(
    RUN_CSV_HEADER,
    run.panes.map((p) => [
      p.mode,
      p.status,
      p.answer,
      p.correct,
      p.stats?.promptTokens ?? null,
      p.stats?.keptTokens ?? null,
      p.stats?.generatedTokens ?? null,
      p.stats?.ttftMs ?? null,
      p.stats?.prefillTokensPerSec ?? null,
      p.stats?.decodeTokensPerSec ?? null,
      p.stats?.totalMs ?? null,
      p.stats?.batchRows ?? null,
      p.stats?.turnRows ?? null,
      run.question,
      run.gold,
      p.text,
      run.model.id,
      run.model.parameters
    ])
  );
}

/** A Markdown table cell: pipes escaped, line breaks folded, so any text stays inside its cell. */
export function mdCell(v: Cell): string {
  if (v === null) return '—';
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '—') : String(v);
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function mdTable(header: readonly string[], rows: readonly Cell[][]): string {
  const line = (cells: readonly Cell[]): string => `| ${cells.map(mdCell).join(' | ')} |`;
  return [line(header), `|${header.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n');
}

const fixed = (v: number | null, digits: number): string | null => (v === null ? null : v.toFixed(digits));

function modelLine(c: ExportContext): string {
  const backend = c.model.device === null ? '' : `, ${c.model.device} ${c.model.dtype ?? ''}`.trimEnd();
  const decoding = c.params.temperature === 0 ? 'greedy' : `temperature ${c.params.temperature}`;
  const size = c.model.parameters === null ? '' : ` (${c.model.parameters.toLocaleString('en-US')} parameters)`;
  return `Model ${c.model.id}${size}${backend}; ${decoding}, at most ${c.params.maxNewTokens} new tokens.`;
}

export function evalMarkdown(report: EvalReport): string {
  const parts = [
    `## Evaluation: ${mdCell(report.set.label)}`,
    '',
    `${modelLine(report)} ${report.set.questions} questions${report.complete ? '' : ' (stopped early)'}; exported ${report.exportedAt}.`,
    '',
    mdTable(
      [
        'Mode',
        'Correct',
        'Answered',
        'Accuracy',
        '95 % CI (Wilson)',
        'Tokens / question',
        's / question',
        'Decode tok/s'
      ],
      report.summary.modes.map((m) => [
        MODE_LABELS[m.mode],
        m.correct,
        m.n,
        formatPercent(m.accuracy, 1),
        formatInterval(m.ci),
        fixed(m.meanGeneratedTokens, 1),
        fixed(m.meanSeconds, 2),
        fixed(m.medianDecodeTokensPerSec, 0)
      ])
    )
  ];
  if (report.summary.bySteps.length > 0) {
    parts.push(
      '',
      '### By number of steps',
      '',
      mdTable(
        ['Family', 'Steps', ...report.modes.map((m) => MODE_LABELS[m])],
        report.summary.bySteps.map((row) => [
          row.family,
          row.steps,
          ...report.modes.map((m) => {
            const t = row.tallies[m];
            return t === undefined || t.n === 0 ? null : `${t.correct}/${t.n} (${formatPercent(t.accuracy)})`;
          })
        ])
      )
    );
  }
  return `${parts.join('\n')}\n`;
}

export function runMarkdown(run: RunReport): string {
  return [
    `## ${mdCell(run.question)}`,
    '',
    `${modelLine(run)} Gold answer: ${mdCell(run.gold)}. Exported ${run.exportedAt}.`,
    '',
    mdTable(
      ['Mode', 'Answer', 'Right?', 'Prompt tokens', 'Generated', 'TTFT ms', 'Decode tok/s', 'Total ms', 'Output'],
      run.panes.map((p) => [
        MODE_LABELS[p.mode],
        p.answer,
        p.correct === null ? null : p.correct ? 'yes' : 'no',
        p.stats?.promptTokens ?? null,
        p.stats?.generatedTokens ?? null,
        fixed(p.stats?.ttftMs ?? null, 1),
        fixed(p.stats?.decodeTokensPerSec ?? null, 0),
        fixed(p.stats?.totalMs ?? null, 0),
        p.text.trim()
      ])
    ),
    ''
  ].join('\n');
}

/** `think-small-evaluation-2026-05-04T22-10-03.csv`: sortable, and valid on every file system. */
export function exportFileName(kind: Report['kind'], ext: 'json' | 'csv' | 'md' | 'png', isoDate: string): string {
  const stamp = isoDate.replace(/\.\d+Z$/, '').replace(/[:]/g, '-');
  return `think-small-${kind}-${stamp}.${ext}`;
}

export const EXPORT_FORMATS = ['json', 'csv', 'md'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_MIME: Record<ExportFormat, string> = {
  json: 'application/json',
  csv: 'text/csv;charset=utf-8',
  md: 'text/markdown;charset=utf-8'
};

export function serialize(report: Report, format: ExportFormat): string {
  switch (format) {
    case 'json':
      return toJson(report);
    case 'csv':
      return report.kind === 'evaluation' ? evalCsv(report.records, report.model) : runCsv(report);
    case 'md':
      return report.kind === 'evaluation' ? evalMarkdown(report) : runMarkdown(report);
  }
}
