/**
 * GSM8K number re-instancing: vary the numbers a problem's calculations take from its question, recompute every
 * `<<expr=result>>` step, and rewrite question and solution. New problems with the same reasoning, so the student
 * cannot pass by remembering answers; and the training problems built from originals and variants.
 */
import type { Rng } from '$lib/core/rng.ts';
import {
  equationsRationale,
  evaluate,
  numbersIn,
  plain,
  questionNumbers,
  rationaleOf,
  styled,
  type Gsm8kItem,
  type NumSpan,
  type VarInfo
} from './gsm8k.ts';
import { swapNames } from './names.ts';

const same = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
const cents = (v: number): boolean => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6;

/** Where a number in a calculation or in the solution's prose comes from. */
type Source = { kind: 'question'; value: number } | { kind: 'step'; step: number } | { kind: 'fixed'; value: number };

interface Step {
  /** The annotation's expression and the spans of its numbers in it. */
  expr: string;
  operands: { start: number; end: number; sources: Source[] }[];
  /** Span of the whole `<<…>>` in the solution. */
  start: number;
  end: number;
}

interface Plan {
  /** The question's numbers that vary, by value, with how they are written. */
  vars: Map<number, VarInfo>;
  steps: Step[];
  /** Numbers in the solution's prose, each to be rewritten from its sources. */
  prose: { span: NumSpan; sources: Source[] }[];
}

/** Works out where every number of the solution comes from; null when some calculation cannot be explained. */
function planOf(item: Gsm8kItem): Plan | null {
  const { vars, fixed, units } = questionNumbers(item.question, item.solution);
  const sol = item.solution;
  const steps: Step[] = [];
  const results: number[] = [];
  const sourcesOf = (v: number, before: number): Source[] => {
    const out: Source[] = [];
    for (let j = before - 1; j >= 0; j--) if (same(results[j] ?? NaN, v)) out.push({ kind: 'step', step: j });
    for (const q of vars.keys()) if (same(q, v)) out.push({ kind: 'question', value: q });
    // A unit's value explains a number no earlier step gives: a repeated result is far likelier than a unit.
    const unit = out.length === 0 && [...units].some((u) => same(u, v));
    if (unit || [...fixed].some((f) => same(f, v))) out.push({ kind: 'fixed', value: v });
    return out;
  };
  const prose: Plan['prose'] = [];
  let proseFrom = 0;
  const proseUpTo = (end: number, aligned: Map<number, Source[]>): void => {
    for (const span of numbersIn(sol, proseFrom, end)) {
      const sources = aligned.get(span.start) ?? sourcesOf(span.value, results.length);
      prose.push({ span, sources });
    }
  };
  for (const m of sol.matchAll(/<<([^<>=]*)=([^<>=]*)>>/g)) {
    const expr = m[1] ?? '';
    const written = Number(m[2]);
    const value = evaluate(expr);
    if (value === null || !same(value, written)) return null;
    const operands: Step['operands'] = [];
    for (const o of expr.matchAll(/\d+(?:\.\d+)?|\.\d+/g)) {
      const sources = sourcesOf(Number(o[0]), results.length);
      if (sources.length === 0) return null;
      operands.push({ start: o.index, end: o.index + o[0].length, sources });
    }
    const segment = Math.max(proseFrom, sol.lastIndexOf('\n', m.index) + 1);
    const before = numbersIn(sol, segment, m.index);
    // The prose before an annotation usually repeats its expression: match its numbers to the operands by value,
    // nearest first, so "48/2 = <<48/2=24>>" rewrites its 48 and 2 with the operands even where a value is ambiguous.
    const free = operands.map((o) => ({ value: Number(expr.slice(o.start, o.end)), sources: o.sources }));
    const aligned = new Map<number, Source[]>();
    for (const b of [...before].reverse()) {
      let j = free.length - 1;
      while (j >= 0 && !same(free[j]?.value ?? NaN, b.value)) j--;
      const o = free[j];
      if (o === undefined) continue;
      aligned.set(b.start, o.sources);
      free.splice(j, 1);
    }
    // "15-5 = <<5+5=10>>": an annotation missing a number of the expression the prose writes is another calculation.
    const head = sol.slice(segment, m.index);
    const eq = /=\s*\$?\s*$/.exec(head);
    const lhs = eq ? /(?:[\d.$%()+\-*/x×÷\s]|,(?=\d))*$/.exec(head.slice(0, eq.index)) : null;
    if (lhs && before.some((b) => b.start >= segment + lhs.index && !aligned.has(b.start))) return null;
    // Pushed first: prose often gives a step's result before its working ("32, because 2 x 16 = <<2*16=32>>32").
    results.push(written);
    proseUpTo(m.index, aligned);
    steps.push({ expr, operands, start: m.index, end: m.index + m[0].length });
    proseFrom = m.index + m[0].length;
    // The result written right after the annotation is that step's.
    const shown = numbersIn(sol, proseFrom, Math.min(sol.length, proseFrom + 20))[0];
    if (shown && shown.start <= proseFrom + 1 && same(shown.value, written)) {
      prose.push({ span: shown, sources: [{ kind: 'step', step: steps.length - 1 }] });
      proseFrom = shown.end;
    }
  }
  const hashes = sol.lastIndexOf('####');
  proseUpTo(hashes < 0 ? sol.length : hashes, new Map());
  const answerValue = Number(item.answer);
  const last = results.length - 1;
  // An answer the last calculation does not give comes from prose this module cannot recompute.
  if (!same(results[last] ?? NaN, answerValue)) return null;
  // Only numbers the calculations use vary; any other stays as written, wherever the prose repeats it.
  const used = new Set(
    steps.flatMap((s) => s.operands.flatMap((o) => o.sources.map((x) => (x.kind === 'question' ? x.value : NaN))))
  );
  for (const v of [...vars.keys()]) if (!used.has(v)) vars.delete(v);
  if (vars.size === 0 || !Number.isInteger(answerValue)) return null;
  const varies = (x: Source): boolean => x.kind === 'step' || (x.kind === 'question' && vars.has(x.value));
  const unannotated = unannotatedSpans(sol);
  for (const p of prose) {
    if (p.sources.length === 0) return null;
    // Nothing recomputes a calculation the prose does without an annotation, so its numbers must stay put.
    const inside = unannotated.some(([from, to]) => p.span.start >= from && p.span.end <= to);
    if (inside && p.sources.some(varies)) return null;
  }
  return { vars, steps, prose };
}

