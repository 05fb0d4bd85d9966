import { isRecord } from '../core/values.ts';
import { EVAL_MODES, SELF_CONSISTENCY, type EvalMode } from './modes.ts';

export interface Exemplar {
  question: string;
  rationale: string;
  answer: string;
}

export interface ModeTemplate {
  /** How one worked exemplar is written; `{question}`, `{rationale}`, `{answer}`. */
  exemplar: string;
  /** The whole prompt; `{exemplars}`, `{question}`, `{trigger}`. */
  prompt: string;
  /** Whether this mode puts the exemplars in front of the question by default. */
  useExemplars: boolean;
}

/** A model's prompt formats: the contract shared by the app, the evaluator and the training data. */
export interface PromptFormat {
  version: 1;
  trigger: string;
  exemplarSeparator: string;
  /** Regex source; group 1 is the answer. */
  answerPattern: string;
  /** Self-consistency's template is the prompt its chains are sampled from: zero-shot CoT's, as a rule. */
  modes: Record<EvalMode, ModeTemplate>;
  exemplars: Exemplar[];
}

export class PromptFormatError extends Error {
  override name = 'PromptFormatError';
}

function str(v: unknown, what: string): string {
  if (typeof v !== 'string') throw new PromptFormatError(`${what} must be a string`);
  return v;
}

/** Validate untrusted JSON (a model folder or a Hub repo) into a PromptFormat. */
export function parsePromptFormat(json: unknown): PromptFormat {
  if (!isRecord(json)) throw new PromptFormatError('prompt format must be an object');
  if (json.version !== 1) throw new PromptFormatError(`unsupported prompt format version ${String(json.version)}`);
  const modesIn = json.modes;
  if (!isRecord(modesIn)) throw new PromptFormatError('modes must be an object');
  const modes = {} as Record<EvalMode, ModeTemplate>;
  for (const mode of EVAL_MODES) {
    // Formats written before self-consistency existed sample its chains from their zero-shot CoT prompt.
    const m = modesIn[mode] ?? (mode === SELF_CONSISTENCY ? modesIn['zero-shot-cot'] : undefined);
    if (!isRecord(m)) throw new PromptFormatError(`mode ${mode} is missing`);
    modes[mode] = {
      exemplar: str(m.exemplar, `${mode}.exemplar`),
      prompt: str(m.prompt, `${mode}.prompt`),
      useExemplars: m.useExemplars === true
    };
  }
  const exIn = json.exemplars;
  if (!Array.isArray(exIn)) throw new PromptFormatError('exemplars must be a list');
  const exemplars = exIn.map((e: unknown, i) => {
    if (!isRecord(e)) throw new PromptFormatError(`exemplar ${i} must be an object`);
    return {
      question: str(e.question, `exemplar ${i}.question`),
      rationale: str(e.rationale, `exemplar ${i}.rationale`),
      answer: str(e.answer, `exemplar ${i}.answer`)
    };
  });
  const answerPattern = str(json.answerPattern, 'answerPattern');
  try {
    new RegExp(answerPattern);
  } catch {
    throw new PromptFormatError('answerPattern is not a valid regular expression');
  }
  return {
    version: 1,
    trigger: str(json.trigger, 'trigger'),
    exemplarSeparator: str(json.exemplarSeparator, 'exemplarSeparator'),
    answerPattern,
    modes,
    exemplars
  };
}
