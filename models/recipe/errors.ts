/**
 * What went wrong in an evaluation's chains, by how each chain opens (error-types.ts).
 *   npx tsx models/recipe/eval.ts --set FILE --dump .work/out.jsonl && npx tsx models/recipe/errors.ts .work/out.jsonl
 * Options: --mode (default zero-shot-cot).
 */
import { existsSync, readFileSync } from 'node:fs';
import process from 'node:process';
import { parseArgs } from 'node:util';
import * as v from 'valibot';
import {
  ERROR_TYPES,
  addCounts,
  tabulate,
  total,
  type DumpRow,
  type ErrorTable,
  type ErrorType
} from './error-types.ts';

const ROW = v.object({ mode: v.string(), question: v.string(), text: v.string(), correct: v.boolean() });

export function readDump(text: string): DumpRow[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const parsed = v.safeParse(ROW, JSON.parse(line));
      if (!parsed.success) throw new Error(`line ${i + 1}: ${parsed.issues[0].message}`);
      return parsed.output;
    });
}

const pct = (n: number, of: number): string => (of === 0 ? '–' : `${((100 * n) / of).toFixed(1)} %`);

export function renderErrors(table: ErrorTable): string {
  const lines = [`| opens with | chains | ${ERROR_TYPES.join(' | ')} |`, `|${' --- |'.repeat(ERROR_TYPES.length + 2)}`];
  const rows: [string, Record<ErrorType, number>][] = [
    ['an equation', table.equation],
    ['words', table.words],
    ['either', addCounts(table.equation, table.words)]
  ];
  for (const [label, counts] of rows) {
    const n = total(counts);
    const cells = ERROR_TYPES.map((t) => `${counts[t]} (${pct(counts[t], n)})`);
    lines.push(`| ${label} | ${n} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

function main(): void {
  const { values, positionals } = parseArgs({
    options: { mode: { type: 'string', default: 'zero-shot-cot' } },
    allowPositionals: true
  });
  const file = positionals[0];
  if (file === undefined) {
    process.stderr.write('usage: errors.ts DUMP.jsonl [--mode zero-shot-cot]\n');
    process.exit(2);
  }
  if (!existsSync(file)) {
    process.stderr.write(`${file}: no such file (write one with eval.ts --dump FILE)\n`);
    process.exit(2);
  }
  const rows = readDump(readFileSync(file, 'utf8')).filter((r) => r.mode === values.mode);
  process.stdout.write(`${file}, ${values.mode}, ${rows.length} chains\n\n${renderErrors(tabulate(rows))}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href) main();
