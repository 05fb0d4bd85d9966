import type { GenParams } from '../core/types.ts';
import type { Engine } from '../engine/client/engine.svelte.ts';
import type { RunResult } from '../engine/client/runTypes.ts';
import { CancelledError, userMessage } from '../engine/shared/errors.ts';
import type { EvalItem, EvalRecord } from '../eval/problemSet.ts';
import { answeredRecord, failedRecord, votedRecord } from '../eval/records.ts';
import { MODES, SELF_CONSISTENCY, type EvalMode, type Mode, type PromptFormat } from '../prompts/index.ts';
import type { PaneState } from './paneState.svelte.ts';

/** One question in one mode, as the evaluation asks it. */
export interface Ask {
  index: number;
  item: EvalItem;
  mode: Mode;
  prompt: string;
  format: PromptFormat;
  params: GenParams;
}

/**
 * The page's three panes as an evaluation's stage: each question streams into them live, with its number
 * and text as the caption, so a room sees what is being evaluated. Without panes (tests, no page) it is
 * a no-op.
 */
export class EvalStage {
  readonly #panes: Readonly<Record<Mode, PaneState>> | null;

  constructor(panes: Readonly<Record<Mode, PaneState>> | null) {
    this.#panes = panes;
  }

  /** Modes left out of the evaluation must not keep an older run's verdict next to its questions. */
  begin(modes: readonly Mode[]): void {
    if (this.#panes !== null) for (const m of MODES) if (!modes.includes(m)) this.#panes[m].skip();
  }

  question(
    index: number,
    total: number,
    item: EvalItem,
    prompts: Record<Mode, string>,
    modes: readonly Mode[],
    format: PromptFormat
  ): void {
    const caption = `Evaluation, question ${index + 1} of ${total}: ${item.question}`;
    if (this.#panes !== null) for (const m of modes) this.#panes[m].queue(prompts[m], format, item.gold, caption);
  }

  /**
   * Asks the engine one question, streaming into its mode's pane. A stopped generation gives null (it is
   * partial, left out rather than counted wrong); a failed one, an error record. A cancel, or a dead
   * engine that would fail every later question too, is thrown: it ends the evaluation.
   */
  async ask(engine: Engine, q: Ask): Promise<EvalRecord | null> {
    const pane = this.#panes?.[q.mode] ?? null;
    pane?.start();
    const result = engine.generate('evaluation', q.prompt, q.params, pane?.stream ?? {});
    return this.#settle(engine, q, pane, result);
  }

  /**
   * Asks several questions (each in its modes) as one batch. The panes stream the rows of question `shown`;
   * the others run unseen. One outcome per ask, settled as `ask` settles it.
   */
  askTogether(engine: Engine, asks: readonly Ask[], shown: number): Promise<EvalRecord | null>[] {
    const first = asks[0];
    if (first === undefined) return [];
    const panes = asks.map((q) => (q.index === shown ? (this.#panes?.[q.mode] ?? null) : null));
    for (const pane of panes) pane?.start();
    const batch = engine.generateTogether(
      'evaluation',
      asks.map((q, i) => ({ prompt: q.prompt, callbacks: panes[i]?.stream ?? {} })),
      first.params
    );
    return batch.results.map((result, i) => this.#settle(engine, asks[i] ?? first, panes[i] ?? null, result));
  }

  async #settle(
    engine: Engine,
    q: Ask,
    pane: PaneState | null,
    result: Promise<RunResult>
  ): Promise<EvalRecord | null> {
    try {
      const r = await result;
      pane?.finish(r);
      return r.stopped ? null : answeredRecord(q.index, q.item, q.mode, q.prompt, q.format, r);
    } catch (err) {
      if (err instanceof CancelledError) pane?.abort(err.message);
      else pane?.fail(userMessage(err));
      return this.#failed(engine, q.index, q.item, q.mode, err);
    }
  }

  /** A failed generation's record; a cancel, or a dead engine that would fail every later question too, is thrown. */
  #failed(engine: Engine, index: number, item: EvalItem, mode: EvalMode, err: unknown): EvalRecord {
    if (err instanceof CancelledError || engine.status !== 'ready') {
      this.skipQueued();
      throw err;
    }
    return failedRecord(index, item, mode, userMessage(err));
  }

  /**
   * Self-consistency on one question: `k` chains of its zero-shot-CoT prompt as one batch, settled together
   * and marked by their vote. It has no pane on the stage; the log shows its record when the vote is in. A
   * stopped chain makes the question partial (null), as a stopped generation does.
   */
  async askChains(engine: Engine, q: Omit<Ask, 'mode'>, k: number): Promise<EvalRecord | null> {
    const quiet = {};
    const batch = engine.generateTogether(
      'evaluation',
      Array.from({ length: k }, () => ({ prompt: q.prompt, callbacks: quiet })),
      q.params
    );
    // Every chain settles before the question does: a failed one must not leave the others unhandled.
    const settled = await Promise.allSettled(batch.results);
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed !== undefined) return this.#failed(engine, q.index, q.item, SELF_CONSISTENCY, failed.reason);
    const results = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    return results.some((r) => r.stopped) ? null : votedRecord(q.index, q.item, q.prompt, q.format, results);
  }

  /** After a stop, the panes still waiting for this question's turn say they were skipped. */
  skipQueued(): void {
    if (this.#panes !== null) for (const m of MODES) this.#panes[m].cancel();
  }
}