/** Spans of calculations the prose writes with "=" but no annotation: "4+6=10", "42 minutes = 42/60 hours". */
function unannotatedSpans(solution: string): [number, number][] {
  // An annotation without an operator ("2*5 = <<10=10>>") records no calculation, so it hides none.
  const masked = solution.replace(/<<[^<>]*>>/g, (a) => (/\d\s*[-+*/]/.test(a) ? '#' : ' ').repeat(a.length));
  const spans: [number, number][] = [];
  for (const m of masked.matchAll(/=(?!\s*\$?\s*#)/g)) {
    // "Ernesto = 11 + 3 = <<11+3=14>>": a label before an annotated calculation.
    if (/^[\s\d.,$%()+\-*/x×÷]*=\s*\$?\s*#/.test(masked.slice(m.index + 1))) continue;
    const from = Math.max(masked.lastIndexOf('\n', m.index) + 1, masked.lastIndexOf('#', m.index) + 1);
    const lineEnd = masked.indexOf('\n', m.index);
    const after = numbersIn(masked, m.index, lineEnd < 0 ? masked.length : lineEnd)[0];
    spans.push([from, after?.end ?? m.index]);
  }
  return spans;
}

function divisorsOf(n: number): number[] {
  const out: number[] = [];
  for (let d = 1; d * d <= n; d++) if (n % d === 0) out.push(d, n / d);
  return out;
}

/** A number of the same size and kind: integers stay integers, decimals keep their places, percentages ≤ 100. */
function draw(v: number, info: VarInfo, rng: Rng): number {
  const unit = 10 ** info.decimals;
  const n = Math.round(v * unit);
  // Never 1 for a whole number: "1 yellow cards", and a factor of 1 changes what a step means.
  const lo = Math.max(unit === 1 ? 2 : 1, Math.ceil(n / 2));
  const hi = Math.min(n * 2, info.percent ? 100 * unit : Infinity);
  // A step of one of n's divisors keeps the factors that divisions in the solution may rely on.
  const divisors = divisorsOf(n).filter((d) => d * 2 <= hi);
  for (let tries = 0; tries < 8; tries++) {
    const step = divisors.length > 0 ? rng.pick(divisors) : 1;
    const m = step * rng.int(Math.ceil(lo / step), Math.max(Math.ceil(lo / step), Math.floor(hi / step)));
    if (info.decimals > 0 && info.lastDigit !== '0' && m % 10 === 0) continue;
    if (m >= lo && m <= hi && m !== n) return m / unit;
  }
  return v;
}

/** One try: new values, every step recomputed and checked, question and solution rewritten. Null if it fails. */
function variant(item: Gsm8kItem, plan: Plan, rng: Rng): Gsm8kItem | null {
  const next = new Map<number, number>();
  for (const [v, info] of plan.vars) next.set(v, draw(v, info, rng));
  // New values that meet each other or a number left as it was would blur which number the solution means.
  const kept = new Set(numbersIn(item.question).flatMap((n) => (next.has(n.value) ? [] : [n.value])));
  if (new Set([...next.values(), ...kept]).size < next.size + kept.size) return null;
  const results: number[] = [];
  const valueOf = (sources: Source[]): number | null => {
    const vals = sources.map((s) =>
      s.kind === 'step' ? (results[s.step] ?? NaN) : s.kind === 'question' ? (next.get(s.value) ?? s.value) : s.value
    );
    const first = vals[0];
    // Ambiguous sources are fine only while they agree: then either reading of the original is right.
    return first !== undefined && vals.every((x) => same(x, first)) ? first : null;
  };
  const exprs: string[] = [];
  for (const s of plan.steps) {
    let expr = '';
    let at = 0;
    for (const o of s.operands) {
      const v = valueOf(o.sources);
      if (v === null) return null;
      expr += s.expr.slice(at, o.start) + plain(v);
      at = o.end;
    }
    expr += s.expr.slice(at);
    const r = evaluate(expr);
    if (r === null || r < 0 || r > 1e6 || !cents(r)) return null;
    results.push(Math.round(r * 100) / 100);
    exprs.push(`<<${expr}=${plain(r)}>>`);
  }
  // planOf made sure the last step gives the final answer.
  const answer = results.at(-1);
  if (answer === undefined || !Number.isInteger(answer)) return null;
  const edits: { start: number; end: number; text: string }[] = plan.steps.map((s, i) => ({
    start: s.start,
    end: s.end,
    text: exprs[i] ?? ''
  }));
  for (const p of plan.prose) {
    const v = valueOf(p.sources);
    if (v === null) return null;
    edits.push({ start: p.span.start, end: p.span.end, text: styled(v, p.span.text) });
  }
  const hashes = item.solution.lastIndexOf('####');
  if (hashes >= 0) edits.push({ start: hashes, end: item.solution.length, text: `#### ${answer}` });
  const qEdits = numbersIn(item.question).flatMap((n) => {
    const v = next.get(n.value);
    return v === undefined ? [] : [{ start: n.start, end: n.end, text: styled(v, n.text) }];
  });
  const question = applyEdits(item.question, qEdits);
  if (question === item.question) return null;
  return { ...item, question, solution: applyEdits(item.solution, edits), answer: String(answer) };
}

function applyEdits(text: string, edits: { start: number; end: number; text: string }[]): string {
  let out = '';
  let at = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

/** Whether a problem's numbers can be varied at all (it still may find no valid variant). */
export function qualifies(item: Gsm8kItem): boolean {
  return planOf(item) !== null;
}

/** A variant of `item` with new numbers, or null when it does not qualify or 20 tries find none. */
export function reinstance(item: Gsm8kItem, rng: Rng): Gsm8kItem | null {
  return reinstanceAll([item], rng, 1)[0] ?? null;
}

/** Up to `perItem` distinct variants of each item, in item order. */
export function reinstanceAll(items: readonly Gsm8kItem[], rng: Rng, perItem: number): Gsm8kItem[] {
  const out: Gsm8kItem[] = [];
  for (const item of items) {
    const plan = planOf(item);
    if (plan === null) continue;
    const seen = new Set([item.question]);
    for (let tries = 0; tries < 20 * perItem && seen.size <= perItem; tries++) {
      const v = variant(item, plan, rng);
      if (v === null || seen.has(v.question)) continue;
      seen.add(v.question);
      out.push(v);
    }
  }
  return out;
}

export interface Gsm8kProblem {
  question: string;
  answer: string;
  /** Distinct correct rationales, each ending in the answer sentence. */
  rationales: string[];
}

function problemOf(item: Gsm8kItem): Gsm8kProblem {
  const rationales = [rationaleOf(item.solution)];
  if (item.calcs > 0) rationales.push(equationsRationale(item.solution, item.answer));
  return { question: item.question, answer: item.answer, rationales: [...new Set(rationales)] };
}

/**
 * Training problems from GSM8K items: each original with its two rationales, then up to `variants` re-instanced
 * variants, half of them with new names. Items too long for the student's 512-token context (about 1.4
 * characters a token) are left out.
 */
export function gsm8kProblems(
  items: readonly Gsm8kItem[],
  rng: Rng,
  opts: { variants: number; maxChars?: number; names?: readonly string[] }
): Gsm8kProblem[] {
  const maxChars = opts.maxChars ?? 1400;
  const fits = (it: Gsm8kItem): boolean => it.question.length + it.solution.length < maxChars;
  const out: Gsm8kProblem[] = [];
  for (const item of items.filter(fits)) {
    out.push(problemOf(item));
    for (const v of reinstanceAll([item], rng, opts.variants).filter(fits))
      out.push(problemOf(rng.chance(0.5) ? swapNames(v, rng, opts.names) : v));
  }
  return out;
}
