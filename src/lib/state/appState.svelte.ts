import type { DevicePreference, GenParams, ModelRef } from '../core/types.ts';
import { describeError } from '../core/values.ts';
import { Engine, type ModelFacts } from '../engine/client/engine.svelte.ts';
import type { WorkerPort } from '../engine/client/workerPort.ts';
import { bundledModel, type ModelId } from '../models/bundled.ts';
import { fetchParameterCount } from '../models/modelSize.ts';
import { exportContext } from '../eval/reportContext.ts';
import type { ExportContext } from '../eval/reportFormats.ts';
import {
  buildPrompt,
  parsePromptFormat,
  renderPrompt,
  type Exemplar,
  type EvalMode,
  type PromptFormat
} from '../prompts/index.ts';
import { practiceQuestion, presets, type Preset, type Question } from '../questions/presets.ts';
import { questionProblem } from '../questions/questionProblem.ts';
import { deviceNote } from '../run/deviceNote.ts';
import { scopeNotice } from '../questions/scope.ts';
import { DEFAULT_PARAMS, NEXT_QUESTION_STOP, sanitizeParams } from '../run/params.ts';
import type { Family } from '../tasks/index.ts';
import { ConsistencyState } from './consistencyState.svelte.ts';

/**
 * The question and prompt editor: the question, the trigger and exemplars, the decoding settings and
 * the model choice. The engine coordinator it creates runs the work; the live run (RunState), the
 * evaluation and the Hub submit to that coordinator.
 */
export class AppState {
  readonly engine: Engine;
  /** The bundled model, which the page starts with and a failed Hub download leaves in place. */
  readonly bundled: ModelRef;
  readonly presets: readonly Preset[] = presets();
  /** Self-consistency's switch and settings: runs, evaluations and links share them. */
  readonly consistency = new ConsistencyState();

  /** The bundled model's prompts.json: the trigger and exemplars every other model starts from. */
  #baseFormat = $state.raw<PromptFormat | null>(null);
  #formatError = $state<string | null>(null);
  #question = $state<Question>({ question: '', gold: null, family: null });
  #trigger = $state('');
  #exemplars = $state<Exemplar[]>([]);
  #params = $state<GenParams>({ ...DEFAULT_PARAMS });
  #device = $state<DevicePreference>('auto');
  #stopAtNextQuestion = $state(true);
  #family = $state<Family>('arithmetic');
  /** A permalink's trigger and exemplars, applied over the model's defaults once prompts.json has loaded. */
  #promptOverrides: { trigger: string | null; exemplars: Exemplar[] | null } = { trigger: null, exemplars: null };
  #seed: number;
  #promptListeners: (() => void)[] = [];

  constructor(
    options: {
      createWorker?: () => WorkerPort;
      /** The device's cores (EngineClient): tests with fake workers say 1, so that no engine copies start. */
      cores?: number;
      origin?: string;
      base?: string;
      seed?: number;
      device?: DevicePreference;
      modelId?: ModelId;
    } = {}
  ) {
    this.#device = options.device ?? 'auto';
    const { origin = location.origin, base = import.meta.env.BASE_URL, modelId } = options;
    this.bundled = bundledModel(origin, base, modelId);
    this.engine = new Engine(
      { ref: this.bundled, label: null, parameters: null, format: null, chat: null },
      options.createWorker,
      options.cores
    );
    // A new model brings its own prompt formats: they replace the trigger and exemplars being edited.
    this.engine.onSwitch((model) => {
      if (model.format !== null) this.#applyFormat(model.format);
    });
    this.#seed = options.seed ?? Date.now() % 1_000_000;
    const first = this.presets[0];
    if (first !== undefined) this.#question = first;
  }

  /** Called whenever the prompts may have changed (question, trigger, exemplars, the model's formats). */
  onPromptsChange(listener: () => void): void {
    this.#promptListeners.push(listener);
  }
  #promptsChanged(): void {
    for (const listener of this.#promptListeners) listener();
  }

