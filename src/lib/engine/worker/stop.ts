/**
 * Where a generation should end early: the first occurrence of any stop sequence. A small model
 * trained on Q/A pairs often finishes its answer and starts inventing the next "Q:".
 */
export function firstStop(text: string, stops: readonly string[]): number {
  let at = -1;
  for (const s of stops) {
    if (s === '') continue;
    const i = text.indexOf(s);
    if (i !== -1 && (at === -1 || i < at)) at = i;
  }
  return at;
}

/** The text a stopped-by-sequence run keeps: everything before the stop sequence. */
export function cutAtStop(text: string, stops: readonly string[]): string {
  const at = firstStop(text, stops);
  return at === -1 ? text : text.slice(0, at);
}
