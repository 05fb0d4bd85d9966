/** A data URL's bytes as a Blob, read in place: the page's CSP need not allow fetching data: URLs. */
export function dataUrlBlob(url: string): Blob {
  const comma = url.indexOf(',');
  const mime = /^data:([^;,]+)/.exec(url)?.[1] ?? 'application/octet-stream';
  const binary = atob(url.slice(comma + 1));
  return new Blob([Uint8Array.from(binary, (c) => c.charCodeAt(0))], { type: mime });
}

/** Puts a PNG on the clipboard, for pasting straight into a slide; the browser may refuse (no permission). */
export async function copyImage(pngDataUrl: string): Promise<void> {
  await navigator.clipboard.write([new ClipboardItem({ 'image/png': dataUrlBlob(pngDataUrl) })]);
}
