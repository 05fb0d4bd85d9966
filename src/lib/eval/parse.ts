import Papa from 'papaparse';
import * as v from 'valibot';
import { isRecord, messageOf } from '../core/values.ts';
import { FAMILIES, type Family } from '../tasks/index.ts';
import { SET_LIMITS } from './sets.ts';
import type { EvalItem, ProblemSet } from './problemSet.ts';

export type ParseResult = { ok: true; set: ProblemSet; warnings: string[] } | { ok: false; errors: string[] };

export type SetFormat = 'json' | 'jsonl' | 'csv';

/** More errors than this are summarised: a wrong file should say so, not scroll for a page. */
const MAX_ERRORS = 20;
const MAX_NAME_CHARS = 80;

/** A raw row from any format: a value by column or key, and where it came from for messages. */
interface RawRow {
  where: string;
  get(key: string): unknown;
}

export function detectFormat(text: string, name: string): SetFormat {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  if (ext === 'csv' || ext === 'tsv') return 'csv';
  if (ext === 'jsonl' || ext === 'ndjson') return 'jsonl';
  if (ext === 'json') return 'json';
  const first = text.trimStart()[0];
  if (first === '[') return 'json';
  if (first === '{') return 'jsonl';
  return 'csv';
}

/**
 * Validates a problem set a user pasted or uploaded: a JSON list or JSON lines of objects with `question` and
 * `answer` (or `gold`), or CSV with those columns; optional `steps` and `family`. Nothing here trusts the input:
 * sizes are capped, only known keys are read, and every problem is reported with its line.
 */
export function parseProblemSet(input: string, name = 'pasted set'): ParseResult {
  const bytes = new TextEncoder().encode(input).length;
  if (bytes > SET_LIMITS.maxBytes)
    return { ok: false, errors: [`the set is ${bytes} bytes; the limit is ${SET_LIMITS.maxBytes}`] };
  const text = input.replace(/^\uFEFF/, '');
  if (text.trim() === '') return { ok: false, errors: ['the set is empty'] };
  const format = detectFormat(text, name);
  const rows = format === 'json' ? jsonRows(text) : format === 'jsonl' ? jsonlRows(text) : csvRows(text);
  if (!rows.ok) return rows;
  const errors: string[] = [];
  const items: EvalItem[] = [];
  for (const row of rows.rows) {
    const item = toItem(row, errors);
    if (item !== null) items.push(item);
  }
  if (errors.length > 0) return { ok: false, errors: capErrors(errors) };
  if (items.length === 0) return { ok: false, errors: ['the set has no questions'] };
  const warnings: string[] = [];
  if (items.length > SET_LIMITS.maxItems) {
    warnings.push(`kept the first ${SET_LIMITS.maxItems} of ${items.length} questions`);
    items.length = SET_LIMITS.maxItems;
  }
  const label = cleanName(name);
  return { ok: true, set: { label, source: { kind: 'uploaded', name: label }, items }, warnings };
}

function cleanName(name: string): string {
  // eslint-disable-next-line no-control-regex -- a file name is shown on the page; control characters go
  const clean = name.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (clean === '' ? 'pasted set' : clean).slice(0, MAX_NAME_CHARS);
}

function capErrors(errors: string[]): string[] {
  if (errors.length <= MAX_ERRORS) return errors;
  return [...errors.slice(0, MAX_ERRORS), `… and ${errors.length - MAX_ERRORS} more`];
}

type Rows = { ok: true; rows: RawRow[] } | { ok: false; errors: string[] };

/** Only the object's own keys: `__proto__` or `constructor` in the file can never reach a prototype. */
function objectRow(obj: Record<string, unknown>, where: string): RawRow {
  return { where, get: (key) => (Object.hasOwn(obj, key) ? obj[key] : undefined) };
}

/** The line of a JSON syntax error, from V8's "(line L column C)" or "at position P". */
function syntaxErrorLine(message: string, text: string): number | null {
  const line = /line (\d+)/.exec(message)?.[1];
  if (line !== undefined) return Number(line);
  const pos = /position (\d+)/.exec(message)?.[1];
  if (pos === undefined) return null;
  return text.slice(0, Number(pos)).split('\n').length;
}

/** The line each element of a top-level JSON array starts on, found with a small scanner (strings skipped). */
export function arrayElementLines(text: string): number[] {
  const lines: number[] = [];
  let depth = 0;
  let line = 1;
  let inString = false;
  let escaped = false;
  let expecting = false;
  for (const c of text) {
    if (c === '\n') line += 1;
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (depth === 1 && expecting && !/\s/.test(c) && c !== ']') {
      lines.push(line);
      expecting = false;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      depth += 1;
      if (depth === 1) expecting = true;
    } else if (c === ']' || c === '}') depth -= 1;
    else if (c === ',' && depth === 1) expecting = true;
  }
  return lines;
}

function jsonRows(text: string): Rows {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const message = messageOf(err);
    const line = syntaxErrorLine(message, text);
    return { ok: false, errors: [`${line === null ? '' : `line ${line}: `}not valid JSON (${message})`] };
  }
  if (!Array.isArray(data))
    return { ok: false, errors: ['a JSON set must be a list of objects with "question" and "answer"'] };
  const lines = arrayElementLines(text);
  const rows: RawRow[] = [];
  const errors: string[] = [];
  data.forEach((el: unknown, i) => {
    const where = lines[i] === undefined ? `item ${i + 1}` : `line ${lines[i]}`;
    if (isRecord(el)) rows.push(objectRow(el, where));
    else errors.push(`${where}: expected an object with "question" and "answer"`);
  });
  return errors.length > 0 ? { ok: false, errors: capErrors(errors) } : { ok: true, rows };
}

