import {
  finalAnswer,
  isCorrect,
  opensThink,
  promptTail,
  splitThink,
  type Mode,
  type PromptFormat,
  type ThinkSplit
} from '../prompts/index.ts';
import { runStats, type RunStats } from '../stats/index.ts';
import type { RunCallbacks, RunResult } from '../engine/client/runTypes.ts';
import { CancelledError, userMessage } from '../engine/shared/errors.ts';
import type { TokenInfo } from '../core/types.ts';
import { ConfidenceState } from './confidenceState.svelte.ts';

export type PaneStatus = 'idle' | 'queued' | 'running' | 'done' | 'stopped' | 'skipped' | 'error';

/** What a pane says about its answer: only a run that ended on its own, against a known gold answer, is graded. */
export type PaneVerdict = 'right' | 'wrong' | 'none';

/** One mode's column: its prompt, the streamed text and, once finished, its answer and stats. */
export class PaneState {
  readonly mode: Mode;
  #status = $state<PaneStatus>('idle');
  #prompt = $state('');
  #promptTokens = $state<number | null>(null);
  #text = $state('');
  #tokens = $state(0);
  #stats = $state<RunStats | null>(null);
  #error = $state<string | null>(null);
  #gold = $state<string | null>(null);
  #format = $state<PromptFormat | null>(null);
  #stopNote = $state<string | null>(null);
  /** Where the pane's question came from when it is not the editor's (an evaluation's item); null otherwise. */
  #caption = $state<string | null>(null);
  #hiddenDuringRun = $state(false);
  #warmup = $state(false);
  /** Worker-clock time of the first token, and where the think block ended (tokens and time): the cost of thinking. */
  #firstTokenAt: number | null = null;
  #thinkTokens = $state<number | null>(null);
  #thinkMs = $state<number | null>(null);
  /** The token confidence view: each token's probability and alternatives, when the run asked for them. */
  readonly confidence = new ConfidenceState(() => ({
    prompt: this.#prompt,
    format: this.#format,
    gold: this.#gold,
    text: this.#text
  }));

  constructor(mode: Mode) {
    this.mode = mode;
  }

  get status(): PaneStatus {
    return this.#status;
  }
  get prompt(): string {
    return this.#prompt;
  }
  get promptTokens(): number | null {
    return this.#promptTokens;
  }
  get text(): string {
    return this.#text;
  }
  get tokens(): number {
    return this.#tokens;
  }
  get stats(): RunStats | null {
    return this.#stats;
  }
  get error(): string | null {
    return this.#error;
  }
  get gold(): string | null {
    return this.#gold;
  }
  /** Why a pane stopped when it was not the user's Stop (a reload); null otherwise. */
  get stopNote(): string | null {
    return this.#stopNote;
  }
  get caption(): string | null {
    return this.#caption;
  }
  /** The tab was hidden at some point of this pane's run. */
  get hiddenDuringRun(): boolean {
    return this.#hiddenDuringRun;
  }

  /** This run was the first after a load: its timings include one-off costs (kernels compiled, buffers allocated). */
  get warmup(): boolean {
    return this.#warmup;
  }

