import type { ModelId } from '../models/bundled.ts';
import type { DevicePreference } from '../core/types.ts';
import { SET_LIMITS } from '../eval/sets.ts';
import type { SetFamily } from '../eval/problemSet.ts';
import type { EvalMode, Exemplar } from '../prompts/index.ts';
import type { ConsistencySettings } from '../run/consistency.ts';

export interface LinkDecoding {
  maxNewTokens: number;
  temperature: number;
  topK: number;
  topP: number;
  stopAtNextQuestion: boolean;
}

export type LinkSet = { kind: 'generated'; family: SetFamily; count: number; seed: number } | { kind: 'presets' };

/** Everything a permalink restores. Nothing in it starts a run. */
export interface LinkState {
  model: ModelId;
  device: DevicePreference;
  question: { text: string; gold: string | null };
  /** The modes an evaluation runs, in EVAL_MODES order. */
  modes: EvalMode[];
  /** `null`: the model's own trigger and exemplars (prompts.json), which a link need not repeat. */
  trigger: string | null;
  exemplars: Exemplar[] | null;
  decoding: LinkDecoding;
  set: LinkSet;
  /** Self-consistency on a run, with the seed that reproduces its chains; null when it is off. */
  consistency: ConsistencySettings | null;
}

/** How the page is shown, not what it computes: kept out of LinkState so a shared link can add them freely. */
export interface ViewFlags {
  embed: boolean;
  present: boolean;
}

export interface DecodedLink {
  link: Partial<LinkState>;
  view: ViewFlags;
  /** One line per value that was dropped, for the page to show. */
  notices: string[];
}

/** Caps per value; a link over them is somebody's mistake or an attack, and is dropped, never truncated. */
export const LINK_LIMITS = {
  searchChars: 32_768,
  questionChars: SET_LIMITS.maxQuestionChars,
  goldChars: SET_LIMITS.maxAnswerChars,
  triggerChars: 200,
  exemplars: 8,
  exemplarQuestionChars: SET_LIMITS.maxQuestionChars,
  rationaleChars: 2_000,
  exemplarsEncodedChars: 24_000,
  maxTopK: 1_024,
  /** Notices kept in all (a link of junk parameters must not build an endless list). */
  notices: 100,
  /** Notices shown before the rest fold into "… and N more", which opens to show them. */
  noticesShown: 8
} as const;

/** The notices shown at once and the ones folded away behind "… and N more". */
export function splitNotices(notices: readonly string[]): { shown: string[]; more: string[] } {
  return { shown: notices.slice(0, LINK_LIMITS.noticesShown), more: notices.slice(LINK_LIMITS.noticesShown) };
}

/** Short codes keep `modes=zfa` compact; a Record so a new mode cannot be forgotten. */
export const MODE_CODES: Record<EvalMode, string> = {
  'zero-shot-cot': 'z',
  'few-shot-cot': 'f',
  'answer-only': 'a',
  'self-consistency': 's'
};

export const KEYS = [
  'model',
  'device',
  'q',
  'gold',
  'modes',
  'trigger',
  'ex',
  'dec',
  'set',
  'sc',
  'embed',
  'present'
] as const;
export type Key = (typeof KEYS)[number];

export function isKey(k: string): k is Key {
  return (KEYS as readonly string[]).includes(k);
}
