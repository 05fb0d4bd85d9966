import { MODES, type Mode } from '$lib/prompts/index.ts';

export interface Outcome {
  mode: Mode;
  family: string;
  steps: number | null;
  correct: boolean;
}

export interface Cell {
  correct: number;
  total: number;
  accuracy: number;
}

export interface Summary {
  byMode: Map<Mode, Cell>;
  /** Key `family|steps` (steps `all` for the family total) → mode → cell. */
  rows: Map<string, Map<Mode, Cell>>;
}

function add(map: Map<Mode, Cell>, mode: Mode, correct: boolean): void {
  const c = map.get(mode) ?? { correct: 0, total: 0, accuracy: 0 };
  c.total++;
  if (correct) c.correct++;
  c.accuracy = c.correct / c.total;
  map.set(mode, c);
}

export function summarize(outcomes: Outcome[]): Summary {
  const byMode = new Map<Mode, Cell>();
  const rows = new Map<string, Map<Mode, Cell>>();
  for (const o of outcomes) {
    add(byMode, o.mode, o.correct);
    for (const key of [`${o.family}|all`, ...(o.steps === null ? [] : [`${o.family}|${o.steps}`])]) {
      const row = rows.get(key) ?? new Map<Mode, Cell>();
      add(row, o.mode, o.correct);
      rows.set(key, row);
    }
  }
  return { byMode, rows };
}

function pct(c: Cell | undefined): string {
  return c === undefined ? '–' : `${(100 * c.accuracy).toFixed(1)}% (${c.correct}/${c.total})`;
}

export function renderTable(s: Summary, title: string): string {
  const keys = [...s.rows.keys()].sort((a, b) => {
    const [fa, sa] = a.split('|');
    const [fb, sb] = b.split('|');
    if (fa !== fb) return (fa ?? '').localeCompare(fb ?? '');
    if (sa === 'all') return -1;
    if (sb === 'all') return 1;
    return Number(sa) - Number(sb);
  });
  const lines = [
    `${title}`,
    '',
    `| family | steps | ${MODES.join(' | ')} |`,
    `| --- | --- | ${MODES.map(() => '---').join(' | ')} |`
  ];
  for (const key of keys) {
    const [family, steps] = key.split('|');
    const row = s.rows.get(key);
    const label = steps === 'all' ? `**${family}**` : (family ?? '');
    lines.push(`| ${label} | ${steps === 'all' ? 'all' : steps} | ${MODES.map((m) => pct(row?.get(m))).join(' | ')} |`);
  }
  lines.push(`| **all** | | ${MODES.map((m) => pct(s.byMode.get(m))).join(' | ')} |`);
  return lines.join('\n');
}
