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
