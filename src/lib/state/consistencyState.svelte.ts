import { DEFAULT_CONSISTENCY, sanitizeConsistency, type ConsistencySettings } from '../run/consistency.ts';

/**
 * Self-consistency's switch for runs and its settings, shared by runs, evaluations and permalinks. An
 * evaluation switches it on as one of its modes instead.
 */
export class ConsistencyState {
  #on = $state(false);
  #settings = $state<ConsistencySettings>(DEFAULT_CONSISTENCY);

  /** Whether a run samples the chains after the three modes. */
  get on(): boolean {
    return this.#on;
  }
  get settings(): ConsistencySettings {
    return this.#settings;
  }
  setOn(on: boolean): void {
    this.#on = on;
  }
  setSettings(patch: Partial<ConsistencySettings>): void {
    this.#settings = sanitizeConsistency(patch, this.#settings);
  }
}
