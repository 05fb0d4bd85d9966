import type { EvalMode } from '../prompts/index.ts';
import type { Family } from '../tasks/index.ts';

/** One question of an evaluation set, with its gold answer. */
export interface EvalItem {
  /** Stable within the set: the generator's index or the source line, for tracing a record back. */
  id: string;
  question: string;
  gold: string;
  family: Family | null;
  /** Reasoning steps, when the generator or the uploaded file says so. */
  steps: number | null;
}

/** The families of a generated set: one, or all interleaved. */
export type SetFamily = Family | 'mixed';

export type SetSource =
  | { kind: 'generated'; family: SetFamily; count: number; seed: number }
  | { kind: 'presets' }
  | { kind: 'uploaded'; name: string };

export interface ProblemSet {
  label: string;
  source: SetSource;
  items: EvalItem[];
}

/** One question answered in one mode. */
export interface EvalRecord {
  /** Position of the item in its set, from 0. */
  index: number;
  itemId: string;
  mode: EvalMode;
  question: string;
  gold: string;
  family: Family | null;
  steps: number | null;
  /** The generated text; empty when the run failed. */
  text: string;
  predicted: string | null;
  correct: boolean;
  /** Set when the generation failed; such a record counts in no accuracy. */
  error: string | null;
  promptTokens: number;
  generatedTokens: number;
  ttftMs: number | null;
  decodeTokensPerSec: number | null;
  totalMs: number;
}
