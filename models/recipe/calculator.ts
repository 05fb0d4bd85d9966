/**
 * A calculator for chains of thought, as GSM8K's own paper used one (Cobbe et al. 2021): once a chain has written
 * an equation up to its `=`, the digits after it are the true result, not the model's guess. The model still chooses
 * which numbers to combine and how; only the sums are made true. A diagnostic for the recipe (`eval.ts
 * --calculator`): it separates wrong arithmetic from wrong plans, which error-types.ts can only guess at from the
 * first wrong line. Pure: it reads the text written so far and says which next tokens keep the result true.
 */

/**
 * What the text in progress needs next: anything (`free`), the rest of a result (`digits`: the next token must
 * begin `rest`, or be `$` where a result may still open with one), or, the result being whole, anything but
 * another digit (`end`).
 */
export type CalculatorNeed = { kind: 'free' } | { kind: 'digits'; rest: string; dollarOk: boolean } | { kind: 'end' };

const FREE: CalculatorNeed = { kind: 'free' };
const NUM = String.raw`\$?\d[\d,]*(?:\.\d+)?`;
const OP = '[-+×÷*/x−]';
/**
 * An equation ending the text: a chain of numbers joined by operators, ` = `, and the result written so far. The
 * character before the chain must not be part of a number or a bracket, so "(3 + 4) × 2 = " and the tail of
 * "123" are left alone.
 */
const EQUATION = new RegExp(String.raw`(?:^|[^\d.,)$])(${NUM}(?: ${OP} ${NUM})+) = (\$?)(\d+(?:\.\d*)?)?$`);
const TERM = new RegExp(String.raw`(${NUM})|(${OP})`, 'g');
/** Longer chains than this never end in one equation, and scanning the whole text would cost per token. */
const WINDOW = 200;

const value = (written: string): number => Number(written.replace(/[$,]/g, ''));

/** The chain's value with × and ÷ before + and −; null for a division by zero. */
function evaluate(chain: string): number | null {
  const terms = [...chain.matchAll(TERM)].map((m) => m[0]);
  const sums: number[] = [value(terms[0] ?? '0')];
  const signs: number[] = [1];
  for (let i = 1; i + 1 < terms.length; i += 2) {
    const op = terms[i] ?? '';
    const n = value(terms[i + 1] ?? '0');
    const last = sums.length - 1;
    const current = sums[last] ?? 0;
    if (op === '×' || op === '*' || op === 'x') sums[last] = current * n;
    else if (op === '÷' || op === '/') {
      if (n === 0) return null;
      sums[last] = current / n;
    } else {
      sums.push(n);
      signs.push(op === '+' ? 1 : -1);
    }
  }
  return sums.reduce((total, s, i) => total + (signs[i] ?? 1) * s, 0);
}

/**
 * The result as a chain writes it: a whole number, or at most two decimals (money); null for what a school
 * chain would not write as digits (negative, 10 ÷ 3, huge), which the calculator then leaves to the model.
 */
export function resultText(result: number): string | null {
  if (!Number.isFinite(result) || result < 0 || result >= 1e12) return null;
  const cents = Math.round(result * 100);
  if (Math.abs(cents - result * 100) > 1e-6) return null;
  return String(cents / 100);
}

export function calculatorNeed(text: string): CalculatorNeed {
  const cut = text.length > WINDOW ? text.indexOf(' ', text.length - WINDOW) : -1;
  const window = cut < 0 ? text : text.slice(cut);
  const m = EQUATION.exec(window);
  if (m === null) return FREE;
  const result = evaluate(m[1] ?? '');
  const expected = result === null ? null : resultText(result);
  if (expected === null) return FREE;
  const written = m[3] ?? '';
  if (written === expected) return { kind: 'end' };
  if (!expected.startsWith(written)) return FREE;
  return { kind: 'digits', rest: expected.slice(written.length), dollarOk: written === '' && m[2] === '' };
}

/** Whether a token whose text is `token` may come next. */
export function allows(need: CalculatorNeed, token: string): boolean {
  switch (need.kind) {
    case 'free':
      return true;
    case 'digits':
      return (token !== '' && need.rest.startsWith(token)) || (need.dollarOk && token === '$');
    case 'end':
      return !/^\d/.test(token);
  }
}

/**
 * The logits with every token the need rules out set to −∞, as a copy; null where nothing is ruled out, or where
 * the vocabulary has no token that fits (a tokenizer that merges digits), so the model goes on unaided.
 */
export function constrainLogits(
  logits: Float32Array,
  need: CalculatorNeed,
  tokenTexts: readonly string[]
): Float32Array | null {
  if (need.kind === 'free') return null;
  const out = new Float32Array(logits.length).fill(-Infinity);
  let any = false;
  for (let id = 0; id < logits.length; id++) {
    if (!allows(need, tokenTexts[id] ?? '')) continue;
    out[id] = logits[id] ?? -Infinity;
    any = true;
  }
  return any ? out : null;
}
