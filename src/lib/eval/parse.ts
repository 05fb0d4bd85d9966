import { FAMILIES, type Family } from '../tasks/index.ts';
import { SET_LIMITS } from './sets.ts';
import type { EvalItem, ProblemSet } from './types.ts';

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

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

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
    const message = err instanceof Error ? err.message : String(err);
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

/** The delimiter used most in the header line, outside quotes: comma, semicolon or tab. */
export function sniffDelimiter(text: string): string {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  const outside = header.replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((d) => ({ d, n: outside.split(d).length - 1 }));
  const best = counts.reduce((a, b) => (b.n > a.n ? b : a));
  return best.n > 0 ? best.d : ',';
}

export interface CsvRecord {
  line: number;
  cells: string[];
}

/** RFC 4180: quoted fields may hold delimiters, doubled quotes and line breaks. Blank lines are skipped. */
export function parseCsv(
  text: string,
  delimiter = ','
): { ok: true; records: CsvRecord[] } | { ok: false; error: string } {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let quoteLine = 0;
  let line = 1;
  let recordLine = 1;
  const endRecord = (): void => {
    cells.push(cell);
    if (cells.length > 1 || (cells[0] ?? '').trim() !== '') records.push({ line: recordLine, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line += 1;
        cell += c;
      }
      continue;
    }
    if (c === '"' && cell.trim() === '') {
      quoted = true;
      quoteLine = line;
      cell = '';
    } else if (c === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      endRecord();
      line += 1;
      recordLine = line;
    } else cell += c;
  }
  if (quoted) return { ok: false, error: `line ${quoteLine}: a quoted field is never closed` };
  endRecord();
  return { ok: true, records };
}

const ANSWER_KEYS = ['answer', 'gold'] as const;

function csvRows(text: string): Rows {
  const parsed = parseCsv(text, sniffDelimiter(text));
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

function toItem(row: RawRow, errors: string[]): EvalItem | null {
  const before = errors.length;
  const fail = (what: string): void => void errors.push(`${row.where}: ${what}`);

  const q = row.get('question');
  const question = typeof q === 'string' ? q.trim() : '';
  if (typeof q !== 'string' && q !== undefined) fail('the question must be text');
  else if (question === '') fail('the question is missing or empty');
  else if (question.length > SET_LIMITS.maxQuestionChars)
    fail(`the question is ${question.length} characters; the limit is ${SET_LIMITS.maxQuestionChars}`);

  const a = ANSWER_KEYS.map((k) => row.get(k)).find((v) => v !== undefined && v !== '');
  const gold = typeof a === 'string' ? a.trim() : typeof a === 'number' && Number.isFinite(a) ? String(a) : '';
  if (a !== undefined && typeof a !== 'string' && typeof a !== 'number') fail('the answer must be text or a number');
  else if (gold === '') fail('the answer is missing or empty');
  else if (gold.length > SET_LIMITS.maxAnswerChars)
    fail(`the answer is ${gold.length} characters; the limit is ${SET_LIMITS.maxAnswerChars}`);
  else if (/[\r\n]/.test(gold)) fail('the answer must be on one line');

  const steps = readSteps(row.get('steps'), fail);
  const family = readFamily(row.get('family'), fail);
  if (errors.length > before) return null;
  return { id: row.where, question, gold, family, steps };
}

function readSteps(v: unknown, fail: (what: string) => void): number | null {
  if (v === undefined || v === null || v === '') return null;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > SET_LIMITS.maxSteps) {
    fail(`steps must be a whole number from 1 to ${SET_LIMITS.maxSteps}`);
    return null;
  }
  return n;
}

function readFamily(v: unknown, fail: (what: string) => void): Family | null {
  if (v === undefined || v === null || v === '') return null;
  const f = typeof v === 'string' ? v.trim().toLowerCase() : '';
  const family = FAMILIES.find((x) => x === f);
  if (family === undefined) {
    fail(`family must be one of ${FAMILIES.join(', ')}`);
    return null;
  }
  return family;
}
