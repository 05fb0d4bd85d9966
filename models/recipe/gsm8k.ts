/**
 * GSM8K's training split (../shared/data/gsm8k): reading it, a development split fixed by seed, what its numbers
 * and `<<expr=result>>` calculations say, and the two rationale styles the student learns from its solutions.
 * Re-instancing and the training problems are in gsm8k-reinstance.ts.
 */
import { readFileSync } from 'node:fs';
import { Rng } from '$lib/core/rng.ts';
import { answerSentence } from '$lib/tasks/types.ts';

// One entry point for the recipe. The re-instancing module imports this one back; only functions cross, and
// neither calls the other while loading, so the cycle is harmless.

export interface Gsm8kItem {
  /** 0-based line number in train.jsonl: a stable id across splits and variants. */
  index: number;
  question: string;
  /** The step-by-step solution as written, `<<expr=result>>` annotations and `#### answer` line included. */
  solution: string;
  /** The `####` value, commas removed. */
  answer: string;
  /** How many `<<…>>` calculations the solution has. */
  calcs: number;
}

const ANNOTATION = /<<([^<>=]*)=([^<>=]*)>>/g;

export function parseGsm8k(text: string): Gsm8kItem[] {
  const out: Gsm8kItem[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const row = JSON.parse(line) as Record<string, unknown>;
    const { question, answer } = row;
    if (typeof question !== 'string' || typeof answer !== 'string')
      throw new Error(`line ${index + 1}: not a GSM8K row`);
    const final = /^####\s*(.+)$/m.exec(answer)?.[1];
    if (final === undefined) throw new Error(`line ${index + 1}: no "#### answer" line`);
    const calcs = answer.match(ANNOTATION)?.length ?? 0;
    out.push({ index, question, solution: answer, answer: final.trim().replace(/,/g, ''), calcs });
  });
  return out;
}

export function readGsm8k(path: string): Gsm8kItem[] {
  return parseGsm8k(readFileSync(path, 'utf8'));
}