  /** The prompt's last words (trigger or "The answer is"), shown in front of the generated text. */
  readonly tail = $derived(promptTail(this.#prompt));

  /** A reasoning model's <think> part apart from its answer; `thinking` is null for other models. */
  readonly think = $derived.by((): ThinkSplit => splitThink(this.#text, opensThink(this.#prompt)));

  /** Tokens generated inside the think block, while it lasts and once it has ended. */
  get thinkTokens(): number | null {
    if (this.think.thinking === null) return null;
    return this.#thinkTokens ?? this.#tokens;
  }
  /** Milliseconds from the first token to the end of the think block; null until it ends. */
  get thinkMs(): number | null {
    return this.#thinkMs;
  }

  /** The answer the text commits to; only read once the run has ended, a half-written number is no answer. */
  readonly answer = $derived.by((): string | null => {
    const format = this.#format;
    if (format === null || (this.#status !== 'done' && this.#status !== 'stopped')) return null;
    return finalAnswer(format, this.#prompt, this.#text);
  });

  /** Graded only when the run ended on its own: a stopped text is partial, a skipped pane never ran. */
  readonly correct = $derived.by((): boolean | null => {
    if (this.#gold === null || this.#status !== 'done') return null;
    return isCorrect(this.answer, this.#gold);
  });

  /** Right, wrong or no verdict at all (no gold answer, not finished, stopped, skipped, failed). */
  readonly verdict = $derived.by((): PaneVerdict => {
    switch (this.correct) {
      case true:
        return 'right';
      case false:
        return 'wrong';
      case null:
        return 'none';
    }
  });

  /** Shows the prompt the next run will send; a finished pane keeps the prompt that produced its text. */
  preview(prompt: string, format: PromptFormat | null): void {
    if (this.#status !== 'idle') return;
    if (prompt !== this.#prompt) this.#promptTokens = null;
    this.#prompt = prompt;
    this.#format = format;
  }

  /** The count arrives from the worker after the preview; a pane that has started running keeps its own. */
  setPreviewTokens(prompt: string, n: number): void {
    if (this.#status === 'idle' && prompt === this.#prompt) this.#promptTokens = n;
  }

  queue(prompt: string, format: PromptFormat, gold: string | null, caption: string | null = null): void {
    this.#status = 'queued';
    this.#prompt = prompt;
    this.#format = format;
    this.#gold = gold;
    this.#caption = caption;
    this.#clear();
  }

  #clear(): void {
    this.#promptTokens = null;
    this.#text = '';
    this.#tokens = 0;
    this.#stats = null;
    this.#error = null;
    this.#stopNote = null;
    this.#hiddenDuringRun = false;
    this.#warmup = false;
    this.#firstTokenAt = null;
    this.#thinkTokens = null;
    this.#thinkMs = null;
    this.confidence.clear();
  }

  /** What a generation streams into this pane: its prompt's length, then its tokens. */
  readonly stream: RunCallbacks = {
    onPrompt: (n) => this.setPromptTokens(n),
    onToken: (text, at, tokens) => this.append(text, at, tokens)
  };

  /**
   * Follows a generation to its end: its result once finished, or null with the reason shown (a cancel keeps
   * the streamed text, marked partial).
   */
  async settle(result: Promise<RunResult>): Promise<RunResult | null> {
    try {
      const r = await result;
      this.finish(r);
      return r;
    } catch (err) {
      if (err instanceof CancelledError) this.abort(err.message);
      else this.fail(userMessage(err));
      return null;
    }
  }

  /** Back to an empty, idle pane: the model changed, so an old run no longer belongs here. */
  reset(): void {
    this.#clear();
    this.#prompt = '';
    this.#format = null;
    this.#gold = null;
    this.#caption = null;
    this.#status = 'idle';
  }

  start(): void {
    this.#status = 'running';
  }

  setPromptTokens(n: number): void {
    this.#promptTokens = n;
  }

  /**
   * Text streamed for a group of generated tokens, one time per token (the worker sends them in
   * groups), with each one's probability and alternatives when the run asked for them. A closing </think> is
   * placed at the end of its group: groups span a few milliseconds.
   */
  append(text: string, at: readonly number[], tokens: readonly TokenInfo[] = []): void {
    this.#text += text;
    this.confidence.add(tokens);
    this.#tokens += at.length;
    const first = at[0];
    const last = at.at(-1);
    if (first === undefined || last === undefined) return;
    this.#firstTokenAt ??= first;
    // Only the end of the text can newly hold the closing tag; scanning all of it per token would be quadratic.
    if (this.#thinkTokens === null && this.#text.slice(-(text.length + 8)).includes('</think>')) {
      this.#thinkTokens = this.#tokens;
      this.#thinkMs = last - this.#firstTokenAt;
    }
  }

  finish(result: RunResult): void {
    this.#text = result.text;
    this.#tokens = result.timings.generatedTokens;
    this.#promptTokens = result.timings.promptTokens;
    this.#stats = runStats(result.timings);
    this.#status = result.stopped ? 'stopped' : 'done';
  }

  /** The run ended without a result (the model was reloaded): the streamed text stays, marked partial. */
  abort(note: string): void {
    this.#stopNote = note;
    this.#status = 'stopped';
  }

  markWarmup(): void {
    this.#warmup = true;
  }

  markHidden(): void {
    if (this.#status === 'running') this.#hiddenDuringRun = true;
  }

  fail(message: string): void {
    this.#error = message;
    this.#status = 'error';
  }

  /** A queued pane whose turn never came (the user skipped it or pressed Stop): it says so, not "Waiting". */
  cancel(): void {
    if (this.#status === 'queued') this.#status = 'skipped';
  }

  /** A mode left out of the work the panes show (an evaluation of fewer modes): nothing of an older run stays. */
  skip(): void {
    this.reset();
    this.#status = 'skipped';
  }
}
