import type { TokenInfo } from '../../core/types.ts';

/**
 * Groups streamed tokens into one message per frame-ish interval. A message per token cost the worker
 * more than any other step of the loop outside the model (structured clone and a cross-thread wake-up,
 * ~0.13 ms a token in Chromium's profiler, see BENCHMARKS.md) and woke the page at up to 500 Hz, when it
 * can only paint at 60. The first token goes at once, so time to first token is unchanged.
 */
export class TokenBatcher {
  #text = '';
  #at: number[] = [];
  #infos: TokenInfo[] = [];
  #lastFlushAt: number | null = null;
  readonly #flush: (text: string, at: number[], infos: TokenInfo[]) => void;
  readonly #intervalMs: number;

  constructor(flush: (text: string, at: number[], infos: TokenInfo[]) => void, intervalMs = 16) {
    this.#flush = flush;
    this.#intervalMs = intervalMs;
  }

  /** `at` is the token's time on the worker's clock; it also drives the interval, so tests need no timers. */
  push(text: string, at: number, info?: TokenInfo): void {
    this.#text += text;
    this.#at.push(at);
    if (info !== undefined) this.#infos.push(info);
    if (this.#lastFlushAt === null || at - this.#lastFlushAt >= this.#intervalMs) this.end();
  }

  /** Sends whatever is pending (call before the run's `done`). */
  end(): void {
    if (this.#at.length === 0) return;
    const at = this.#at;
    this.#lastFlushAt = at[at.length - 1] ?? null;
    this.#flush(this.#text, at, this.#infos);
    this.#text = '';
    this.#at = [];
    this.#infos = [];
  }
}
