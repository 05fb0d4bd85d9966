/** One file's download, as the progress bars show it. */
export interface FileTransfer {
  file: string;
  loadedBytes: number;
  totalBytes: number;
  fromCache: boolean;
}

export interface TransferTotals {
  loadedBytes: number;
  totalBytes: number;
  fraction: number;
}

export function transferTotals(files: readonly FileTransfer[]): TransferTotals {
  let loadedBytes = 0;
  let totalBytes = 0;
  for (const f of files) {
    loadedBytes += f.loadedBytes;
    totalBytes += Math.max(f.totalBytes, f.loadedBytes);
  }
  return { loadedBytes, totalBytes, fraction: totalBytes === 0 ? 0 : loadedBytes / totalBytes };
}

/** A (time, bytes so far) reading; speed is taken over the last few seconds so it follows the network. */
export interface ByteSample {
  atMs: number;
  bytes: number;
}

export const SPEED_WINDOW_MS = 3000;

/** Keeps the samples inside the window (and one before it, so the window is always spanned). */
export function addSample(samples: readonly ByteSample[], next: ByteSample): ByteSample[] {
  const out = [...samples, next];
  while (out.length > 2 && (out[1]?.atMs ?? next.atMs) <= next.atMs - SPEED_WINDOW_MS) out.shift();
  return out;
}

/** Bytes per second over the samples, or null until there is time between them. */
export function bytesPerSec(samples: readonly ByteSample[]): number | null {
  const first = samples[0];
  const last = samples.at(-1);
  if (first === undefined || last === undefined || last.atMs <= first.atMs) return null;
  return ((last.bytes - first.bytes) * 1000) / (last.atMs - first.atMs);
}

/** Downloads past this size ask first: on a metered or slow connection a gigabyte is not a click. */
export const CONFIRM_ABOVE_BYTES = 100_000_000;

export function needsConfirmation(bytesToDownload: number): boolean {
  return bytesToDownload > CONFIRM_ABOVE_BYTES;
}
