import type { TokenInfo } from '../core/types.ts';
import { branchPrompt, canBranchAt, clipTokens, isFork, runnerUp, textBefore } from '../run/confidence.ts';
import { BranchState, type BranchRunner, type BranchSource } from './branchRun.svelte.ts';

/** What the view reads of its pane: the run's prompt and grading, and the text the tokens made. */
export interface ConfidenceSource extends BranchSource {
  text: string;
}

/**
 * One pane's token confidence view: whether it is on, the generated tokens with their probabilities (sent by
 * the worker only when a run asked for them), the token whose alternatives are shown, and the other branch.
 */
export class ConfidenceState {
  readonly #source: () => ConfidenceSource;
  #runner: BranchRunner | null = null;
  #on = $state(false);
  /** Replaced, not pushed to: a deep proxy per token would cost more than the tokens themselves. */
  #tokens = $state.raw<readonly TokenInfo[]>([]);
  #active = $state<number | null>(null);
  /** Focus or a tap holds the popover open; a hover only lasts while the pointer stays. */
  #pinned = false;
  #branch = $state.raw<BranchState | null>(null);

  constructor(source: () => ConfidenceSource) {
    this.#source = source;
  }

  /** Given once by the run that owns the pane: branches go through its engine. */
  connect(runner: BranchRunner): void {
    this.#runner = runner;
  }

  get on(): boolean {
    return this.#on;
  }
  toggle(): void {
    this.#on = !this.#on;
    if (!this.#on) this.close();
  }

  /** The tokens of the pane's text (a stop sequence's tokens past its end are left out). */
  readonly tokens = $derived.by((): readonly TokenInfo[] => clipTokens(this.#tokens, this.#source().text));

  /** A span per token only while the view is on and has probabilities to show. */
  get showTokens(): boolean {
    return this.#on && this.tokens.length > 0;
  }
  /** The pane has text but no probabilities: written with the view off, or by an evaluation. */
  get missing(): boolean {
    return this.#tokens.length === 0 && this.#source().text !== '';
  }

  get active(): number | null {
    return this.#active;
  }
  get activeToken(): TokenInfo | null {
    return this.#active === null ? null : (this.tokens[this.#active] ?? null);
  }

  hover(index: number): void {
    if (!this.#pinned) this.#active = index;
  }
  unhover(): void {
    if (!this.#pinned) this.#active = null;
  }
  focus(index: number): void {
    this.#active = index;
    this.#pinned = true;
  }
  /** Focus left the tokens, or Escape. */
  close(): void {
    this.#pinned = false;
    this.#active = null;
  }

  isFork(index: number): boolean {
    const info = this.tokens[index];
    return info !== undefined && isFork(info);
  }

  /** Whether the fork at `index` is on a greedy path, so "the other branch" is a single path. */
  greedyFork(index: number): boolean {
    return canBranchAt(this.tokens, index);
  }

  /** A branch can start from `index` now: a greedy fork, the engine free, no branch of this pane running. */
  canBranch(index: number): boolean {
    return this.#runner?.ready === true && this.#branch?.status !== 'running' && this.greedyFork(index);
  }

  get branch(): BranchState | null {
    return this.#branch;
  }

  /** Regenerates from the fork at `index` with its runner-up written instead; one branch per pane at a time. */
  takeBranch(index: number): Promise<void> {
    const info = this.tokens[index];
    const alternative = info === undefined ? null : runnerUp(info);
    const runner = this.#runner;
    if (!this.canBranch(index) || info === undefined || alternative === null || runner === null)
      return Promise.resolve();
    // The popover has done its job, and the branch opens below the text, where its token may scroll out of view.
    this.close();
    const source = this.#source();
    const branch = new BranchState(source, index, textBefore(this.tokens, index), info, alternative);
    this.#branch = branch;
    return branch.run(runner, branchPrompt(source.prompt, this.tokens, index, alternative.text));
  }

  stopBranch(): void {
    if (this.#branch?.status === 'running') this.#runner?.stop();
  }

  closeBranch(): void {
    if (this.#branch?.status !== 'running') this.#branch = null;
  }

  /** The worker's reports for a group of streamed tokens: none unless the run asked for them. */
  add(tokens: readonly TokenInfo[]): void {
    if (tokens.length > 0) this.#tokens = [...this.#tokens, ...tokens];
  }

  /** A new run (or none): its tokens, popover and branch belong to the text that is going. */
  clear(): void {
    this.#tokens = [];
    this.#branch = null;
    this.close();
  }
}
