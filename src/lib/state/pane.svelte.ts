import { extractAnswer, isCorrect, promptTail, type Mode, type PromptFormat } from '../prompts/index.ts';
import { runStats, type RunStats } from '../stats/index.ts';
import type { RunResult } from '../engine/client.svelte.ts';

export type PaneStatus = 'idle' | 'queued' | 'running' | 'done' | 'stopped' | 'error';

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
  #hiddenDuringRun = $state(false);

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
  /** The tab was hidden at some point of this pane's run. */
  get hiddenDuringRun(): boolean {
    return this.#hiddenDuringRun;
  }

  /** The prompt's last words (trigger or "The answer is"), shown in front of the generated text. */
  readonly tail = $derived(promptTail(this.#prompt));

  /** The answer the text commits to; only read once the run has ended, a half-written number is no answer. */
  readonly answer = $derived.by((): string | null => {
    const format = this.#format;
    if (format === null || (this.#status !== 'done' && this.#status !== 'stopped')) return null;
    return extractAnswer(format, this.#text, promptTail(this.#prompt));
  });

  readonly correct = $derived.by((): boolean | null => {
    if (this.#gold === null || (this.#status !== 'done' && this.#status !== 'stopped')) return null;
    return isCorrect(this.answer, this.#gold);
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

  queue(prompt: string, format: PromptFormat, gold: string | null): void {
    this.#status = 'queued';
    this.#prompt = prompt;
    this.#format = format;
    this.#gold = gold;
    this.#promptTokens = null;
    this.#text = '';
    this.#tokens = 0;
    this.#stats = null;
    this.#error = null;
    this.#stopNote = null;
    this.#hiddenDuringRun = false;
  }

  start(): void {
    this.#status = 'running';
  }

  setPromptTokens(n: number): void {
    this.#promptTokens = n;
  }

  /** Text streamed for `tokens` generated tokens (the worker sends them in groups). */
  append(text: string, tokens = 1): void {
    this.#text += text;
    this.#tokens += tokens;
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

  markHidden(): void {
    if (this.#status === 'running') this.#hiddenDuringRun = true;
  }

  fail(message: string): void {
    this.#error = message;
    this.#status = 'error';
  }

  /** A queued pane whose turn never came because the user pressed Stop. */
  cancel(): void {
    if (this.#status === 'queued') this.#status = 'idle';
  }
}