  get model(): ModelRef {
    return this.engine.model.ref;
  }
  /** A display name for a Hub model; null for the bundled one. */
  get modelLabel(): string | null {
    return this.engine.model.label;
  }
  get format(): PromptFormat | null {
    return this.engine.model.format;
  }
  get baseFormat(): PromptFormat | null {
    return this.#baseFormat;
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
  /** What the load panel tells the user: a device choice not yet loaded, then the engine's own notices. */
  get loadNotices(): readonly string[] {
    const note = deviceNote(this.#device, this.engine.loadedDevice);
    return note === null ? this.engine.notices : [note, ...this.engine.notices];
  }
  get stopAtNextQuestion(): boolean {
    return this.#stopAtNextQuestion;
  }
  get family(): Family {
    return this.#family;
  }
  /** Why Run is disabled because of the question (empty, far too long); null when the question is fine. */
  get questionProblem(): string | null {
    return questionProblem(this.#question.question);
  }
  /** A calm note when the bundled model meets a question outside its families; a Hub model may know it. */
  get scopeNotice(): string | null {
    return this.model === this.bundled ? scopeNotice(this.#question.question) : null;
  }

  /** The exact prompt each mode would send now; panes show it before and during a run. */
  readonly prompts = $derived.by((): Record<EvalMode, string> | null => this.promptsFor(this.#question.question));

  /** Each mode's prompt for any question with the current trigger and exemplars (evaluations use it too). */
  promptsFor(question: string): Record<EvalMode, string> | null {
    const format = this.format;
    if (format === null) return null;
    // A half-typed exemplar would put an empty "Q:" block into the prompt.
    const exemplars = this.#exemplars.filter((e) => e.question.trim() !== '' && e.answer.trim() !== '');
    const input = { question, exemplars, trigger: this.#trigger };
    // Through the model's chat template when it has one, else as Q/A text.
    const model = { format, chat: this.engine.model.chat };
    const prompt = (mode: EvalMode): string => renderPrompt(model, mode, input, (m) => buildPrompt(format, m, input));
    return {
      'zero-shot-cot': prompt('zero-shot-cot'),
      'few-shot-cot': prompt('few-shot-cot'),
      'answer-only': prompt('answer-only'),
      'self-consistency': prompt('self-consistency')
    };
  }

  /** The decoding settings a run sends, stop sequence included. */
  get runParams(): GenParams {
    return { ...this.#params, stopSequences: this.#stopAtNextQuestion ? [NEXT_QUESTION_STOP] : [] };
  }

  /** The header of every export: the loaded model's own facts (its parameter count too) and the settings now. */
  exportContext(nowMs: number): ExportContext {
    const model = this.engine.model;
    const source = {
      modelId: model.ref.id,
      parameters: model.parameters,
      backend: this.engine.backend,
      params: this.runParams,
      trigger: this.#trigger,
      exemplars: this.#exemplars
    };
    return exportContext(source, nowMs);
  }

  async start(): Promise<void> {
    await Promise.all([this.loadBundledFacts(), this.loadModel()]);
  }

  /** The bundled model's prompts.json and its size from config.json, read from the app's origin. */
  async loadBundledFacts(): Promise<void> {
    const url = (file: string): string => `${this.bundled.baseUrl}${this.bundled.id}/${file}`;
    const parameters = fetchParameterCount(url('config.json'));
    try {
      const res = await fetch(url('prompts.json'));
      if (!res.ok) throw new Error(`prompts.json: HTTP ${res.status}`);
      const format = parsePromptFormat(await res.json());
      this.#baseFormat = format;
      this.engine.learn(this.bundled, { format, parameters: await parameters });
      if (this.model === this.bundled) this.#applyFormat(format);
    } catch (err) {
      this.#formatError = describeError(err);
    }
  }

  /** The bundled model's facts, to switch back to it. */
  get bundledFacts(): ModelFacts | null {
    const format = this.#baseFormat;
    if (format === null) return null;
    const known = this.engine.model.ref === this.bundled ? this.engine.model.parameters : this.#bundledParameters;
    return { ref: this.bundled, label: null, parameters: known, format, chat: null };
  }
  #bundledParameters: number | null = null;

  /**
   * Switches to a model whose files are already in the model cache (a Hub download that succeeded):
   * the engine cancels all work, its prompt formats replace the current ones, and it loads.
   */
  async useModel(model: ModelFacts): Promise<void> {
    if (this.engine.model.ref === this.bundled) this.#bundledParameters = this.engine.model.parameters;
    await this.engine.switchTo(model, this.#device);
  }

  async useBundled(): Promise<void> {
    const facts = this.bundledFacts;
    if (facts !== null) await this.useModel(facts);
  }

  #applyFormat(format: PromptFormat): void {
    this.#trigger = this.#promptOverrides.trigger ?? format.trigger;
    this.#exemplars = (this.#promptOverrides.exemplars ?? format.exemplars).map((e) => ({ ...e }));
    this.#formatError = null;
    this.#promptsChanged();
  }

  /** Loads the current model again, on the chosen device. */
  loadModel(): Promise<void> {
    return this.engine.reload(this.#device);
  }

  setQuestion(q: Question): void {
    this.#question = q;
    this.#promptsChanged();
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
  /** The preset after the one shown (the first when the question is not a preset), round and round. */
  nextPreset(): void {
    const i = this.presets.findIndex((p) => p.question === this.#question.question);
    const next = this.presets[(i + 1) % this.presets.length];
    if (next !== undefined) this.setQuestion(next);
  }
  newPracticeQuestion(): void {
    this.#seed += 1;
    this.setQuestion(practiceQuestion(this.#family, this.#seed));
  }
  setTrigger(t: string): void {
    this.#trigger = t;
    this.#promptsChanged();
  }
  setExemplar(i: number, patch: Partial<Exemplar>): void {
    const ex = this.#exemplars[i];
    if (ex === undefined) return;
    this.#exemplars[i] = { ...ex, ...patch };
    this.#promptsChanged();
  }
  removeExemplar(i: number): void {
    this.#exemplars.splice(i, 1);
    this.#promptsChanged();
  }
  addExemplar(): void {
    this.#exemplars.push({ question: '', rationale: '', answer: '' });
  }
  resetPromptSettings(): void {
    const format = this.format;
    if (format === null) return;
    this.#trigger = format.trigger;
    this.#exemplars = format.exemplars.map((e) => ({ ...e }));
    this.#promptsChanged();
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
    this.#promptsChanged();
  }
  setStopAtNextQuestion(on: boolean): void {
    this.#stopAtNextQuestion = on;
  }
}
