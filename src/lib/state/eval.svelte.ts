import { modelFileUrl } from '../engine/model.ts';
import { summarize, type EvalSummary } from '../eval/aggregate.ts';
import type { EvalReport, ExportContext } from '../eval/export.ts';
import { llamaParameterCount } from '../eval/modelSize.ts';
import { parseProblemSet } from '../eval/parse.ts';
import { SET_LIMITS, clampInt, generatedSet, presetSet } from '../eval/sets.ts';
import type { EvalItem, EvalRecord, ProblemSet, SetFamily } from '../eval/types.ts';
import { MODES, finalAnswer, isCorrect, type Mode, type PromptFormat } from '../prompts/index.ts';
import { runStats } from '../stats/index.ts';
import type { AppState } from './app.svelte.ts';
import { exportContext, isoTime } from './report.ts';
import type { LinkSet } from './url.ts';

export type EvalStatus = 'idle' | 'running' | 'done' | 'stopped' | 'error';
export const SET_CHOICES = ['generated', 'presets', 'uploaded'] as const;
export type SetChoice = (typeof SET_CHOICES)[number];
export type CostAxis = 'tokens' | 'seconds';

/** A fresh page evaluates 50 mixed held-out questions: large enough for an interval, short enough for a talk. */
export const DEFAULT_SET: LinkSet = { kind: 'generated', family: 'mixed', count: 50, seed: 2022 };