function jsonlRows(text: string): Rows {
  const rows: RawRow[] = [];
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '') return;
    const where = `line ${i + 1}`;
    try {
      const el: unknown = JSON.parse(raw);
      if (isRecord(el)) rows.push(objectRow(el, where));
      else errors.push(`${where}: expected an object with "question" and "answer"`);
    } catch {
      errors.push(`${where}: not valid JSON`);
    }
  });
  return errors.length > 0 ? { ok: false, errors: capErrors(errors) } : { ok: true, rows };
}

/** A CSV record and the line it starts on (quoted fields may span lines). */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/**
 * CSV read by PapaParse: RFC 4180 quoting (delimiters, doubled quotes and line breaks inside quotes),
 * the delimiter guessed among comma, semicolon and tab, blank lines skipped. Each record keeps its line.
 */
export function parseCsv(text: string): { ok: true; records: CsvRecord[] } | { ok: false; error: string } {
  const normalized = text.replace(/\r\n?/g, '\n');
  const records: CsvRecord[] = [];
  let start = 0;
  let broken: string | null = null;
  const lineAt = (offset: number): number => {
    let at = offset;
    while (normalized[at] === '\n') at += 1;
    return normalized.slice(0, at).split('\n').length;
  };
  Papa.parse<string[]>(normalized, {
    delimiter: '',
    delimitersToGuess: [',', ';', '\t'],
    newline: '\n',
    skipEmptyLines: true,
    step: (row) => {
      const line = lineAt(start);
      start = row.meta.cursor;
      if (row.errors.some((e) => e.type === 'Quotes')) broken ??= `line ${line}: a quoted field is never closed`;
      else records.push({ line, cells: row.data });
    }
  });
  return broken === null ? { ok: true, records } : { ok: false, error: broken };
}

const ANSWER_KEYS = ['answer', 'gold'] as const;

function csvRows(text: string): Rows {
  const parsed = parseCsv(text);
  if (!parsed.ok) return { ok: false, errors: [parsed.error] };
  const [header, ...body] = parsed.records;
  if (header === undefined) return { ok: false, errors: ['the set is empty'] };
  const names = header.cells.map((h) => h.trim().toLowerCase());
  const dup = names.find((n, i) => n !== '' && names.indexOf(n) !== i);
  if (dup !== undefined) return { ok: false, errors: [`line ${header.line}: the column "${dup}" appears twice`] };
  if (!names.includes('question') || !ANSWER_KEYS.some((k) => names.includes(k)))
    return {
      ok: false,
      errors: [`line ${header.line}: the first line must name the columns, with "question" and "answer"`]
    };
  const rows = body.map((r): RawRow => {
    const where = `line ${r.line}`;
    return {
      where,
      get: (key) => {
        const at = names.indexOf(key);
        return at === -1 ? undefined : r.cells[at];
      }
    };
  });
  return { ok: true, rows };
}

const STEPS_MESSAGE = `steps must be a whole number from 1 to ${SET_LIMITS.maxSteps}`;
const FAMILY_MESSAGE = `family must be one of ${FAMILIES.join(', ')}`;

/** One problem of a set, as the file gives it: every field checked, each problem reported in words. */
const ItemSchema = v.object({
  question: v.pipe(
    v.optional(v.string('the question must be text'), ''),
    v.trim(),
    v.nonEmpty('the question is missing or empty'),
    v.maxLength(
      SET_LIMITS.maxQuestionChars,
      (issue) => `the question is ${issue.received} characters; the limit is ${SET_LIMITS.maxQuestionChars}`
    )
  ),
  gold: v.pipe(
    v.optional(v.union([v.string(), v.number()], 'the answer must be text or a number'), ''),
    v.transform((a) => (typeof a === 'number' ? (Number.isFinite(a) ? String(a) : '') : a.trim())),
    v.nonEmpty('the answer is missing or empty'),
    v.maxLength(
      SET_LIMITS.maxAnswerChars,
      (issue) => `the answer is ${issue.received} characters; the limit is ${SET_LIMITS.maxAnswerChars}`
    ),
    v.check((a) => !/[\r\n]/.test(a), 'the answer must be on one line')
  ),
  steps: v.pipe(
    v.nullish(v.union([v.number(), v.string()], STEPS_MESSAGE)),
    v.transform((x) => {
      if (x === undefined || x === null || x === '') return null;
      return typeof x === 'number' ? x : /^\s*\d+\s*$/.test(x) ? Number(x) : Number.NaN;
    }),
    v.check((n) => n === null || (Number.isInteger(n) && n >= 1 && n <= SET_LIMITS.maxSteps), STEPS_MESSAGE)
  ),
  family: v.pipe(
    v.nullish(v.string(FAMILY_MESSAGE)),
    v.transform((f) => (f ?? '').trim().toLowerCase()),
    v.union([v.literal(''), v.picklist(FAMILIES)], FAMILY_MESSAGE),
    v.transform((f): Family | null => (f === '' ? null : f))
  )
});

function toItem(row: RawRow, errors: string[]): EvalItem | null {
  const input = {
    question: row.get('question'),
    gold: ANSWER_KEYS.map((k) => row.get(k)).find((a) => a !== undefined && a !== ''),
    steps: row.get('steps'),
    family: row.get('family')
  };
  const result = v.safeParse(ItemSchema, input, { abortPipeEarly: true });
  if (result.success) {
    const { question, gold, steps, family } = result.output;
    return { id: row.where, question, gold, steps: steps ?? null, family: family ?? null };
  }
  for (const issue of result.issues) errors.push(`${row.where}: ${issue.message}`);
  return null;
}
