/** Small checks on unknown values and numbers that several layers need: one copy each. */

/** A plain object (not null, not an array): the shape JSON objects parse to. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` rounded and held within [min, max]; `fallback` when it is not a finite number. */
export function clampInt(value: number, min: number, max: number, fallback: number): number {
  if (!Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.round(value)));
}

/** `value` held within [min, max]; `fallback` when it is not a finite number. */
export function clamp(value: number, min: number, max: number, fallback: number): number {
  if (!Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, value));
}

/** An error's message alone, for sentences that already say what failed. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** An error as `Name: message`, where the kind of failure is the news (a pane's or a record's error). */
export function describeError(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
