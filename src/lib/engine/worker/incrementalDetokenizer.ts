/**
 * Streaming text from token ids without decoding the whole sequence at every token (which made each
 * token cost more than the last). Each step decodes only a short window: the last tokens already shown
 * (for context, e.g. a decoder that treats the sequence start specially) plus the tokens not yet shown,
 * and emits what the window adds over its shown part.
 */
export type DecodeIds = (ids: readonly number[]) => string;

export class IncrementalDetokenizer {
  readonly #decode: DecodeIds;
  readonly #ids: number[] = [];
  /** Start of the window: tokens before it are never decoded again. */
  #prefix = 0;
  /** Tokens before this index have been emitted as text. */
  #read = 0;
  #text = '';

  constructor(decode: DecodeIds) {
    // Tokenizers may refuse an empty list; nothing decodes to nothing.
    this.#decode = (ids) => (ids.length === 0 ? '' : decode(ids));
  }

  /** Adds one token and returns the text it completes: '' while a character is still split across tokens. */
  push(id: number): string {
    this.#ids.push(id);
    const shown = this.#decode(this.#ids.slice(this.#prefix, this.#read));
    const window = this.#decode(this.#ids.slice(this.#prefix));
    // A byte-level token can end mid-character; wait for the rest rather than show U+FFFD.
    if (window.length <= shown.length || window.endsWith('\uFFFD') || !window.startsWith(shown)) return '';
    const delta = window.slice(shown.length);
    this.#prefix = this.#read;
    this.#read = this.#ids.length;
    this.#text += delta;
    return delta;
  }

  /** Everything emitted so far. */
  get text(): string {
    return this.#text;
  }

  /** Every token pushed, decoded as one sequence (what the run's final text is made from). */
  get fullText(): string {
    return this.#decode(this.#ids);
  }
}
