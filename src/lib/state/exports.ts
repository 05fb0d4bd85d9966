import { EXPORT_MIME, exportFileName, serialize, type ExportFormat, type Report } from '../eval/export.ts';
import { downloadText } from '../export/download.ts';
import type { AppState } from './app.svelte.ts';
import type { EvalState } from './eval.svelte.ts';
import { runReport } from './report.ts';

function save(report: Report | null, format: ExportFormat): void {
  if (report === null) return;
  downloadText(exportFileName(report.kind, format, report.exportedAt), EXPORT_MIME[format], serialize(report, format));
}

export function exportEvaluation(evaluation: EvalState, format: ExportFormat): void {
  save(evaluation.report(Date.now()), format);
}

export function exportRun(app: AppState, parameters: number | null, format: ExportFormat): void {
  save(runReport(app, parameters, Date.now()), format);
}
