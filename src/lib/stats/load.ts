import type { LoadProgress, LoadTimings } from '../core/types.ts';

export function totalLoadMs(t: LoadTimings): number {
  return t.downloadMs + t.sessionMs + t.warmupMs;
}

export interface ProgressSummary {
  loadedBytes: number;
  totalBytes: number;
  /** 0..1, or null while no file has announced its size. */
  fraction: number | null;
}

/** Files report separately; the bar shows them as one. A file's latest report replaces its earlier ones. */
export function mergeProgress(files: ReadonlyMap<string, LoadProgress>): ProgressSummary {
  let loadedBytes = 0;
  let totalBytes = 0;
  for (const p of files.values()) {
    loadedBytes += Math.min(p.loadedBytes, p.totalBytes);
    totalBytes += p.totalBytes;
  }
  return { loadedBytes, totalBytes, fraction: totalBytes > 0 ? loadedBytes / totalBytes : null };
}
