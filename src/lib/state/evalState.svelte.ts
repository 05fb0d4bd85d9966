import { clampInt, describeError } from '../core/values.ts';
import type { CostAxis } from '../charts/specs.ts';
import { CancelledError, userMessage } from '../engine/shared/errors.ts';
import { summarize, type EvalSummary } from '../eval/aggregate.ts';
import { parseProblemSet } from '../eval/parse.ts';
import { answeredQuestions, runLabel } from '../eval/runLabel.ts';
import { isoTime } from '../eval/reportContext.ts';
import type { EvalReport, ExportContext } from '../eval/reportFormats.ts';
import { SET_LIMITS, familyOf, generatedSet, presetSet } from '../eval/sets.ts';
import type { EvalRecord, ProblemSet, SetFamily } from '../eval/problemSet.ts';
import type { LinkSet } from '../link/permalink.ts';
import { EVAL_MODES, MODES, type EvalMode, type Mode } from '../prompts/index.ts';
import type { AppState } from './appState.svelte.ts';
import { EVAL_BATCH_QUESTIONS } from '../run/batch.ts';
import type { ConsistencySettings } from '../run/consistency.ts';
import { runEvaluation } from './evalLoop.ts';
import { EvalStage } from './evalStage.ts';
import type { PaneState } from './paneState.svelte.ts';

export type EvalStatus = 'idle' | 'running' | 'done' | 'stopped' | 'error';
export const SET_CHOICES = ['generated', 'presets', 'uploaded'] as const;
export type SetChoice = (typeof SET_CHOICES)[number];

/** A fresh page evaluates 50 mixed held-out questions: large enough for an interval, short enough for a talk. */
export const DEFAULT_SET: LinkSet = { kind: 'generated', family: 'mixed', count: 50, seed: 2022 };

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
  /** Self-consistency is off by default: it costs k generations a question. */
  #modes = $state.raw<EvalMode[]>([...MODES]);
  #records = $state.raw<EvalRecord[]>([]);
  #status = $state<EvalStatus>('idle');
  #error = $state<string | null>(null);
  #runSet = $state.raw<ProblemSet | null>(null);
  #runModes = $state.raw<EvalMode[]>([]);
  /** Settings as they were when the run started: later edits must not relabel its results. */
  #runContext: ExportContext | null = null;
  #current = $state.raw<{ index: number; mode: EvalMode } | null>(null);
  /** The user's choice; null follows the backend, as RunState.together does. */
  #batched = $state<boolean | null>(null);
  #stopNote = $state<string | null>(null);
  #costAxis = $state<CostAxis>('tokens');
  #stopRequested = false;

  /** The panes on the page's stage: an evaluation streams each question into them, live. */
  readonly #stage: EvalStage;

  constructor(app: AppState, panes: Readonly<Record<Mode, PaneState>> | null = null) {
    this.#app = app;
    this.#stage = new EvalStage(panes);
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
  get modes(): readonly EvalMode[] {
    return this.#modes;
  }
  /** The chains self-consistency samples, shared with runs and links (Decoding sets them). */
  get consistency(): ConsistencySettings {
    return this.#app.consistency.settings;
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
    return this.#runSet === null ? null : familyOf(this.#runSet);
  }
  /** The results' heading: the set's label once complete, the questions actually answered before that. */
  get runLabel(): string | null {
    const set = this.#runSet;
    const state = this.#status === 'done' ? 'complete' : this.#status === 'running' ? 'running' : 'stopped';
    return set === null ? null : runLabel(set, answeredQuestions(this.#records), state);
  }
  get runModes(): readonly EvalMode[] {
    return this.#runModes;
  }
  get current(): { index: number; mode: EvalMode } | null {
    return this.#current;
  }
  /**
   * Whether questions go to the engine in batches or one generation at a time. Batches by default on every backend
   * (on WASM about 2.2× the questions per second with the bundled model, BENCHMARKS.md); one at a time gives each
   * answer exactly as a single run would, since q8 shares its activation scale across a batch.
   */
  get batched(): boolean {
    return this.#batched ?? true;
  }
  setBatched(batched: boolean): void {
    this.#batched = batched;
  }
  /** Why the run ended early when it was not the user's Stop (a model switch); null otherwise. */
  get stopNote(): string | null {
    return this.#stopNote;
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
      !this.#app.engine.busy &&
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
  setMode(mode: EvalMode, on: boolean): void {
    this.#modes = EVAL_MODES.filter((m) => (m === mode ? on : this.#modes.includes(m)));
  }
  setModes(modes: readonly EvalMode[]): void {
    this.#modes = EVAL_MODES.filter((m) => modes.includes(m));
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
      this.#uploadErrors = [`${file.name} could not be read: ${describeError(err)}`];
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
    this.#runContext = this.#app.exportContext(Date.now());
    this.#records = [];
    this.#error = null;
    this.#stopNote = null;
    this.#stopRequested = false;
    this.#status = 'running';
    try {
      await runEvaluation(this.#stage, this.#app.engine, set.items, modes, format, params, {
        batchQuestions: this.batched ? EVAL_BATCH_QUESTIONS : 1,
        stopRequested: () => this.#stopRequested,
        setCurrent: (c) => (this.#current = c),
        record: (r) => (this.#records = [...this.#records, r]),
        promptsFor: (q) => this.#app.promptsFor(q),
        consistency: this.#app.consistency.settings
      });
      this.#status = this.#stopRequested ? 'stopped' : 'done';
    } catch (err) {
      if (err instanceof CancelledError) {
        // A model switch cancelled the queued items: the results so far stand, marked incomplete.
        this.#stopNote = err.message;
        this.#status = 'stopped';
      } else {
        this.#error = userMessage(err);
        this.#status = 'error';
      }
    } finally {
      this.#current = null;
    }
  }

  stop(): void {
    if (this.#status !== 'running') return;
    this.#stopRequested = true;
    this.#app.engine.interrupt('evaluation');
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
      set: { label: set.label, source: set.source, questions: set.items.length },
      modes: [...this.#runModes],
      complete: this.#status === 'done',
      summary: this.summary,
      records: [...this.#records]
    };
  }
}
