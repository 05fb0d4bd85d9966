import type { GenParams, TokenChoice } from '../core/types.ts';
import type { Engine } from '../engine/client/engine.svelte.ts';
import type { RunCallbacks, RunResult } from '../engine/client/runTypes.ts';
import { CancelledError, userMessage } from '../engine/shared/errors.ts';
import { finalAnswer, isCorrect, type PromptFormat } from '../prompts/index.ts';
import type { PaneVerdict } from './paneState.svelte.ts';

/** What a pane's branches run on: the engine, greedy, with the run's other settings. */
export interface BranchRunner {
  /** The model is ready and nothing else is queued or running: a branch would start at once. */
  readonly ready: boolean;
  run(prompt: string, callbacks: RunCallbacks): Promise<RunResult>;
  /** Stops the branch that is running; its text so far stays. */
  stop(): void;
}

/**
 * Branches go through the engine's queue as the live run's work, so Run waits for them and a model switch
 * cancels them. Greedy whatever the run's temperature, since a branch is the path greedy decoding takes once
 * the runner-up is written; and without alternatives, which nobody reads on a branch.
 */
export function engineBranches(engine: Engine, params: () => GenParams): BranchRunner {
  return {
    get ready() {
      return engine.status === 'ready' && !engine.busy;
    },
    run: (prompt, callbacks) =>
      engine.generate('run', prompt, { ...params(), temperature: 0, alternatives: 0 }, callbacks),
    stop: () => engine.interrupt('run')
  };
}

export type BranchStatus = 'running' | 'done' | 'stopped' | 'error';

/** Where the pane's run started and what it is graded against: the branch is read the same way. */
export interface BranchSource {
  prompt: string;
  format: PromptFormat | null;
  gold: string | null;
}

/** One "other branch": the pane's text up to a fork, the runner-up in place of the token written, and what follows. */
export class BranchState {
  /** The fork's position among the pane's generated tokens. */
  readonly index: number;
  /** The generated text before the fork. */
  readonly before: string;
  readonly chosen: TokenChoice;
  readonly alternative: TokenChoice;
  readonly #source: BranchSource;
  #status = $state<BranchStatus>('running');
  #text = $state('');
  #error = $state<string | null>(null);

  constructor(source: BranchSource, index: number, before: string, chosen: TokenChoice, alternative: TokenChoice) {
    this.#source = source;
    this.index = index;
    this.before = before;
    this.chosen = chosen;
    this.alternative = alternative;
  }

  get status(): BranchStatus {
    return this.#status;
  }
  /** What the model wrote after the runner-up. */
  get text(): string {
    return this.#text;
  }
  get error(): string | null {
    return this.#error;
  }
  get gold(): string | null {
    return this.#source.gold;
  }

  /** Read as the pane's own text would be: the whole generated text, with the prompt's tail in front. */
  readonly answer = $derived.by((): string | null => {
    const format = this.#source.format;
    if (format === null || (this.#status !== 'done' && this.#status !== 'stopped')) return null;
    return finalAnswer(format, this.#source.prompt, this.before + this.alternative.text + this.#text);
  });

  readonly verdict = $derived.by((): PaneVerdict => {
    const gold = this.#source.gold;
    if (gold === null || this.#status !== 'done') return 'none';
    return isCorrect(this.answer, gold) ? 'right' : 'wrong';
  });

  /** Sends `prompt` (see branchPrompt) and streams the continuation into `text`. */
  async run(runner: BranchRunner, prompt: string): Promise<void> {
    try {
      const result = await runner.run(prompt, { onToken: (text) => (this.#text += text) });
      this.#text = result.text;
      this.#status = result.stopped ? 'stopped' : 'done';
    } catch (err) {
      if (err instanceof CancelledError) this.#status = 'stopped';
      else {
        this.#error = userMessage(err);
        this.#status = 'error';
      }
    }
  }
}