/** The key under which two questions count as the same: case and spacing differences do not make a new one. */
export function questionKey(question: string): string {
  return question.toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * A development split the student never trains on: `size` problems of 1–3 calculations with an integer answer,
 * drawn by seed. Training keeps every other problem, of any length, except repeats of a development question.
 */
export function splitDev(
  items: readonly Gsm8kItem[],
  seed = 20261201,
  size = 600
): { dev: Gsm8kItem[]; train: Gsm8kItem[] } {
  const eligible = items.filter((it) => it.calcs >= 1 && it.calcs <= 3 && /^-?\d+$/.test(it.answer));
  const chosen = new Set(new Rng(seed).shuffle(eligible.map((it) => it.index)).slice(0, size));
  const dev = items.filter((it) => chosen.has(it.index));
  const devKeys = new Set(dev.map((it) => questionKey(it.question)));
  const train = items.filter((it) => !chosen.has(it.index) && !devKeys.has(questionKey(it.question)));
  return { dev, train };
}

const EXPR_TOKEN = /\s*(\d+(?:\.\d+)?|\.\d+|[-+*/()])/y;

/** Evaluates + - * / ( ) over decimals, without eval: annotations are data, never code. Null if malformed. */
export function evaluate(expr: string): number | null {
  const toks: string[] = [];
  let end = 0;
  EXPR_TOKEN.lastIndex = 0;
  // A failed sticky match resets lastIndex, so the end of the last token is kept apart.
  for (let m = EXPR_TOKEN.exec(expr); m; m = EXPR_TOKEN.exec(expr)) {
    toks.push(m[1] ?? '');
    end = EXPR_TOKEN.lastIndex;
  }
  if (expr.slice(end).trim() !== '' || toks.length === 0) return null;
  let i = 0;
  const sum = (): number => {
    let v = product();
    while (toks[i] === '+' || toks[i] === '-') v = toks[i++] === '+' ? v + product() : v - product();
    return v;
  };
  const product = (): number => {
    let v = factor();
    while (toks[i] === '*' || toks[i] === '/') v = toks[i++] === '*' ? v * factor() : v / factor();
    return v;
  };
  const factor = (): number => {
    const t = toks[i++];
    if (t === '-') return -factor();
    if (t === '(') {
      const v = sum();
      return toks[i++] === ')' ? v : NaN;
    }
    return t !== undefined && /^[\d.]/.test(t) ? Number(t) : NaN;
  };
  const v = sum();
  return i === toks.length && Number.isFinite(v) ? v : null;
}

/** A number as written somewhere: its span and its value. */
export interface NumSpan {
  start: number;
  end: number;
  text: string;
  value: number;
}

/** Numbers written in prose: "1,200" is one number, "2.50" keeps its decimals, "$.2" is 0.2. */
export function numbersIn(text: string, from = 0, to = text.length): NumSpan[] {
  const out: NumSpan[] = [];
  for (const m of text.slice(from, to).matchAll(/(?<![\d.,])(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)(?!\d)/g)) {
    const start = from + m.index;
    out.push({ start, end: start + m[0].length, text: m[0], value: Number(m[0].replace(/,/g, '')) });
  }
  return out;
}

/** Shortest plain form of a value with at most 2 decimals: 5.50 → "5.5", 180.00 → "180". */
export function plain(v: number): string {
  return String(Math.round(v * 100) / 100);
}

/** A new value written the way the old one was: thousands commas kept, money's "5.50" style kept. */
export function styled(v: number, like: string): string {
  const decimals = like.split('.')[1]?.length ?? 0;
  let s = plain(v);
  if ((s.split('.')[1]?.length ?? 0) < decimals && (decimals === 2 || like.endsWith('0'))) s = v.toFixed(decimals);
  if (!like.includes(',')) return s;
  const [whole = '', frac] = s.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/**
 * Values a solution may use without the question writing them, each with the words that can imply it. A question
 * number with such a value stays put where one of those words is there: a "60" beside "minutes" may be the minutes.
 */
const IMPLIED: [number, RegExp][] = [
  [0.01, /%|percent/],
  [1, /./],
  [2, /twice|doubl|half|halv|pair|both|\btwo\b|couple|second/],
  [3, /tripl|thrice|three|third/],
  [4, /quarter|four|week|month/],
  [5, /five|fifth|weekday|nickel/],
  [7, /seven|week|days/],
  [10, /\bten\b|tenth|decade|dime/],
  [12, /twelve|dozen|month|year|foot|feet|inch/],
  [24, /day|hour/],
  [52, /week|year/],
  [60, /hour|minute|second/],
  [100, /hundred|percent|%|cent|century|meter/],
  [365, /year|day/],
  [1000, /thousand|kilo|liter|litre|gram|meter/]
];
const WORD_VALUES = new Map(
  `one:1 two:2 three:3 four:4 five:5 six:6 seven:7 eight:8 nine:9 ten:10 eleven:11 twelve:12 thirteen:13
  fourteen:14 fifteen:15 sixteen:16 seventeen:17 eighteen:18 nineteen:19 twenty:20 thirty:30 forty:40 fifty:50
  sixty:60 seventy:70 eighty:80 ninety:90 hundred:100 thousand:1000 dozen:12 dozens:12 twice:2 double:2 doubles:2
  pair:2 pairs:2 couple:2 both:2 half:2,0.5 triple:3 triples:3 thrice:3 third:3 quarter:4,0.25 quarters:4,0.25
  fourth:4 month:30 months:30 yard:36 yards:36 pound:16 pounds:16 gallon:128 gallons:128`
    .split(/\s+/)
    .map((pair): [string, number[]] => {
      const [word = '', values = ''] = pair.split(':');
      return [word, values.split(',').map(Number)];
    })
);

/** How a varying question number is written, so that its new value is written alike. */
export interface VarInfo {
  decimals: number;
  percent: boolean;
  lastDigit: string;
}

/**
 * What a question's numbers are to a solution. `vars` may vary; `fixed` stay put: years, times, ordinals, fractions,
 * number words, and written numbers a unit word could also mean; `units` are values the question's unit words
 * imply without writing them ("minutes" 60, "%" 100).
 */
export function questionNumbers(
  question: string,
  solution: string
): { vars: Map<number, VarInfo>; fixed: Set<number>; units: Set<number> } {
  const lower = question.toLowerCase();
  const units = new Set(IMPLIED.filter(([, words]) => words.test(lower)).map(([v]) => v));
  const fixed = new Set<number>();
  // A number the solution spells out ("three times 58") would keep its old word in the rewritten solution.
  for (const w of `${lower} ${solution.toLowerCase()}`.match(/[a-z]+/g) ?? [])
    for (const v of WORD_VALUES.get(w) ?? []) fixed.add(v);
  const vars = new Map<number, VarInfo>();
  const spans = numbersIn(question);
  for (const n of spans) {
    const before = question.slice(Math.max(0, n.start - 1), n.start);
    const after = question.slice(n.end, n.end + 6);
    const year = Number.isInteger(n.value) && n.value >= 1800 && n.value <= 2100 && before !== '$';
    const odd = /^(?::\d|\/\d|st\b|nd\b|rd\b|th\b|\s?[ap]\.?m\b)/i.test(after) || /[:/]/.test(before);
    if (year || odd || n.value === 0 || units.has(n.value)) fixed.add(n.value);
  }
  for (const n of spans) {
    if (fixed.has(n.value)) continue;
    const decimals = n.text.split('.')[1]?.length ?? 0;
    const percent = /^\s?(%|percent)/.test(question.slice(n.end, n.end + 9));
    const prev = vars.get(n.value);
    vars.set(n.value, {
      decimals: Math.max(decimals, prev?.decimals ?? 0),
      percent: percent || (prev?.percent ?? false),
      lastDigit: n.text.slice(-1)
    });
  }
  return { vars, fixed, units };
}

const OPERAND = String.raw`\(*\$?(?:\d+(?:\.\d+)?|\.\d+)%?\)*`;
const OPERATOR = String.raw`\s*[-+/x×÷]\s*`;
const SIDE = `${OPERAND}(?:${OPERATOR}${OPERAND})*`;
// A written equation such as "48/2 = 24" or "$9 x 7 = $63": only there is "/" a division and "x" a product,
// elsewhere they are units ("5 snakes/jaguar") and letters.
const EQUATION = new RegExp(String.raw`(?<![\w.$])${SIDE}(?:\s*=\s*${SIDE})+(?![\w]|\.\d)`, 'g');
const SYMBOLS: Record<string, string> = { '/': '÷', x: '×', '*': '×' };

function tidyEquation(eq: string): string {
  const toks = eq.match(new RegExp(`${OPERAND}|[-+/x×÷=]`, 'g')) ?? [];
  return toks.map((t) => SYMBOLS[t] ?? t.replace(/^([($]*)\./, (_, lead: string) => `${lead}0.`)).join(' ');
}

/** The final answer of a solution's `#### X` line, commas removed. */
export function finalAnswer(solution: string): string {
  return (/^####\s*(.+)$/m.exec(solution)?.[1] ?? '').trim().replace(/,/g, '');
}

/**
 * The project's rationale style from a GSM8K solution: one paragraph of the solution's own sentences, annotations
 * and thousands commas gone, equations written with × and ÷, ending in the answer sentence.
 */
export function rationaleOf(solution: string): string {
  const sentences = solution
    .split('\n')
    .filter((line) => !line.startsWith('####'))
    .map((line) =>
      line
        .replace(/<<[^<>]*>>/g, '')
        .replace(/(?<=\d),(?=\d{3}(?!\d))/g, '')
        // "*" means nothing but multiplication in these solutions, even between unit words.
        .replace(/\s*\*\s*/g, ' × ')
        .replace(/\s*=\s*/g, ' = ')
        .replace(EQUATION, tidyEquation)
        .replace(/\s+/g, ' ')
        .trim()
        .replace(/[,;]$/, '.')
    )
    .filter((line) => line !== '')
    .map((line) => (/[.!?:]$/.test(line) ? line : `${line}.`));
  const body = sentences.join(' ').replace(/\s*(?:So,? )?the (?:final )?answer is [^.]*\.$/i, '');
  return `${body} ${answerSentence(finalAnswer(solution))}`.trim();
}

/** The compact style: only the annotated calculations, "48 ÷ 2 = 24. 48 + 24 = 72. The answer is 72." */
export function equationsRationale(solution: string, answer: string): string {
  const equations = [...solution.matchAll(ANNOTATION)]
    .filter((m) => /\d\s*[-+*/]/.test(m[1] ?? ''))
    .map((m) => {
      const toks = (m[1] ?? '').match(/\d+(?:\.\d+)?|\.\d+|[-+*/()]/g) ?? [];
      const expr = toks
        .map((t) => (/[\d.]/.test(t) ? plain(Number(t)) : (SYMBOLS[t] ?? t)))
        .join(' ')
        .replace(/\( /g, '(')
        .replace(/ \)/g, ')');
      return `${expr} = ${plain(Number(m[2]))}.`;
    });
  return [...equations, answerSentence(answer)].join(' ');
}
