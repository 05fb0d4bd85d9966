import { isModelId, type ModelId } from '../models/bundled.ts';
import { DEVICE_PREFERENCES, type DevicePreference } from '../core/types.ts';
import { isSetFamily, SET_LIMITS } from '../eval/sets.ts';
import type { SetFamily } from '../eval/types.ts';
import { MODES, type Exemplar, type Mode } from '../prompts/index.ts';
import { MAX_NEW_TOKENS, MAX_TEMPERATURE } from '../run/params.ts';

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
  /** The modes an evaluation runs, in MODES order. */
  modes: Mode[];
  /** `null`: the model's own trigger and exemplars (prompts.json), which a link need not repeat. */
  trigger: string | null;
  exemplars: Exemplar[] | null;
  decoding: LinkDecoding;
  set: LinkSet;
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
  notices: 8
} as const;

/** Short codes keep `modes=zfa` compact; a Record so a new mode cannot be forgotten. */
export const MODE_CODES: Record<Mode, string> = { 'zero-shot-cot': 'z', 'few-shot-cot': 'f', 'answer-only': 'a' };

const KEYS = ['model', 'device', 'q', 'gold', 'modes', 'trigger', 'ex', 'dec', 'set', 'embed', 'present'] as const;
type Key = (typeof KEYS)[number];

function isKey(k: string): k is Key {
  return (KEYS as readonly string[]).includes(k);
}

/** A parameter name as it may be shown back to the user: printable and short. */
function shown(s: string): string {
  // eslint-disable-next-line no-control-regex -- echoed on the page, so control characters go
  const clean = s.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}

// ---------------------------------------------------------------- encoding

function base64UrlEncode(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function base64UrlDecode(s: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(s) || s.length % 4 === 1) return null;
  try {
    const binary = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Numbers as short as they are exact: 0.95 stays "0.95", 1 stays "1". */
const num = (n: number): string => String(n);

function encodeDecoding(d: LinkDecoding): string {
  return [d.maxNewTokens, d.temperature, d.topK, d.topP].map(num).join('_') + `_${d.stopAtNextQuestion ? 1 : 0}`;
}

function encodeSet(s: LinkSet): string {
  return s.kind === 'presets' ? 'presets' : `${s.family}_${s.count}_${s.seed}`;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The search string (`?…`) for a state. Values equal to `defaults` are left out, so a link names only what differs
 * from a fresh page; without defaults every value is written.
 */
export function encodeLink(state: LinkState, view: Partial<ViewFlags> = {}, defaults?: LinkState): string {
  const p = new URLSearchParams();
  const differs = <K extends keyof LinkState>(k: K): boolean =>
    defaults === undefined || !sameJson(state[k], defaults[k]);
  if (differs('model')) p.set('model', state.model);
  if (differs('device')) p.set('device', state.device);
  if (differs('question')) {
    p.set('q', state.question.text);
    if (state.question.gold !== null) p.set('gold', state.question.gold);
  }
  if (differs('modes'))
    p.set(
      'modes',
      MODES.filter((m) => state.modes.includes(m))
        .map((m) => MODE_CODES[m])
        .join('')
    );
  if (differs('trigger') && state.trigger !== null) p.set('trigger', state.trigger);
  if (differs('exemplars') && state.exemplars !== null)
    p.set('ex', base64UrlEncode(JSON.stringify(state.exemplars.map((e) => [e.question, e.rationale, e.answer]))));
  if (differs('decoding')) p.set('dec', encodeDecoding(state.decoding));
  if (differs('set')) p.set('set', encodeSet(state.set));
  if (view.embed === true) p.set('embed', '1');
  if (view.present === true) p.set('present', '1');
  const s = p.toString();
  return s === '' ? '' : `?${s}`;
}

// ---------------------------------------------------------------- decoding

type Read<T> = { ok: true; value: T } | { ok: false; why: string };
const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const bad = <T>(why: string): Read<T> => ({ ok: false, why });

/** Text a user could have typed: no replacement characters from a broken encoding, no control characters. */
function text(v: string, max: number): Read<string> {
  if (v.length > max) return bad(`${v.length} characters; the limit is ${max}`);
  if (v.includes('\uFFFD')) return bad('not valid UTF-8');
  // eslint-disable-next-line no-control-regex -- tabs and line breaks are the only control characters a question has
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v)) return bad('contains control characters');
  return ok(v);
}

function int(s: string, min: number, max: number): number | null {
  if (!/^\d{1,10}$/.test(s)) return null;
  const n = Number(s);
  return n >= min && n <= max ? n : null;
}

function decimal(s: string, min: number, max: number): number | null {
  if (!/^\d{1,4}(\.\d{1,6})?$/.test(s)) return null;
  const n = Number(s);
  return n >= min && n <= max ? n : null;
}

function readModes(v: string): Read<Mode[]> {
  if (v === '' || v.length > MODES.length) return bad('expected one to three of z, f, a');
  const picked = new Set<Mode>();
  for (const c of v) {
    const mode = MODES.find((m) => MODE_CODES[m] === c);
    if (mode === undefined || picked.has(mode)) return bad('expected one to three of z, f, a');
    picked.add(mode);
  }
  return ok(MODES.filter((m) => picked.has(m)));
}

function readDecoding(v: string): Read<LinkDecoding> {
  const parts = v.split('_');
  if (parts.length !== 5) return bad('expected maxNewTokens_temperature_topK_topP_stop');
  const [mnt = '', t = '', k = '', p = '', stop = ''] = parts;
  const maxNewTokens = int(mnt, 1, MAX_NEW_TOKENS);
  const temperature = decimal(t, 0, MAX_TEMPERATURE);
  const topK = int(k, 0, LINK_LIMITS.maxTopK);
  const topP = decimal(p, 0, 1);
  if (maxNewTokens === null || temperature === null || topK === null || topP === null || (stop !== '0' && stop !== '1'))
    return bad('a value is out of range');
  return ok({ maxNewTokens, temperature, topK, topP, stopAtNextQuestion: stop === '1' });
}

function readSet(v: string): Read<LinkSet> {
  if (v === 'presets') return ok({ kind: 'presets' });
  const [family = '', count = '', seed = '', ...rest] = v.split('_');
  const n = int(count, 1, SET_LIMITS.maxItems);
  const s = int(seed, 0, SET_LIMITS.maxSeed);
  if (rest.length > 0 || !isSetFamily(family) || n === null || s === null)
    return bad(`expected presets or family_count_seed with at most ${SET_LIMITS.maxItems} questions`);
  return ok({ kind: 'generated', family, count: n, seed: s });
}

function readExemplars(v: string): Read<Exemplar[]> {
  if (v.length > LINK_LIMITS.exemplarsEncodedChars)
    return bad(`${v.length} characters; the limit is ${LINK_LIMITS.exemplarsEncodedChars}`);
  const json = base64UrlDecode(v);
  if (json === null) return bad('not valid base64url UTF-8');
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return bad('not valid JSON');
  }
  if (!Array.isArray(data) || data.length > LINK_LIMITS.exemplars)
    return bad(`expected a list of at most ${LINK_LIMITS.exemplars} exemplars`);
  const out: Exemplar[] = [];
  for (const e of data) {
    // Triples of strings only: an object (with `__proto__` or anything else) is never accepted.
    const triple: unknown[] = Array.isArray(e) ? e : [];
    const [q, r, a] = triple;
    if (triple.length !== 3 || typeof q !== 'string' || typeof r !== 'string' || typeof a !== 'string')
      return bad('each exemplar must be [question, reasoning, answer]');
    const checks = [
      text(q, LINK_LIMITS.exemplarQuestionChars),
      text(r, LINK_LIMITS.rationaleChars),
      text(a, LINK_LIMITS.goldChars)
    ];
    const failed = checks.find((c) => !c.ok);
    if (failed !== undefined && !failed.ok) return bad(failed.why);
    out.push({ question: q, rationale: r, answer: a });
  }
  return ok(out);
}

