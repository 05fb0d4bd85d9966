import * as v from 'valibot';
import { DEVICE_PREFERENCES } from '../core/types.ts';
import { SET_FAMILIES, SET_LIMITS } from '../eval/sets.ts';
import { isModelId, type ModelId } from '../models/bundled.ts';
import { EVAL_MODES, type EvalMode, type Exemplar } from '../prompts/index.ts';
import { MAX_NEW_TOKENS, MAX_TEMPERATURE } from '../run/params.ts';
import { MAX_CHAINS, type ConsistencySettings } from '../run/consistency.ts';
import { LINK_LIMITS, MODE_CODES, type LinkDecoding, type LinkSet } from './linkState.ts';

/** The valibot schemas a permalink's values are read through, and the text helpers they share with encoding. */

/** A parameter name as it may be shown back to the user: printable and short. */
export function shown(s: string): string {
  // eslint-disable-next-line no-control-regex -- echoed on the page, so control characters go
  const clean = s.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}

export function base64UrlEncode(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function base64UrlDecode(s: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(s) || s.length % 4 === 1) return null;
  try {
    const binary = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Text a user could have typed: within its cap, no replacement characters from a broken encoding, no control characters. */
export const text = (max: number) =>
  v.pipe(
    v.string(),
    v.maxLength(max, (issue) => `${issue.received} characters; the limit is ${max}`),
    v.check((s) => !s.includes('\uFFFD'), 'not valid UTF-8'),
    // eslint-disable-next-line no-control-regex -- tabs and line breaks are the only control characters a question has
    v.check((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), 'contains control characters')
  );

/** A whole number written in digits, within [min, max]. */
const intText = (min: number, max: number, message: string) =>
  v.pipe(
    v.string(),
    v.regex(/^\d{1,10}$/, message),
    v.transform(Number),
    v.minValue(min, message),
    v.maxValue(max, message)
  );

/** A decimal written in digits (at most six places), within [min, max]. */
const decimalText = (min: number, max: number, message: string) =>
  v.pipe(
    v.string(),
    v.regex(/^\d{1,4}(\.\d{1,6})?$/, message),
    v.transform(Number),
    v.minValue(min, message),
    v.maxValue(max, message)
  );

const MODES_MESSAGE = 'expected one to four of z, f, a, s';
export const ModesSchema = v.pipe(
  v.string(),
  v.regex(/^[zfas]{1,4}$/, MODES_MESSAGE),
  v.check((s) => new Set(s).size === s.length, MODES_MESSAGE),
  v.transform((s): EvalMode[] => EVAL_MODES.filter((m) => s.includes(MODE_CODES[m])))
);

const OUT_OF_RANGE = 'a value is out of range';
export const DecodingSchema = v.pipe(
  v.string(),
  v.transform((s) => s.split('_')),
  v.length(5, 'expected maxNewTokens_temperature_topK_topP_stop'),
  v.strictTuple([
    intText(1, MAX_NEW_TOKENS, OUT_OF_RANGE),
    decimalText(0, MAX_TEMPERATURE, OUT_OF_RANGE),
    intText(0, LINK_LIMITS.maxTopK, OUT_OF_RANGE),
    decimalText(0, 1, OUT_OF_RANGE),
    v.picklist(['0', '1'], OUT_OF_RANGE)
  ]),
  v.transform(([maxNewTokens, temperature, topK, topP, stop]): LinkDecoding => ({
    maxNewTokens,
    temperature,
    topK,
    topP,
    stopAtNextQuestion: stop === '1'
  }))
);

const CONSISTENCY_MESSAGE = `expected chains_temperature_seed, with 2 to ${MAX_CHAINS} chains and a temperature above 0`;
export const ConsistencySchema = v.pipe(
  v.string(),
  v.transform((s) => s.split('_')),
  v.strictTuple([
    intText(2, MAX_CHAINS, CONSISTENCY_MESSAGE),
    decimalText(0.05, MAX_TEMPERATURE, CONSISTENCY_MESSAGE),
    intText(0, 2 ** 31 - 1, CONSISTENCY_MESSAGE)
  ]),
  v.transform(([k, temperature, seed]): ConsistencySettings => ({ k, temperature, seed }))
);

const SET_MESSAGE = `expected presets or family_count_seed with at most ${SET_LIMITS.maxItems} questions`;
export const SetSchema = v.union(
  [
    v.pipe(
      v.literal('presets'),
      v.transform((): LinkSet => ({ kind: 'presets' }))
    ),
    v.pipe(
      v.string(),
      v.transform((s) => s.split('_')),
      v.strictTuple([
        v.picklist(SET_FAMILIES, SET_MESSAGE),
        intText(1, SET_LIMITS.maxItems, SET_MESSAGE),
        intText(0, SET_LIMITS.maxSeed, SET_MESSAGE)
      ]),
      v.transform(([family, count, seed]): LinkSet => ({ kind: 'generated', family, count, seed }))
    )
  ],
  SET_MESSAGE
);

/** Triples of strings only: an object (with `__proto__` or anything else) is never accepted. */
export const ExemplarsSchema = v.pipe(
  v.string(),
  v.maxLength(
    LINK_LIMITS.exemplarsEncodedChars,
    (issue) => `${issue.received} characters; the limit is ${LINK_LIMITS.exemplarsEncodedChars}`
  ),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const json = base64UrlDecode(dataset.value);
    if (json === null) {
      addIssue({ message: 'not valid base64url UTF-8' });
      return NEVER;
    }
    try {
      return JSON.parse(json) as unknown;
    } catch {
      addIssue({ message: 'not valid JSON' });
      return NEVER;
    }
  }),
  v.array(
    v.strictTuple(
      [text(LINK_LIMITS.exemplarQuestionChars), text(LINK_LIMITS.rationaleChars), text(LINK_LIMITS.goldChars)],
      'each exemplar must be [question, reasoning, answer]'
    ),
    `expected a list of at most ${LINK_LIMITS.exemplars} exemplars`
  ),
  v.maxLength(LINK_LIMITS.exemplars, `expected a list of at most ${LINK_LIMITS.exemplars} exemplars`),
  v.transform((list): Exemplar[] => list.map(([question, rationale, answer]) => ({ question, rationale, answer })))
);

export const ModelSchema = v.custom<ModelId>(
  isModelId,
  (issue) => `no bundled model is called “${shown(String(issue.input))}”`
);
export const DeviceSchema = v.picklist(DEVICE_PREFERENCES, 'expected auto, webgpu or wasm');
export const FlagSchema = v.pipe(
  v.picklist(['0', '1'], 'expected 1 or 0'),
  v.transform((s) => s === '1')
);

export type Read<T> = { ok: true; value: T } | { ok: false; why: string };

/** One parameter through its schema: the value, or the first problem in words. */
export function read<T>(schema: v.GenericSchema<string, T>, value: string): Read<T> {
  const result = v.safeParse(schema, value, { abortEarly: true, abortPipeEarly: true });
  if (result.success) return { ok: true, value: result.output };
  return { ok: false, why: result.issues[0].message };
}
