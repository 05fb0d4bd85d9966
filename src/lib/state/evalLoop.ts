import type { GenParams } from '../core/types.ts';
import type { Engine } from '../engine/client/engine.svelte.ts';
import type { EvalItem, EvalRecord } from '../eval/problemSet.ts';
import { isMode, type EvalMode, type Mode, type PromptFormat } from '../prompts/index.ts';
import { chainParams, type ConsistencySettings } from '../run/consistency.ts';
import { chunks } from '../run/batch.ts';
import type { Ask, EvalStage } from './evalStage.ts';

/** What the evaluation loop reads from and reports to its store. */
export interface LoopHooks {
  /** Questions per batch; 1 asks one generation at a time. */
  batchQuestions: number;
  stopRequested(): boolean;
  setCurrent(current: { index: number; mode: EvalMode }): void;
  record(record: EvalRecord): void;
  promptsFor(question: string): Record<EvalMode, string> | null;
  /** Self-consistency's chains and sampling, when it is one of the modes. */
  consistency: ConsistencySettings;
}

/**
 * Asks every question in every mode, in groups of `batchQuestions` questions, each mode of a group as one batch
 * (self-consistency last, a question's chains per batch). The panes show each group's first question; records
 * arrive in question order within each mode. A stopped generation ends the loop (it is partial: left out rather
 * than counted wrong); a cancel or a dead engine is thrown.
 */
export async function runEvaluation(
  stage: EvalStage,
  engine: Engine,
  items: readonly EvalItem[],
  modes: readonly EvalMode[],
  format: PromptFormat,
  params: GenParams,
  hooks: LoopHooks
): Promise<void> {
  const single = modes.filter(isMode);
  const chains = modes.includes('self-consistency');
  stage.begin(single);
  const indexed = items.map((item, index) => ({ item, index }));
  for (const group of chunks(indexed, hooks.batchQuestions)) {
    const shown = group[0];
    if (hooks.stopRequested() || shown === undefined) return stage.skipQueued();
    const asks: Ask[] = [];
    for (const { item, index } of group) {
      const prompts = hooks.promptsFor(item.question);
      if (prompts === null) throw new Error('the prompt format is not loaded');
      if (index === shown.index) stage.question(index, items.length, item, prompts, single, format);
      for (const mode of single) asks.push({ index, item, mode, prompt: prompts[mode], format, params });
    }
    const stopped =
      hooks.batchQuestions > 1
        ? await askByMode(stage, engine, asks, single, shown.index, hooks)
        : await askInTurn(stage, engine, asks, hooks);
    if (stopped || (chains && (await askChains(stage, engine, group, format, params, hooks))))
      return stage.skipQueued();
  }
}

/** Self-consistency on each question of the group, after its other modes; true when one was stopped. */
async function askChains(
  stage: EvalStage,
  engine: Engine,
  group: readonly { item: EvalItem; index: number }[],
  format: PromptFormat,
  params: GenParams,
  hooks: LoopHooks
): Promise<boolean> {
  for (const { item, index } of group) {
    if (hooks.stopRequested()) return true;
    const prompt = hooks.promptsFor(item.question)?.['self-consistency'];
    if (prompt === undefined) throw new Error('the prompt format is not loaded');
    hooks.setCurrent({ index, mode: 'self-consistency' });
    const chainsParams = chainParams(params, hooks.consistency);
    const record = await stage.askChains(
      engine,
      { index, item, prompt, format, params: chainsParams },
      hooks.consistency.k
    );
    if (record === null) return true;
    hooks.record(record);
  }
  return false;
}

/**
 * The group's questions one mode at a time, each mode's rows as one batch: rows of one mode have prompts of about
 * the same length, so little of the batch's KV cache is padding. True when one was stopped.
 */
async function askByMode(
  stage: EvalStage,
  engine: Engine,
  asks: readonly Ask[],
  modes: readonly Mode[],
  shown: number,
  hooks: LoopHooks
): Promise<boolean> {
  for (const mode of modes) {
    if (hooks.stopRequested()) return true;
    const rows = asks.filter((a) => a.mode === mode);
    if (rows.length > 0 && (await askTogether(stage, engine, rows, shown, hooks))) return true;
  }
  return false;
}

/** One generation at a time, in order; true when one was stopped. */
async function askInTurn(stage: EvalStage, engine: Engine, asks: readonly Ask[], hooks: LoopHooks): Promise<boolean> {
  for (const ask of asks) {
    if (hooks.stopRequested()) return true;
    hooks.setCurrent({ index: ask.index, mode: ask.mode });
    const record = await stage.ask(engine, ask);
    if (record === null) return true;
    hooks.record(record);
  }
  return false;
}

/** The group as one batch; records arrive in question order as each is settled. True when one was stopped. */
async function askTogether(
  stage: EvalStage,
  engine: Engine,
  asks: readonly Ask[],
  shown: number,
  hooks: LoopHooks
): Promise<boolean> {
  const first = asks[0];
  if (first === undefined) return false;
  hooks.setCurrent({ index: shown, mode: first.mode });
  // Every outcome is caught at once, so a later row's failure is never an unhandled rejection.
  const outcomes = stage.askTogether(engine, asks, shown).map((p) =>
    p.then(
      (record) => ({ record }),
      (error: unknown) => ({ error })
    )
  );
  let stopped = false;
  for (const outcome of outcomes) {
    const o = await outcome;
    if ('error' in o) throw o.error;
    if (o.record === null) stopped = true;
    else if (!stopped) hooks.record(o.record);
  }
  return stopped;
}
