import type { GenParams } from '../core/types.ts';
import type { Engine } from '../engine/client/engine.svelte.ts';
import { contextProblem } from '../engine/shared/contextFit.ts';
import { CancelledError, WorkerCrashedError, userMessage } from '../engine/shared/errors.ts';
import type { BackendInfo } from '../engine/client/runTypes.ts';
import type { PaneReport, RunReport } from '../eval/reportFormats.ts';
import { MODES, MODE_LABELS, type EvalMode, type Mode, type PromptFormat } from '../prompts/index.ts';
import { runOrder } from '../run/order.ts';
import { alternativesFor } from '../run/confidence.ts';
import type { AppState } from './appState.svelte.ts';
import { PaneState } from './paneState.svelte.ts';
import { engineBranches } from './branchRun.svelte.ts';
import { ChainsState } from './chainsState.svelte.ts';

/** The live run: the three modes on the editor's question, one pane each, submitted to the engine's queue. */
export class RunState {
  readonly panes: Record<Mode, PaneState> = {
    'zero-shot-cot': new PaneState('zero-shot-cot'),
    'few-shot-cot': new PaneState('few-shot-cot'),
    'answer-only': new PaneState('answer-only')
  };
  /** Self-consistency's chains, sampled after the three modes when it is switched on. */
  readonly chains = new ChainsState();
  readonly #app: AppState;
  readonly #engine: Engine;
  #running = $state(false);
  #rotate = $state(false);
  /** The user's choice; null follows the backend (see `together`). */
  #together = $state<boolean | null>(null);
  /** Stops one row of a together run: the running batch's, by mode. */
  #stopRow: ((mode: Mode) => void) | null = null;
  #stopRequested = false;
  #currentMode: Mode | null = null;
  #pageHidden = false;
  #runIndex = 0;
  #countSeq = 0;
  #switches = 0;
  /** The newest prompt token counts, with the prompts they were counted for (a finished pane keeps its own). */
  #counted = $state.raw<{ prompts: Record<Mode, string>; tokens: readonly number[] } | null>(null);
  /** The load (its BackendInfo, new on every load) the last run used: the first run on a new one is a warm-up. */
  #lastRunLoad: BackendInfo | null = null;
  /** The last finished run as it ended: an evaluation streams into the same panes and must not take it away. */
  #lastRun = $state.raw<{ question: string; gold: string | null; panes: PaneReport[] } | null>(null);

  constructor(app: AppState) {
    this.#app = app;
    this.#engine = app.engine;
    const branches = engineBranches(this.#engine, () => this.#app.runParams);
    for (const mode of MODES) this.panes[mode].confidence.connect(branches);
    app.onPromptsChange(() => this.#preview());
    // The old model's run has ended (the engine waited for it): its panes no longer belong to the page.
    this.#engine.onSwitch(() => {
      for (const mode of MODES) this.panes[mode].reset();
      this.chains.reset();
      this.#lastRun = null;
      this.#switches++;
      this.#preview();
    });
    this.#preview();
  }

  get running(): boolean {
    return this.#running;
  }
  get rotate(): boolean {
    return this.#rotate;
  }
  /** Whether a run of the editor's question (not an evaluation's) has ended or is partly done, to export. */
  get hasRun(): boolean {
    return this.#lastRun !== null || (this.#panesHoldRun() && MODES.some((m) => this.#paneEnded(m)));
  }

