import type { Device } from '../../core/types.ts';

/** A run has three panes: a fourth copy would idle during runs, and hold its weights for evaluations alone. */
export const MAX_ENGINE_COPIES = 3;

export interface CopiesInput {
  device: Device;
  /** The weights are small enough that holding them once per copy costs little (the bundled model: 3.6 MB). */
  smallModel: boolean;
  /** `navigator.hardwareConcurrency`. */
  cores: number;
  /** ORT threads of the main copy; every other copy runs one. */
  threads: number;
}

/**
 * How many copies of the engine run a run's panes side by side (and an evaluation's batch, one part each). On
 * WASM one copy steps its rows one after another on one core, and no way of stepping three rows on one core costs
 * much less than three rows (BENCHMARKS.md: in turns 1.03× one at a time, one padded batch 0.81×), so the panes
 * only finish sooner when each has a core of its own. Each copy holds its own runtime and weights, so only a small
 * model gets them; a GPU steps the rows as one batch instead.
 */
export function chooseCopies({ device, smallModel, cores, threads }: CopiesInput): number {
  if (device !== 'wasm' || !smallModel) return 1;
  const spare = Math.floor(cores) - Math.max(1, threads);
  return Math.max(1, Math.min(MAX_ENGINE_COPIES, 1 + spare));
}

/**
 * The copy each row runs on (0 is the main copy), longest prompt first onto the least-loaded copy: a row's cost
 * grows with its prompt (the few-shot pane's exemplars), so the longest gets a copy to itself and the short ones
 * share; rows of one length (an evaluation's) take the copies in turn. Ties go to the lower copy, so one row
 * always runs on the main copy.
 */
export function spreadRows(promptLengths: readonly number[], copies: number): number[] {
  const n = Math.max(1, Math.min(Math.floor(copies), promptLengths.length));
  const load = Array.from({ length: n }, () => 0);
  const where = promptLengths.map(() => 0);
  const order = promptLengths.map((len, i) => ({ len, i })).sort((a, b) => b.len - a.len || a.i - b.i);
  for (const { len, i } of order) {
    let best = 0;
    for (let c = 1; c < n; c++) if ((load[c] ?? 0) < (load[best] ?? 0)) best = c;
    where[i] = best;
    load[best] = (load[best] ?? 0) + len + 1;
  }
  return where;
}
