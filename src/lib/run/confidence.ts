import type { TokenChoice, TokenInfo } from '../core/types.ts';

/* The token confidence view's rules: which tokens are forks, how a probability is shaded, what a branch sends. */

/** Alternatives asked of the worker per token while a pane's view is on: the popover lists the top five. */
export const TOP_ALTERNATIVES = 5;

/**
 * A token is a fork when its two most likely choices are closer than this in probability. Why 0.15: the bundled
 * model is either sure or split two ways. On its greedy zero-shot answers to the preset questions
 * (bench/node/confidence.ts prints the shares) 2 % of the tokens have a margin under 0.15, and no more fall under
 * 0.3; those are splits such as 0.53 against 0.46 between two ways to begin a sentence, or the case of
 * stopping with a wrong answer against going on. 0.15 takes them with room to spare while a clear favourite (0.58
 * against 0.42 and up) is not marked: a mark then means the model nearly went the other way.
 */
export const FORK_MARGIN = 0.15;

/** The `alternatives` a run asks for: only a pane whose view is on pays for them. */
export function alternativesFor(viewOn: boolean): number {
  return viewOn ? TOP_ALTERNATIVES : 0;
}

export function isFork(info: TokenInfo): boolean {
  const [first, second] = info.top;
  return first !== undefined && second !== undefined && first.prob - second.prob < FORK_MARGIN;
}

/**
 * Whether the token was its step's most likely: the worker computes both probabilities the same way from the
 * same logit, so the most likely token's are exactly equal.
 */
export function isTopChoice(info: TokenInfo): boolean {
  const first = info.top[0];
  return first !== undefined && info.prob >= first.prob;
}

/**
 * Whether "take the other branch" means something at token `index`: a fork on a path greedy decoding would
 * also have written (every token up to it the most likely), so forcing the runner-up and decoding greedily
 * from there shows the one path the model nearly took. A sampled path has no such single alternative.
 */
export function canBranchAt(tokens: readonly TokenInfo[], index: number): boolean {
  const info = tokens[index];
  return info !== undefined && isFork(info) && tokens.slice(0, index + 1).every(isTopChoice);
}

/** The token the model would have written instead: the second most likely, on a greedy path. */
export function runnerUp(info: TokenInfo): TokenChoice | null {
  return info.top[1] ?? null;
}

/** Shading steps, from sure (unshaded) to unsure; the step's index is the CSS class's number. */
const SHADE_FLOORS = [0.9, 0.7, 0.5, 0.3] as const;
export const SHADE_LEVELS = SHADE_FLOORS.length + 1;

/** 0 for a token the model was sure of (≥ 90 %) up to 4 for one it gave under 30 %. */
export function shadeLevel(prob: number): number {
  const level = SHADE_FLOORS.findIndex((floor) => prob >= floor);
  return level === -1 ? SHADE_FLOORS.length : level;
}

/** Each shading step's range in percent, for the legend: "90+" down to "< 30". */
export function shadeLegend(): string[] {
  const percent = (p: number): number => Math.round(p * 100);
  const last = SHADE_FLOORS.at(-1) ?? 0;
  return [...SHADE_FLOORS.map((f) => `${percent(f)}+`), `< ${percent(last)}`];
}

/** A probability as the popover shows it: whole percents, with "< 1 %" rather than a misleading 0. */
export function formatProb(prob: number): string {
  if (prob > 0 && prob < 0.005) return '< 1 %';
  return `${Math.round(prob * 100)} %`;
}

/**
 * The tokens that made `text`: a run cut at a stop sequence streamed a few tokens past its final text, which
 * are dropped, and the last kept one is cut where the text ends.
 */
export function clipTokens(tokens: readonly TokenInfo[], text: string): readonly TokenInfo[] {
  let length = 0;
  const out: TokenInfo[] = [];
  for (const t of tokens) {
    if (length >= text.length && t.text !== '') break;
    const room = text.length - length;
    out.push(t.text.length > room ? { ...t, text: t.text.slice(0, room) } : t);
    length += Math.min(t.text.length, room);
  }
  return out;
}

/** The generated text before token `index`. */
export function textBefore(tokens: readonly TokenInfo[], index: number): string {
  return tokens
    .slice(0, index)
    .map((t) => t.text)
    .join('');
}

/**
 * What the branch sends: the pane's prompt, its text up to the fork, then the runner-up in the chosen token's
 * place; decoding goes on from there. The text is tokenized again, which can split it differently from the
 * tokens the model wrote, so the branch is the model continuing that text, not a replay of its exact ids.
 */
export function branchPrompt(prompt: string, tokens: readonly TokenInfo[], index: number, alternative: string): string {
  return prompt + textBefore(tokens, index) + alternative;
}

/** The end of `text`, at most `max` characters, cut at a word where one is near: the lead-in to a branch. */
export function leadIn(text: string, max: number): string {
  if (text.length <= max) return text;
  const tail = text.slice(-max);
  const space = tail.search(/\s/);
  return `…${space !== -1 && space < max / 3 ? tail.slice(space) : tail}`;
}

/** A token's text as the popover lists it: its spaces and line breaks visible, an empty one (end of text) named. */
export function tokenLabel(text: string): string {
  if (text === '') return 'end of text';
  return text.replaceAll(' ', '␣').replaceAll('\n', '↵');
}

/**
 * Where the written token sits among its step's top choices: the first with its probability (the worker
 * computes both from the same logit, so they are equal), or -1 when a sampled token was not among them.
 */
export function chosenIndex(info: TokenInfo): number {
  return info.top.findIndex((t) => t.prob === info.prob);
}
