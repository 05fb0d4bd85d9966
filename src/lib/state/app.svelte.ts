import { EngineClient, type WorkerPort } from '../engine/client.svelte.ts';
import { CancelledError, WorkerCrashedError } from '../engine/errors.ts';
import { sanitizeParams } from './params.ts';
import { bundledModel, type ModelId } from '../engine/model.ts';
import type { DevicePreference, GenParams, ModelRef } from '../engine/protocol.ts';
import {
  MODES,
  buildPrompt,
  parsePromptFormat,
  renderPrompt,
  type ChatPrompting,
  type Exemplar,
  type Mode,
  type PromptFormat
} from '../prompts/index.ts';
import type { Family } from '../tasks/index.ts';
import { runOrder } from './order.ts';
import { PaneState } from './pane.svelte.ts';
import { practiceQuestion, presets, type Question } from './presets.ts';
import { questionProblem } from './validate.ts';

export const DEFAULT_PARAMS: GenParams = { maxNewTokens: 160, temperature: 0, topK: 20, topP: 0.95, stopSequences: [] };

/** The model writes Q/A pairs; a new line starting "Q:" means it has finished and is inventing the next question. */
export const NEXT_QUESTION_STOP = '\nQ:';

function messageOf(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

/** Everything the page shows and does: question, prompt settings, decoding settings, the three runs. */
export class AppState {
  readonly engine: EngineClient;
  /** The bundled model, which the page starts with and a failed Hub download leaves in place. */
  readonly bundled: ModelRef;
  readonly presets: readonly Question[] = presets();
  readonly panes: Record<Mode, PaneState> = {
    'zero-shot-cot': new PaneState('zero-shot-cot'),
    'few-shot-cot': new PaneState('few-shot-cot'),
    'answer-only': new PaneState('answer-only')
  };

  // Raw: the model goes to the worker by postMessage, which cannot clone Svelte's proxies.
  #model = $state.raw<ModelRef>({ id: '', baseUrl: '', dtypes: [] });
  #modelLabel = $state<string | null>(null);
  #format = $state<PromptFormat | null>(null);
  /** The bundled model's prompts.json: the trigger and exemplars every other model starts from. */
  #baseFormat = $state.raw<PromptFormat | null>(null);
  #chat = $state.raw<ChatPrompting | null>(null);
  #formatError = $state<string | null>(null);
  #question = $state<Question>({ question: '', gold: null, family: null });
  #trigger = $state('');
  #exemplars = $state<Exemplar[]>([]);
  #params = $state<GenParams>({ ...DEFAULT_PARAMS });
  #device = $state<DevicePreference>('auto');
  #rotate = $state(false);
  #stopAtNextQuestion = $state(true);
  #family = $state<Family>('arithmetic');
  #running = $state(false);
  /** Settles when the current (or last) runAll has ended, every pane included. */
  #runEnded: Promise<void> = Promise.resolve();
  /** An evaluation owns the engine while it runs; live runs wait. */
  #evaluating = $state(false);
  /** A permalink's trigger and exemplars, applied over the model's defaults once prompts.json has loaded. */
  #promptOverrides: { trigger: string | null; exemplars: Exemplar[] | null } = { trigger: null, exemplars: null };
  #stopRequested = false;
  #currentMode: Mode | null = null;
  #pageHidden = false;
  #runIndex = 0;
  #countSeq = 0;
  #seed: number;

  constructor(
    options: {
      createWorker?: () => WorkerPort;
      origin?: string;
      base?: string;
      seed?: number;
      device?: DevicePreference;
      modelId?: ModelId;
    } = {}
  ) {
    this.#device = options.device ?? 'auto';
    this.engine = new EngineClient(options.createWorker);
    this.bundled = bundledModel(
      options.origin ?? location.origin,
      options.base ?? import.meta.env.BASE_URL,
      options.modelId
    );
    this.#model = this.bundled;
    this.#seed = options.seed ?? Date.now() % 1_000_000;
    const first = this.presets[0];
    if (first !== undefined) this.#question = first;
  }

  get model(): ModelRef {
    return this.#model;
  }
  /** A display name for a Hub model; null for the bundled one. */
  get modelLabel(): string | null {
    return this.#modelLabel;
  }
  get format(): PromptFormat | null {
    return this.#format;
  }
  get baseFormat(): PromptFormat | null {
    return this.#baseFormat;
  }
  /** The chat template the prompts go through, or null for Q/A text. */
  get chat(): ChatPrompting | null {
    return this.#chat;
  }
  get formatError(): string | null {
    return this.#formatError;
  }
  get question(): Question {
    return this.#question;
  }
  get trigger(): string {
    return this.#trigger;
  }
  get exemplars(): readonly Exemplar[] {
    return this.#exemplars;
  }
  get params(): GenParams {
    return this.#params;
  }
  get device(): DevicePreference {
    return this.#device;
  }
  get stopAtNextQuestion(): boolean {
    return this.#stopAtNextQuestion;
  }
  get rotate(): boolean {
    return this.#rotate;
  }
  get family(): Family {
    return this.#family;
  }
  get running(): boolean {
    return this.#running;
  }
  /** Whether any pane holds a finished or stopped run, i.e. there is something to export. */
  get hasRun(): boolean {
    return MODES.some((m) => this.panes[m].status === 'done' || this.panes[m].status === 'stopped');
  }
  get evaluating(): boolean {
    return this.#evaluating;
  }
  /** Why Run is disabled because of the question (empty, far too long); null when the question is fine. */
  get questionProblem(): string | null {
    return questionProblem(this.#question.question);
  }
  get canRun(): boolean {
    return (
      !this.#running &&
      !this.#evaluating &&
      this.engine.status === 'ready' &&
      this.#format !== null &&
      this.questionProblem === null
    );
  }

  /** The exact prompt each mode would send now; panes show it before and during a run. */
  readonly prompts = $derived.by((): Record<Mode, string> | null => this.promptsFor(this.#question.question));

  /** Each mode's prompt for any question with the current trigger and exemplars (evaluations use it too). */
  promptsFor(question: string): Record<Mode, string> | null {
    const format = this.#format;
    if (format === null) return null;
    // A half-typed exemplar would put an empty "Q:" block into the prompt.
    const exemplars = this.#exemplars.filter((e) => e.question.trim() !== '' && e.answer.trim() !== '');
    const input = { question, exemplars, trigger: this.#trigger };
    const model = { format, chat: this.#chat };
    const prompt = (mode: Mode): string => renderPrompt(model, mode, input, (m) => buildPrompt(format, m, input));
    return {
      'zero-shot-cot': prompt('zero-shot-cot'),
      'few-shot-cot': prompt('few-shot-cot'),
      'answer-only': prompt('answer-only')
    };
  }

  /** The decoding settings a run sends, stop sequence included. */
  get runParams(): GenParams {
    return { ...this.#params, stopSequences: this.#stopAtNextQuestion ? [NEXT_QUESTION_STOP] : [] };
  }

  async start(): Promise<void> {
    await Promise.all([this.loadFormat(), this.loadModel()]);
  }

  async loadFormat(): Promise<void> {
    try {
      const res = await fetch(`${this.bundled.baseUrl}${this.bundled.id}/prompts.json`);
      if (!res.ok) throw new Error(`prompts.json: HTTP ${res.status}`);
      const format = parsePromptFormat(await res.json());
      this.#baseFormat = format;
      this.#applyFormat(format, null);
    } catch (err) {
      this.#formatError = messageOf(err);
    }
  }

  /**
   * Switches to a model whose files are already in the model cache (a Hub download that succeeded):
   * its prompt formats replace the current ones and the engine loads it.
   */
  async useModel(
    model: ModelRef,
    label: string | null,
    format: PromptFormat,
    chat: ChatPrompting | null
  ): Promise<void> {
    // The run ends before the panes are reset for the new model, so none of its tokens can land in them.
    if (this.#running) {
      this.stop();
      await this.#runEnded;
    }
    this.#model = model;
    this.#modelLabel = label;
    this.#applyFormat(format, chat);
    await this.loadModel();
  }

  async useBundled(): Promise<void> {
    const base = this.#baseFormat;
    if (base !== null) await this.useModel(this.bundled, null, base, null);
  }

  #applyFormat(format: PromptFormat, chat: ChatPrompting | null): void {
    this.#format = format;
    this.#chat = chat;
    this.#trigger = this.#promptOverrides.trigger ?? format.trigger;
    this.#exemplars = (this.#promptOverrides.exemplars ?? format.exemplars).map((e) => ({ ...e }));
    this.#formatError = null;
    for (const mode of MODES) this.panes[mode].reset();
    this.#refreshPreviews();
  }

  async loadModel(): Promise<void> {
    if (this.#running) this.stop();
    try {
      await this.engine.load(this.model, this.#device);
    } catch {
      // The engine keeps the message in its own state for the load panel.
    }
  }

  setQuestion(q: Question): void {
    this.#question = q;
    this.#refreshPreviews();
  }
  setQuestionText(text: string): void {
    // An edited question no longer matches the generator's gold answer.
    this.setQuestion({ question: text, gold: null, family: null });
  }
  setGold(gold: string): void {
    this.#question = { ...this.#question, gold: gold.trim() === '' ? null : gold.trim() };
  }
  setFamily(f: Family): void {
    this.#family = f;
  }
  newPracticeQuestion(): void {
    this.#seed += 1;
    this.setQuestion(practiceQuestion(this.#family, this.#seed));
  }
  setTrigger(t: string): void {
    this.#trigger = t;
    this.#refreshPreviews();
  }
  setExemplar(i: number, patch: Partial<Exemplar>): void {
    const ex = this.#exemplars[i];
    if (ex === undefined) return;
    this.#exemplars[i] = { ...ex, ...patch };
    this.#refreshPreviews();
  }
  removeExemplar(i: number): void {
    this.#exemplars.splice(i, 1);
    this.#refreshPreviews();
  }
  addExemplar(): void {
    this.#exemplars.push({ question: '', rationale: '', answer: '' });
  }
  resetPromptSettings(): void {
    const format = this.#format;
    if (format === null) return;
    this.#trigger = format.trigger;
    this.#exemplars = format.exemplars.map((e) => ({ ...e }));
    this.#refreshPreviews();
  }
  setParams(patch: Partial<GenParams>): void {
    this.#params = { ...this.#params, ...sanitizeParams(patch, this.#params) };
  }
  setDevice(d: DevicePreference): void {
    this.#device = d;
  }
  /** A permalink's prompts; `null` keeps the model's default. Applies now, and again once prompts.json loads. */
  setPromptOverrides(trigger: string | null, exemplars: readonly Exemplar[] | null): void {
    this.#promptOverrides = { trigger, exemplars: exemplars === null ? null : exemplars.map((e) => ({ ...e })) };
    if (trigger !== null) this.#trigger = trigger;
    if (exemplars !== null) this.#exemplars = exemplars.map((e) => ({ ...e }));
    this.#refreshPreviews();
  }
  setEvaluating(on: boolean): void {
    this.#evaluating = on;
  }
  setStopAtNextQuestion(on: boolean): void {
    this.#stopAtNextQuestion = on;
  }
  setRotate(r: boolean): void {
    this.#rotate = r;
  }

  /** Runs the three modes one after another; the engine never generates two at once. */
  runAll(): Promise<void> {
    const format = this.#format;
    const prompts = this.prompts;
    if (!this.canRun || format === null || prompts === null) return Promise.resolve();
    this.#runEnded = this.#runModes(format, prompts);
    return this.#runEnded;
  }

  async #runModes(format: PromptFormat, prompts: Record<Mode, string>): Promise<void> {
    this.#running = true;
    this.#stopRequested = false;
    const order = runOrder(this.#runIndex++, this.#rotate);
    const gold = this.#question.gold;
    const params = this.runParams;
    for (const mode of order) this.panes[mode].queue(prompts[mode], format, gold);
    try {
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
          const result = await this.engine.generate(mode, prompts[mode], params, {
            onPrompt: (n) => pane.setPromptTokens(n),
            onToken: (text, at) => pane.append(text, at)
          });
          pane.finish(result);
        } catch (err) {
          // A reload or a crash ends the whole run: the panes after this one would only fail the same way.
          if (err instanceof CancelledError || err instanceof WorkerCrashedError) this.#stopRequested = true;
          if (err instanceof CancelledError) pane.abort('Cancelled when a model was loaded');
          else pane.fail(messageOf(err));
        }
      }
    } finally {
      this.#running = false;
      this.#currentMode = null;
    }
  }

  /** Asks the worker for each pane's prompt length; only the newest answer is applied. */
  async refreshPromptCounts(): Promise<void> {
    const prompts = this.prompts;
    if (prompts === null || this.engine.status !== 'ready' || this.questionProblem !== null) return;
    const seq = ++this.#countSeq;
    try {
      const tokens = await this.engine.countTokens(MODES.map((m) => prompts[m]));
      if (seq !== this.#countSeq) return;
      MODES.forEach((m, i) => {
        const n = tokens[i];
        if (n !== undefined) this.panes[m].setPreviewTokens(prompts[m], n);
      });
    } catch {
      // A count is a preview nicety; the run reports the real number anyway.
    }
  }

  stop(): void {
    if (!this.#running) return;
    this.#stopRequested = true;
    this.engine.interrupt();
  }

  /** Stops one mode: the running one keeps its partial text, a queued one is skipped; the others go on. */
  stopPane(mode: Mode): void {
    const pane = this.panes[mode];
    if (pane.status === 'queued') pane.cancel();
    else if (pane.status === 'running' && this.#currentMode === mode) this.engine.interrupt();
  }

  /** Background tabs throttle timers and may slow the page's side of a run; the pane's stats say so. */
  setPageHidden(hidden: boolean): void {
    this.#pageHidden = hidden;
    if (hidden) for (const mode of MODES) this.panes[mode].markHidden();
  }

  #refreshPreviews(): void {
    const prompts = this.prompts;
    if (prompts === null) return;
    for (const mode of MODES) this.panes[mode].preview(prompts[mode], this.#format);
  }
}
