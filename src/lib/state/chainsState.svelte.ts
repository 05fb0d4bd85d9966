import type { GenParams, RunTimings } from '../core/types.ts';
import type { Engine } from '../engine/client/engine.svelte.ts';
import { vote, type Vote } from '../eval/vote.ts';
import { SELF_CONSISTENCY, isCorrect, type PromptFormat } from '../prompts/index.ts';
import type { PaneReport } from '../eval/reportFormats.ts';
import { numberedChains } from '../eval/records.ts';
import { chainParams, type ConsistencySettings } from '../run/consistency.ts';
import { chainsStats, type ChainsStats } from '../stats/index.ts';
import { PaneState, type PaneStatus, type PaneVerdict } from './paneState.svelte.ts';

/**
 * Self-consistency on the live question: k zero-shot-CoT chains sampled as one batch, each streaming into its
 * own small pane, then a vote. RunState runs it after the three modes when ConsistencyState is on.
 */
export class ChainsState {
  #chains = $state.raw<PaneState[]>([]);
  #timings = $state.raw<RunTimings[]>([]);
  /** The settings the shown chains were sampled with (the switch's may have changed since). */
  #sampled = $state.raw<ConsistencySettings | null>(null);
  #stopAll: (() => void) | null = null;

  /** The gold answer the vote is marked against; null when the question has none. */
  get gold(): string | null {
    return this.#chains[0]?.gold ?? null;
  }
  /** One pane per chain, in the order they were sampled. */
  get chains(): readonly PaneState[] {
    return this.#chains;
  }

  /** Running while any chain runs; then done only if every chain ended on its own. */
  readonly status = $derived.by((): PaneStatus => {
    const statuses = this.#chains.map((c) => c.status);
    if (statuses.length === 0) return 'idle';
    if (statuses.some((s) => s === 'running' || s === 'queued')) return 'running';
    if (statuses.every((s) => s === 'error')) return 'error';
    return statuses.every((s) => s === 'done') ? 'done' : 'stopped';
  });

  /** The chains' answers counted; an answer is only read once its chain has ended. */
  readonly vote = $derived.by((): Vote => vote(this.#chains.map((c) => c.answer)));

  /** Graded like a pane: only when every chain ended on its own, against a known gold answer. */
  readonly verdict = $derived.by((): PaneVerdict => {
    const gold = this.gold;
    if (gold === null || this.status !== 'done') return 'none';
    return isCorrect(this.vote.majority, gold) ? 'right' : 'wrong';
  });

  readonly stats = $derived.by((): ChainsStats | null => chainsStats(this.#timings));

  /** Samples the chains from zero-shot CoT's prompt through the engine's queue, as one batch. */
  async run(
    engine: Engine,
    prompt: string,
    format: PromptFormat,
    gold: string | null,
    base: GenParams,
    settings: ConsistencySettings
  ): Promise<void> {
    const chains = Array.from({ length: settings.k }, () => new PaneState('zero-shot-cot'));
    for (const c of chains) c.queue(prompt, format, gold);
    this.#chains = chains;
    this.#sampled = { ...settings };
    this.#timings = [];
    for (const c of chains) c.start();
    const batch = engine.generateTogether(
      'run',
      chains.map((c) => ({ prompt, callbacks: c.stream })),
      chainParams(base, settings)
    );
    this.#stopAll = () => chains.forEach((_, i) => batch.stop(i));
    try {
      const results = await Promise.all(batch.results.map((result, i) => chains[i]?.settle(result)));
      this.#timings = results.flatMap((r) => (r === null || r === undefined ? [] : [r.timings]));
    } finally {
      this.#stopAll = null;
    }
  }

  /** The chains as the run's export shows them: one row after the three modes; null before any chain ran. */
  report(): PaneReport | null {
    const chains = this.#chains;
    const first = chains[0];
    const settings = this.#sampled;
    if (first === undefined || settings === null) return null;
    const stats = this.stats;
    return {
      mode: SELF_CONSISTENCY,
      status: this.status,
      prompt: first.prompt,
      text: numberedChains(chains.map((c) => c.text)),
      answer: this.vote.majority,
      correct: this.verdict === 'none' ? null : this.verdict === 'right',
      stats:
        stats === null
          ? null
          : {
              promptTokens: first.promptTokens ?? 0,
              keptTokens: this.#timings[0]?.keptTokens ?? 0,
              generatedTokens: stats.generatedTokens,
              ttftMs: stats.ttftMs,
              prefillTokensPerSec: null,
              decodeTokensPerSec: stats.tokensPerSec,
              totalMs: stats.totalMs,
              batchRows: this.#timings[0]?.batchRows ?? 1,
              turnRows: this.#timings[0]?.turnRows ?? 1
            },
      chains: { ...settings, answers: chains.map((c) => c.answer) }
    };
  }

  /** Ends every chain where it is: the partial chains stay, and the vote counts what they have answered. */
  stop(): void {
    this.#stopAll?.();
  }

  /** The model changed: the old chains no longer belong to the page. */
  reset(): void {
    this.#chains = [];
    this.#sampled = null;
    this.#timings = [];
  }
}