/**
 * Reads a permalink. Every value is validated and capped; anything unknown, repeated, oversized or malformed is
 * dropped with a notice and the rest still applies. Never throws, whatever the string.
 */
export function decodeLink(search: string): DecodedLink {
  const view: ViewFlags = { embed: false, present: false };
  const link: Partial<LinkState> = {};
  const notices: string[] = [];
  if (search.length > LINK_LIMITS.searchChars) {
    notices.push(`The link is ${search.length} characters long (limit ${LINK_LIMITS.searchChars}); it was ignored.`);
    return { link, view, notices };
  }
  const params = new URLSearchParams(search);
  const seen = new Set<string>();
  const values = new Map<Key, string>();
  for (const [key, value] of params) {
    if (!isKey(key)) notices.push(`Unknown parameter “${shown(key)}” ignored.`);
    else if (seen.has(key)) notices.push(`Repeated parameter “${key}” ignored.`);
    else values.set(key, value);
    seen.add(key);
  }
  const drop = (key: Key, why: string): void => void notices.push(`Parameter “${key}” ignored: ${why}.`);
  const use = <T>(key: Key, read: (v: string) => Read<T>, apply: (value: T) => void): void => {
    const v = values.get(key);
    if (v === undefined) return;
    const r = read(v);
    if (r.ok) apply(r.value);
    else drop(key, r.why);
  };

  use<ModelId>(
    'model',
    (v) => (isModelId(v) ? ok(v) : bad(`no bundled model is called “${shown(v)}”`)),
    (v) => (link.model = v)
  );
  use<DevicePreference>(
    'device',
    (v) => {
      const d = DEVICE_PREFERENCES.find((x) => x === v);
      return d === undefined ? bad('expected auto, webgpu or wasm') : ok(d);
    },
    (v) => (link.device = v)
  );
  // The gold answer belongs to the question: without `q` it would be checked against the wrong one.
  const goldRaw = values.get('gold');
  const goldRead = goldRaw === undefined ? ok('') : text(goldRaw, LINK_LIMITS.goldChars);
  if (!goldRead.ok) drop('gold', goldRead.why);
  else if (goldRead.value !== '' && !values.has('q')) drop('gold', 'it needs a question (q)');
  const gold = goldRead.ok && goldRead.value !== '' ? goldRead.value : null;
  use(
    'q',
    (v) => text(v, LINK_LIMITS.questionChars),
    (v) => (link.question = { text: v, gold })
  );
  use('modes', readModes, (v) => (link.modes = v));
  use(
    'trigger',
    (v) => text(v, LINK_LIMITS.triggerChars),
    (v) => (link.trigger = v)
  );
  use('ex', readExemplars, (v) => (link.exemplars = v));
  use('dec', readDecoding, (v) => (link.decoding = v));
  use('set', readSet, (v) => (link.set = v));
  const flag = (v: string): Read<boolean> => (v === '1' || v === '0' ? ok(v === '1') : bad('expected 1 or 0'));
  use('embed', flag, (v) => (view.embed = v));
  use('present', flag, (v) => (view.present = v));

  if (notices.length > LINK_LIMITS.notices) {
    const more = notices.length - LINK_LIMITS.notices;
    notices.length = LINK_LIMITS.notices;
    notices.push(`… and ${more} more.`);
  }
  return { link, view, notices };
}

/** A full state from a decoded link: what the link names, the defaults for the rest. */
export function mergeLink(defaults: LinkState, link: Partial<LinkState>): LinkState {
  return { ...defaults, ...link };
}
