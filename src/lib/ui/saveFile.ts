import { EXPORT_MIME, exportFileName, serialize, type ExportFormat, type Report } from '../eval/reportFormats.ts';

/** Saves text or a data URL as a file through a temporary link: no server, nothing leaves the page. */
export function downloadText(fileName: string, mime: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  downloadUrl(fileName, url);
  // The click has started the download; the object URL can go on the next task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function downloadUrl(fileName: string, url: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** Saves a run or evaluation report in one of the export formats; nothing to save, nothing happens. */
export function saveReport(report: Report | null, format: ExportFormat): void {
  if (report === null) return;
  downloadText(exportFileName(report.kind, format, report.exportedAt), EXPORT_MIME[format], serialize(report, format));
}
