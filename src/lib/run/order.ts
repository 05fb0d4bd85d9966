import { MODES, type Mode } from '../prompts/index.ts';

/**
 * The order the modes run in. Rotating moves each mode to a different slot on every run, so no mode
 * always pays for a cold cache or always benefits from a warm one.
 */
export function runOrder(runIndex: number, rotate: boolean): Mode[] {
  if (!rotate) return [...MODES];
  const n = MODES.length;
  const shift = ((runIndex % n) + n) % n;
  return [...MODES.slice(shift), ...MODES.slice(0, shift)];
}