  #panesHoldRun(): boolean {
    return MODES.every((m) => this.panes[m].caption === null);
  }

  #paneEnded(mode: Mode): boolean {
    const status = this.panes[mode].status;
    return status === 'done' || status === 'stopped';
  }

  #paneReports(): PaneReport[] {
    const chains = this.chains.report();
    const panes = MODES.map((mode): PaneReport => {
      const pane = this.panes[mode];
      return {
        mode,
        status: pane.status,
        prompt: pane.prompt,
        text: pane.text,
        answer: pane.answer,
        correct: pane.correct,
        stats: pane.stats
      };
    });
    return chains === null ? panes : [...panes, chains];
  }
  /**
   * Prompts that would not fit the model's context with the new tokens asked for, said before Run (the
   * worker would refuse each mode in turn); null when they fit or are not counted yet.
   */
  readonly fitProblem = $derived.by((): string | null => {
    const counted = this.#counted;
    const prompts = this.#app.prompts;
    const contextTokens = this.#engine.backend?.contextTokens ?? null;
    if (counted === null || prompts === null || MODES.some((m) => counted.prompts[m] !== prompts[m])) return null;
    const maxNewTokens = this.#app.params.maxNewTokens;
    const tokensOf = (m: Mode): number => counted.tokens[MODES.indexOf(m)] ?? 0;
    const tooLong = MODES.filter((m) => contextProblem(tokensOf(m), maxNewTokens, contextTokens) !== null);
    if (tooLong.length === 0) return null;
    const longest = Math.max(...tooLong.map(tokensOf));
    const names = tooLong.map((m) => MODE_LABELS[m]).join(', ');
    return `Too long for this model (${names}). ${contextProblem(longest, maxNewTokens, contextTokens) ?? ''}`;
  });

  /** Why Run is disabled because of the question or its prompts; null when they are fine. */
  get runProblem(): string | null {
    return this.#app.questionProblem ?? this.fitProblem;
  }

  /** No run going, the engine free (no evaluation queued or running), the model ready, the question fine. */
  get canRun(): boolean {
    return (
      !this.#running &&
      !this.#engine.busy &&
      this.#engine.status === 'ready' &&
      this.#app.format !== null &&
      this.runProblem === null
    );
  }

  /**
   * The last run: the panes as they stand while they hold it, else the run as it ended before an evaluation
   * took the panes.
   */
  report(nowMs: number): RunReport {
    const question = this.#app.question;
    const live = { question: question.question, gold: question.gold, panes: this.#paneReports() };
    const run = this.#panesHoldRun() ? live : (this.#lastRun ?? live);
    return { kind: 'run', ...this.#app.exportContext(nowMs), ...run };
  }

  setRotate(r: boolean): void {
    this.#rotate = r;
  }

  /**
   * Whether the three modes run side by side, all streaming at once, or one after another. Together by default:
   * the worker steps the rows as one batch where that pays and in turns elsewhere (device.ts, chooseStepping), so
   * together never costs more than the rows one at a time.
   */
  get together(): boolean {
    return this.#together ?? true;
  }
  setTogether(together: boolean): void {
    this.#together = together;
  }

  /** Runs the three modes through the engine's queue: together, or one after another. */
  runAll(): Promise<void> {
    const format = this.#app.format;
    const prompts = this.#app.prompts;
    if (!this.canRun || format === null || prompts === null) return Promise.resolve();
    return this.#runModes(format, prompts);
  }

  async #runModes(format: PromptFormat, prompts: Record<EvalMode, string>): Promise<void> {
    this.#running = true;
    this.#stopRequested = false;
    const order = runOrder(this.#runIndex++, this.#rotate);
    const { question, gold } = this.#app.question;
    const switches = this.#switches;
    const params = this.#app.runParams;
    const warmup = this.#engine.backend !== this.#lastRunLoad;
    this.#lastRunLoad = this.#engine.backend;
    for (const mode of order) this.panes[mode].queue(prompts[mode], format, gold);
    // Only the first mode to run pays the one-off costs; the panes after it run warm. Together, all share them.
    const together = this.together;
    for (const mode of together ? order : order.slice(0, 1)) if (warmup) this.panes[mode].markWarmup();
    try {
      if (together) await this.#runTogether(order, prompts, params);
      else await this.#runInTurn(order, prompts, params);
      const consistency = this.#app.consistency;
      if (consistency.on && !this.#stopRequested)
        await this.chains.run(this.#engine, prompts['self-consistency'], format, gold, params, consistency.settings);
    } finally {
      this.#running = false;
      this.#currentMode = null;
      this.#stopRow = null;
      // A run cut short by a model switch belongs to the old model: its panes were cleared.
      if (switches === this.#switches) this.#lastRun = { question, gold, panes: this.#paneReports() };
    }
  }

  /** All modes in one request: every pane streams at once, and a pane's Stop ends its row only. */
  async #runTogether(order: readonly Mode[], prompts: Record<Mode, string>, params: GenParams): Promise<void> {
    const panes = order.map((mode) => this.panes[mode]);
    for (const pane of panes) {
      pane.start();
      if (this.#pageHidden) pane.markHidden();
    }
    const batch = this.#engine.generateTogether(
      'run',
      panes.map((pane) => ({ prompt: prompts[pane.mode], callbacks: pane.stream })),
      // One batch shares its settings: a pane whose view is on has every row report its alternatives.
      { ...params, alternatives: alternativesFor(panes.some((pane) => pane.confidence.on)) }
    );
    this.#stopRow = (mode) => batch.stop(order.indexOf(mode));
    await Promise.all(batch.results.map((result, i) => panes[i]?.settle(result)));
  }

  async #runInTurn(order: readonly Mode[], prompts: Record<Mode, string>, params: GenParams): Promise<void> {
    for (const mode of order) {
      const pane = this.panes[mode];
      // A pane stopped while queued is idle again and keeps its turn empty.
      if (this.#stopRequested || pane.status !== 'queued') {
        pane.cancel();
        continue;
      }
      pane.start();
      if (this.#pageHidden) pane.markHidden();
      this.#currentMode = mode;
      try {
        const viewParams = { ...params, alternatives: alternativesFor(pane.confidence.on) };
        const result = await this.#engine.generate('run', prompts[mode], viewParams, pane.stream);
        pane.finish(result);
      } catch (err) {
        // A reload or a crash ends the whole run: the panes after this one would only fail the same way.
        if (err instanceof CancelledError || err instanceof WorkerCrashedError) this.#stopRequested = true;
        if (err instanceof CancelledError) pane.abort(err.message);
        else pane.fail(userMessage(err));
      }
    }
  }

  /** Asks the worker for each pane's prompt length; only the newest answer is applied. */
  async refreshPromptCounts(): Promise<void> {
    const prompts = this.#app.prompts;
    if (prompts === null || this.#engine.status !== 'ready' || this.#app.questionProblem !== null) return;
    const seq = ++this.#countSeq;
    try {
      const tokens = await this.#engine.countTokens(MODES.map((m) => prompts[m]));
      if (seq !== this.#countSeq) return;
      MODES.forEach((m, i) => {
        const n = tokens[i];
        if (n !== undefined) this.panes[m].setPreviewTokens(prompts[m], n);
      });
      this.#counted = { prompts, tokens };
    } catch {
      // A count is a preview nicety; the run reports the real number anyway.
    }
  }

  stop(): void {
    if (!this.#running) return;
    this.#stopRequested = true;
    this.#engine.interrupt('run');
    this.chains.stop();
  }

  /** Stops one mode: the running one keeps its partial text, a queued one is skipped; the others go on. */
  stopPane(mode: Mode): void {
    const pane = this.panes[mode];
    if (this.#stopRow !== null && (pane.status === 'running' || pane.status === 'queued')) this.#stopRow(mode);
    else if (pane.status === 'queued') pane.cancel();
    else if (pane.status === 'running' && this.#currentMode === mode) this.#engine.interrupt('run');
  }

  /** Background tabs throttle timers and may slow the page's side of a run; the pane's stats say so. */
  setPageHidden(hidden: boolean): void {
    this.#pageHidden = hidden;
    if (hidden) for (const mode of MODES) this.panes[mode].markHidden();
  }

  #preview(): void {
    const prompts = this.#app.prompts;
    if (prompts === null) return;
    for (const mode of MODES) this.panes[mode].preview(prompts[mode], this.#app.format);
  }
}
