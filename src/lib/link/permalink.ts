import type * as v from 'valibot';
import { EVAL_MODES, type Exemplar } from '../prompts/index.ts';
import {
  ConsistencySchema,
  DecodingSchema,
  DeviceSchema,
  ExemplarsSchema,
  FlagSchema,
  ModelSchema,
  ModesSchema,
  SetSchema,
  base64UrlEncode,
  read,
  shown,
  text,
  type Read
} from './linkSchemas.ts';
import {
  LINK_LIMITS,
  MODE_CODES,
  isKey,
  splitNotices,
  type DecodedLink,
  type Key,
  type LinkDecoding,
  type LinkSet,
  type LinkState,
  type ViewFlags
} from './linkState.ts';

export {
  LINK_LIMITS,
  MODE_CODES,
  splitNotices,
  type DecodedLink,
  type LinkDecoding,
  type LinkSet,
  type LinkState,
  type ViewFlags
};

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

const count = (n: number): string => n.toLocaleString('en-US');

/** A value the reader would accept: writing one it refuses would only make the link show a notice. */
const readable = <T>(schema: v.GenericSchema<string, T>, raw: string): boolean => read(schema, raw).ok;

const encodeExemplars = (exemplars: readonly Exemplar[]): string =>
  base64UrlEncode(JSON.stringify(exemplars.map((e) => [e.question, e.rationale, e.answer])));

/**
 * What a link to `state` leaves out, in words, because the reader would refuse it (too long, or a
 * character a link may not carry): the writer and the reader share the limits, so they always agree.
 */
export function linkOmissions(state: LinkState): string[] {
  const out: string[] = [];
  const q = state.question.text;
  if (!readable(text(LINK_LIMITS.questionChars), q))
    out.push(
      q.length > LINK_LIMITS.questionChars
        ? `The question is ${count(q.length)} characters; a link carries at most ${count(LINK_LIMITS.questionChars)}, so the link opens the default question.`
        : 'The question has characters a link cannot carry, so the link opens the default question.'
    );
  else if (state.question.gold !== null && !readable(text(LINK_LIMITS.goldChars), state.question.gold))
    out.push(`The gold answer is longer than ${count(LINK_LIMITS.goldChars)} characters and is not in the link.`);
  if (state.trigger !== null && !readable(text(LINK_LIMITS.triggerChars), state.trigger))
    out.push(`The trigger is longer than ${count(LINK_LIMITS.triggerChars)} characters and is not in the link.`);
  if (state.exemplars !== null && !readable(ExemplarsSchema, encodeExemplars(state.exemplars)))
    out.push(
      `The exemplars are too long for a link (at most ${LINK_LIMITS.exemplars}, ${count(LINK_LIMITS.exemplarQuestionChars)} characters a question, ${count(LINK_LIMITS.rationaleChars)} a rationale) and are not in it.`
    );
  return out;
}

/**
 * The search string (`?…`) for a state. Values equal to `defaults` are left out, so a link names only what differs
 * from a fresh page; without defaults every value is written. A value the reader would refuse is not written
 * (linkOmissions says which), so every link this writes opens without a notice.
 */
export function encodeLink(state: LinkState, view: Partial<ViewFlags> = {}, defaults?: LinkState): string {
  const p = new URLSearchParams();
  const differs = <K extends keyof LinkState>(k: K): boolean =>
    defaults === undefined || !sameJson(state[k], defaults[k]);
  if (differs('model')) p.set('model', state.model);
  if (differs('device')) p.set('device', state.device);
  if (differs('question') && readable(text(LINK_LIMITS.questionChars), state.question.text)) {
    p.set('q', state.question.text);
    const gold = state.question.gold;
    if (gold !== null && readable(text(LINK_LIMITS.goldChars), gold)) p.set('gold', gold);
  }
  if (differs('modes'))
    p.set(
      'modes',
      EVAL_MODES.filter((m) => state.modes.includes(m))
        .map((m) => MODE_CODES[m])
        .join('')
    );
  if (differs('trigger') && state.trigger !== null && readable(text(LINK_LIMITS.triggerChars), state.trigger))
    p.set('trigger', state.trigger);
  if (differs('exemplars') && state.exemplars !== null) {
    const ex = encodeExemplars(state.exemplars);
    if (readable(ExemplarsSchema, ex)) p.set('ex', ex);
  }
  if (differs('decoding')) p.set('dec', encodeDecoding(state.decoding));
  if (differs('set')) p.set('set', encodeSet(state.set));
  const sc = state.consistency;
  if (differs('consistency') && sc !== null) p.set('sc', [sc.k, sc.temperature, sc.seed].map(num).join('_'));
  if (view.embed === true) p.set('embed', '1');
  if (view.present === true) p.set('present', '1');
  const s = p.toString();
  return s === '' ? '' : `?${s}`;
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
  const drop = (key: Key, why: string): void => void notices.push(`Parameter “${key}” ignored: ${why}.`);
  for (const [key, value] of params) {
    if (!isKey(key)) notices.push(`Unknown parameter “${shown(key)}” ignored.`);
    else if (seen.has(key)) notices.push(`Repeated parameter “${key}” ignored.`);
    // An empty question would open a page that cannot run; the default question is shown instead.
    else if (key === 'q' && value.trim() === '') drop('q', 'it is empty, so the default question is shown');
    else values.set(key, value);
    seen.add(key);
  }
  const use = <T>(key: Key, schema: v.GenericSchema<string, T>, apply: (value: T) => void): void => {
    const raw = values.get(key);
    if (raw === undefined) return;
    const r = read(schema, raw);
    if (r.ok) apply(r.value);
    else drop(key, r.why);
  };

  use('model', ModelSchema, (m) => (link.model = m));
  use('device', DeviceSchema, (d) => (link.device = d));
  // The gold answer belongs to the question: without `q` it would be checked against the wrong one.
  const goldRaw = values.get('gold');
  const goldRead: Read<string> =
    goldRaw === undefined ? { ok: true, value: '' } : read(text(LINK_LIMITS.goldChars), goldRaw);
  if (!goldRead.ok) drop('gold', goldRead.why);
  else if (goldRead.value !== '' && !values.has('q')) drop('gold', 'it needs a question (q)');
  const gold = goldRead.ok && goldRead.value !== '' ? goldRead.value : null;
  use('q', text(LINK_LIMITS.questionChars), (q) => (link.question = { text: q, gold }));
  use('modes', ModesSchema, (m) => (link.modes = m));
  use('trigger', text(LINK_LIMITS.triggerChars), (t) => (link.trigger = t));
  use('ex', ExemplarsSchema, (e) => (link.exemplars = e));
  use('dec', DecodingSchema, (d) => (link.decoding = d));
  use('set', SetSchema, (s) => (link.set = s));
  use('sc', ConsistencySchema, (c) => (link.consistency = c));
  use('embed', FlagSchema, (f) => (view.embed = f));
  use('present', FlagSchema, (f) => (view.present = f));

  if (notices.length > LINK_LIMITS.notices) {
    const more = notices.length - LINK_LIMITS.notices;
    notices.length = LINK_LIMITS.notices;
    notices.push(`… and ${more} more.`);
  }
  return { link, view, notices };
}