function messageOf(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

/** An evaluation: a problem set run through the chosen modes, one generation at a time, results as they come. */
export class EvalState {
  readonly #app: AppState;
  #choice = $state<SetChoice>('generated');
  #family = $state<SetFamily>('mixed');
  #count = $state(50);
  #seed = $state(2022);
  #uploaded = $state.raw<ProblemSet | null>(null);
  #uploadErrors = $state.raw<string[]>([]);
  #uploadWarnings = $state.raw<string[]>([]);
  #modes = $state.raw<Mode[]>([...MODES]);
  #records = $state.raw<EvalRecord[]>([]);
  #status = $state<EvalStatus>('idle');
  #error = $state<string | null>(null);
  #runSet = $state.raw<ProblemSet | null>(null);
  #runModes = $state.raw<Mode[]>([]);
  /** Settings as they were when the run started: later edits must not relabel its results. */
  #runContext: ExportContext | null = null;
  #current = $state.raw<{ index: number; mode: Mode } | null>(null);
  #parameters = $state<number | null>(null);
  #costAxis = $state<CostAxis>('tokens');
  #stopRequested = false;

  constructor(app: AppState) {
    this.#app = app;
    this.applyLinkSet(DEFAULT_SET);
  }

  get choice(): SetChoice {
    return this.#choice;
  }
  get family(): SetFamily {
    return this.#family;
  }
  get count(): number {
    return this.#count;
  }
  get seed(): number {
    return this.#seed;
  }
  get uploaded(): ProblemSet | null {
    return this.#uploaded;
  }
  get uploadErrors(): readonly string[] {
    return this.#uploadErrors;
  }
  get uploadWarnings(): readonly string[] {
    return this.#uploadWarnings;
  }
  get modes(): readonly Mode[] {
    return this.#modes;
  }
  get records(): readonly EvalRecord[] {
    return this.#records;
  }
  get status(): EvalStatus {
    return this.#status;
  }
  get error(): string | null {
    return this.#error;
  }
  /** The set and modes of the current or last run (the selection may have changed since). */
  get runSet(): ProblemSet | null {
    return this.#runSet;
  }
  /** The family of the run's set where one is known: a generated set names it, items of one family imply it. */
  get runFamily(): SetFamily | null {
    const set = this.#runSet;
    if (set === null) return null;
    if (set.source.kind === 'generated') return set.source.family;
    const first = set.items[0]?.family ?? null;
    return first !== null && set.items.every((i) => i.family === first) ? first : 'mixed';
  }
  get runModes(): readonly Mode[] {
    return this.#runModes;
  }
  get current(): { index: number; mode: Mode } | null {
    return this.#current;
  }
  /** The bundled model's size, counted from its config.json. */
  get parameters(): number | null {
    return this.#parameters;
  }
  get costAxis(): CostAxis {
    return this.#costAxis;
  }
  get running(): boolean {
    return this.#status === 'running';
  }
  get total(): number {
    return (this.#runSet?.items.length ?? 0) * this.#runModes.length;
  }
  get done(): number {
    return this.#records.length;
  }

  /** The set the next run would use. */
  readonly set = $derived.by((): ProblemSet | null => {
    switch (this.#choice) {
      case 'generated':
        return generatedSet(this.#family, this.#count, this.#seed);
      case 'presets':
        return presetSet();
      case 'uploaded':
        return this.#uploaded;
    }
  });

  readonly summary = $derived.by((): EvalSummary => summarize(this.#records, this.#runModes));

  get canStart(): boolean {
    return (
      this.#status !== 'running' &&
      !this.#app.running &&
      this.#app.engine.status === 'ready' &&
      this.#app.format !== null &&
      this.set !== null &&
      this.#modes.length > 0
    );
  }

  setChoice(c: SetChoice): void {
    this.#choice = c;
  }
  setFamily(f: SetFamily): void {
    this.#family = f;
  }
  setCount(n: number): void {
    this.#count = clampInt(n, 1, SET_LIMITS.maxItems, this.#count);
  }
  setSeed(n: number): void {
    this.#seed = clampInt(n, 0, SET_LIMITS.maxSeed, this.#seed);
  }
  setMode(mode: Mode, on: boolean): void {
    this.#modes = MODES.filter((m) => (m === mode ? on : this.#modes.includes(m)));
  }
  setModes(modes: readonly Mode[]): void {
    this.#modes = MODES.filter((m) => modes.includes(m));
  }
  setCostAxis(axis: CostAxis): void {
    this.#costAxis = axis;
  }

  applyLinkSet(set: LinkSet): void {
    if (set.kind === 'presets') {
      this.#choice = 'presets';
      return;
    }
    this.#choice = 'generated';
    this.setFamily(set.family);
    this.setCount(set.count);
    this.setSeed(set.seed);
  }

  /** The selection as a link names it; an uploaded set is too large for a link, so the generated one stands in. */
  get linkSet(): LinkSet {
    return this.#choice === 'presets'
      ? { kind: 'presets' }
      : { kind: 'generated', family: this.#family, count: this.#count, seed: this.#seed };
  }

  /** A pasted or uploaded set; on errors the previous set stays and the errors are shown. */
  useText(text: string, name?: string): void {
    const result = parseProblemSet(text, name);
    if (!result.ok) {
      this.#uploadErrors = result.errors;
      this.#uploadWarnings = [];
      return;
    }
    this.#uploaded = result.set;
    this.#uploadErrors = [];
    this.#uploadWarnings = result.warnings;
    this.#choice = 'uploaded';
  }

  /** The size is checked before the file is read, so a huge file is never loaded into memory. */
  async useFile(file: File): Promise<void> {
    if (file.size > SET_LIMITS.maxBytes) {
      this.#uploadErrors = [`${file.name} is ${file.size} bytes; the limit is ${SET_LIMITS.maxBytes}`];
      return;
    }
    try {
      this.useText(await file.text(), file.name);
    } catch (err) {
      this.#uploadErrors = [`${file.name} could not be read: ${messageOf(err)}`];
    }
  }

  async loadModelInfo(): Promise<void> {
    try {
      const res = await fetch(modelFileUrl(this.#app.model, 'config.json'));
      if (!res.ok) return;
      this.#parameters = llamaParameterCount(await res.json());
    } catch {
      // The size is context for the comparison; without it the page shows a dash.
    }
  }

  async run(): Promise<void> {
    const set = this.set;
    const format = this.#app.format;
    if (!this.canStart || set === null || format === null) return;
    const modes = [...this.#modes];
    const params = this.#app.runParams;
    this.#runSet = set;
    this.#runModes = modes;
    this.#runContext = exportContext(this.#app, this.#parameters, Date.now());
    this.#records = [];
    this.#error = null;
    this.#stopRequested = false;
    this.#status = 'running';
    this.#app.setEvaluating(true);
    try {
      await this.#runAll(set.items, modes, format, params);
      this.#status = this.#stopRequested ? 'stopped' : 'done';
    } catch (err) {
      this.#error = messageOf(err);
      this.#status = 'error';
    } finally {
      this.#current = null;
      this.#app.setEvaluating(false);
    }
  }

  stop(): void {
    if (this.#status !== 'running') return;
    this.#stopRequested = true;
    this.#app.engine.interrupt();
  }

  async #runAll(
    items: readonly EvalItem[],
    modes: readonly Mode[],
    format: PromptFormat,
    params: AppState['runParams']
  ): Promise<void> {
    for (const [index, item] of items.entries()) {
      const prompts = this.#app.promptsFor(item.question);
      if (prompts === null) throw new Error('the prompt format is not loaded');
      for (const mode of modes) {
        if (this.#stopRequested) return;
        this.#current = { index, mode };
        const record = await this.#ask(index, item, mode, prompts[mode], format, params);
        // An interrupted generation is partial: it is left out rather than counted wrong.
        if (record === null) return;
        this.#records = [...this.#records, record];
      }
    }
  }

  async #ask(
    index: number,
    item: EvalItem,
    mode: Mode,
    prompt: string,
    format: PromptFormat,
    params: AppState['runParams']
  ): Promise<EvalRecord | null> {
    const base = {
      index,
      itemId: item.id,
      mode,
      question: item.question,
      gold: item.gold,
      family: item.family,
      steps: item.steps
    };
    try {
      const result = await this.#app.engine.generate(mode, prompt, params);
      if (result.stopped) return null;
      const stats = runStats(result.timings);
      const predicted = finalAnswer(format, prompt, result.text);
      return {
        ...base,
        text: result.text,
        predicted,
        correct: isCorrect(predicted, item.gold),
        error: null,
        promptTokens: stats.promptTokens,
        generatedTokens: stats.generatedTokens,
        ttftMs: stats.ttftMs,
        decodeTokensPerSec: stats.decodeTokensPerSec,
        totalMs: stats.totalMs
      };
    } catch (err) {
      // A dead engine fails every later question too: end the run instead of filling the table with errors.
      if (this.#app.engine.status !== 'ready') throw err;
      return {
        ...base,
        text: '',
        predicted: null,
        correct: false,
        error: messageOf(err),
        promptTokens: 0,
        generatedTokens: 0,
        ttftMs: null,
        decodeTokensPerSec: null,
        totalMs: 0
      };
    }
  }

  /** The last run with its context, for export; null before any result. */
  report(nowMs: number): EvalReport | null {
    const set = this.#runSet;
    const context = this.#runContext;
    if (set === null || context === null || this.#records.length === 0) return null;
    return {
      kind: 'evaluation',
      ...context,
      exportedAt: isoTime(nowMs),
      model: { ...context.model, parameters: this.#parameters },
      set: { label: set.label, source: set.source, questions: set.items.length },
      modes: [...this.#runModes],
      complete: this.#status === 'done',
      summary: this.summary,
      records: [...this.#records]
    };
  }
}
