/** Markdown tables from the measured cells: figures printed, never asserted. */
import { formatBytes, formatMs, formatRate, median } from '$lib/stats/index.ts';
import type { ProfileSplit } from './browser/profile.ts';
import type { ThreeModeRun } from './browser/responsiveness.ts';
import type { EvalRun } from './browser/evalThroughput.ts';
import type { Cell, MeasuredRun } from './plan.ts';
import { pairedRatios, quantile, summarize, type Summary } from './stats.ts';

type Pick = (r: MeasuredRun) => number | null;

const measured = (c: Cell, promptTokens?: number): MeasuredRun[] =>
  c.runs.filter((r) => r.rep >= 0 && (promptTokens === undefined || r.promptTokens === promptTokens));

function spread(s: Summary | null, fmt: (v: number) => string): string {
  if (s === null) return '—';
  return s.n > 1 ? `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)})` : fmt(s.median);
}

const ms = (v: number): string => formatMs(v).replace(' ms', '');
const rate = (v: number): string => formatRate(v);
const ratio = (v: number): string => v.toFixed(2);

const ttft: Pick = (r) => r.metrics.ttftMs;
const prefill: Pick = (r) => r.metrics.prefillTokensPerSec;
const decode: Pick = (r) => r.metrics.decodeTokensPerSec;
const cpuPerToken: Pick = (r) => r.metrics.cpuMsPerToken;

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function table(head: string[], rows: string[][]): string {
  return [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');
}

export function engineLabel(engine: string): string {
  switch (engine) {
    case 'app':
      return 'app';
    case 'bare':
      return 'bare';
    case 'bare-web':
      return 'bare, onnxruntime-web WASM in Node, 1 thread';
    default:
      return engine;
  }
}

/** One table per target: every dtype × engine, medians with the range of the repetitions. */
export function targetTable(cells: readonly Cell[], lengths: readonly number[]): string {
  const [short, long] = [lengths[0] ?? 0, lengths.at(-1) ?? 0];
  const head = [
    'dtype',
    'engine',
    'cold load (ms)',
    'warm load (ms)',
    ...lengths.map((n) => `TTFT ${n} (ms)`),
    `prefill ${long} (tok/s)`,
    ...lengths.map((n) => `decode ${n} (tok/s)`),
    `1st-run decode ${short} (tok/s)`,
    'inter-token p50 / p90 (ms)',
    `CPU per token ${lengths.join(' / ')} (ms)`,
    'peak memory'
  ];
  const rows = cells.map((c) => {
    const all = measured(c);
    const gaps = all.flatMap((r) => r.metrics.interTokenMs);
    const first = c.runs.find((r) => r.rep === -1 && r.promptTokens === short);
    const p50 = quantile(gaps, 0.5);
    const p90 = quantile(gaps, 0.9);
    return [
      c.dtype,
      engineLabel(c.engine),
      spread(summarize(c.loads.map((l) => l.coldMs)), (v) => formatMs(v)),
      spread(summarize(c.loads.map((l) => l.warmMs)), (v) => formatMs(v)),
      ...lengths.map((n) => spread(summarize(measured(c, n).map(ttft)), ms)),
      spread(summarize(measured(c, long).map(prefill)), rate),
      ...lengths.map((n) => spread(summarize(measured(c, n).map(decode)), rate)),
      first?.metrics.decodeTokensPerSec == null ? '—' : rate(first.metrics.decodeTokensPerSec),
      p50 === null || p90 === null ? '—' : `${p50.toFixed(2)} / ${p90.toFixed(2)}`,
      lengths.map((n) => summarize(measured(c, n).map(cpuPerToken))?.median.toFixed(2) ?? '—').join(' / '),
      c.memoryBytes === null ? '—' : formatBytes(c.memoryBytes)
    ];
  });
  return table(head, rows);
}

/**
 * Decode rate at each prompt length over the rate at the shortest: what a longer KV cache costs a step (medians of
 * one session's runs, so the pair shares its load).
 */
export function lengthTable(cells: readonly Cell[], lengths: readonly number[]): string {
  const [shortest, ...longer] = lengths;
  if (shortest === undefined) return '';
  const head = [
    'target',
    'dtype',
    'engine',
    ...lengths.map((n) => `decode ${n} (tok/s)`),
    ...longer.map((n) => `${n} ÷ ${shortest}`)
  ];
  const rows = cells.map((c) => {
    const at = lengths.map((n) => summarize(measured(c, n).map(decode))?.median ?? null);
    const base = at[0] ?? null;
    return [
      c.targetLabel,
      c.dtype,
      engineLabel(c.engine),
      ...at.map((v) => (v === null ? '—' : rate(v))),
      ...at.slice(1).map((v) => (v === null || base === null || base === 0 ? '—' : ratio(v / base)))
    ];
  });
  return table(head, rows);
}

/**
 * App ÷ bare, from runs taken back to back: the framework's overhead (decode below 1, TTFT and CPU
 * above 1 is overhead). CPU time is the steadier of the two on a busy machine.
 */
export function ratioTable(cells: readonly Cell[], lengths: readonly number[]): string {
  const head = [
    'target',
    'dtype',
    ...lengths.map((n) => `decode ${n}: app ÷ bare`),
    ...lengths.map((n) => `TTFT ${n}: app ÷ bare`),
    ...lengths.map((n) => `CPU ${n}: app ÷ bare`),
    'same tokens'
  ];
  const rows: string[][] = [];
  for (const app of cells.filter((c) => c.engine === 'app')) {
    const bare = cells.find((c) => c.engine === 'bare' && c.target === app.target && c.dtype === app.dtype);
    if (bare === undefined) continue;
    const pair = (n: number, pick: Pick): string =>
      spread(summarize(pairedRatios(measured(app, n).map(pick), measured(bare, n).map(pick))), ratio);
    const same = app.runs.every((r, i) => r.output === bare.runs[i]?.output);
    rows.push([
      app.targetLabel,
      app.dtype,
      ...lengths.map((n) => pair(n, decode)),
      ...lengths.map((n) => pair(n, ttft)),
      ...lengths.map((n) => pair(n, cpuPerToken)),
      same ? 'yes' : '**no**'
    ]);
  }
  return table(head, rows);
}

/** Decode with two WASM threads over one, per engine and dtype (separate sessions, so medians, not pairs). */
export function threadTable(cells: readonly Cell[], oneThread: string, twoThreads: string, length: number): string {
  const rows: string[][] = [];
  for (const two of cells.filter((c) => c.target === twoThreads)) {
    const one = cells.find((c) => c.target === oneThread && c.engine === two.engine && c.dtype === two.dtype);
    if (one === undefined) continue;
    const m1 = summarize(measured(one, length).map(decode))?.median ?? null;
    const m2 = summarize(measured(two, length).map(decode))?.median ?? null;
    const p1 = summarize(measured(one, length).map(prefill))?.median ?? null;
    const p2 = summarize(measured(two, length).map(prefill))?.median ?? null;
    rows.push([
      two.dtype,
      engineLabel(two.engine),
      m1 === null ? '—' : rate(m1),
      m2 === null ? '—' : rate(m2),
      m1 === null || m2 === null ? '—' : ratio(m2 / m1),
      p1 === null || p2 === null ? '—' : ratio(p2 / p1)
    ]);
  }
  return table(
    [
      'dtype',
      'engine',
      `decode ${length}, 1 thread`,
      `decode ${length}, 2 threads`,
      'decode 2t ÷ 1t',
      'prefill 2t ÷ 1t'
    ],
    rows
  );
}

export function responsivenessTable(runs: readonly ThreeModeRun[]): string {
  return table(
    [
      'run',
      'modes',
      'workers',
      'wall (ms)',
      'every pane streaming after (ms)',
      'tasks over 50 ms',
      'longest task (ms)',
      'TTFT per pane (ms)',
      'prompt tokens kept per pane',
      'decode per pane (tok/s)',
      'tokens per pane'
    ],
    runs.map((r) => [
      r.rep === 0 ? '1st after load' : String(r.rep + 1),
      r.together ? 'together' : 'one at a time',
      String(r.workers),
      formatMs(r.wallMs),
      r.allStreamingMs === null ? '—' : formatMs(r.allStreamingMs),
      String(r.longTasks),
      r.longestTaskMs === 0 ? '0 (none)' : formatMs(r.longestTaskMs),
      r.panes.map((p) => (p.ttftMs === null ? '—' : p.ttftMs.toFixed(0))).join(' / '),
      r.panes.map((p) => String(p.keptTokens)).join(' / '),
      r.panes.map((p) => formatRate(p.decodeTokensPerSec)).join(' / '),
      r.panes.map((p) => String(p.generatedTokens)).join(' / ')
    ])
  );
}

/**
 * Together against one at a time, warm runs only (the first pays the load's one-off costs): median wall
 * times, their ratio, and whether every pane wrote the same greedy text both ways.
 */
export function togetherSummary(runs: readonly ThreeModeRun[]): string {
  const warm = runs.filter((r) => r.rep > 0);
  const wall = (together: boolean): number | null =>
    median(warm.filter((r) => r.together === together).map((r) => r.wallMs));
  const together = wall(true);
  const apart = wall(false);
  if (together === null || apart === null) return 'Together vs one at a time: too few warm runs to compare.';
  const streaming = (on: boolean): number | null =>
    median(warm.flatMap((r) => (r.together === on && r.allStreamingMs !== null ? [r.allStreamingMs] : [])));
  const [allOn, allOff] = [streaming(true), streaming(false)];
  const texts = (r: ThreeModeRun): string => JSON.stringify(r.panes.map((p) => p.text));
  const same = new Set(warm.map(texts)).size === 1;
  const workers = Math.max(...warm.map((r) => r.workers));
  return (
    `Together (${workers} worker${workers === 1 ? '' : 's'}) vs one at a time (warm runs, medians): ` +
    `${formatMs(together)} vs ${formatMs(apart)}, ` +
    `${(apart / together).toFixed(2)}× faster together; every pane streaming after ` +
    `${allOn === null ? '—' : formatMs(allOn)} vs ${allOff === null ? '—' : formatMs(allOff)}; ` +
    `greedy text ${same ? 'identical' : 'DIFFERENT'} in every pane.`
  );
}

export function evalTable(runs: readonly EvalRun[]): string {
  return table(
    [
      'run',
      'asked',
      'questions',
      'right per mode',
      'wall (ms)',
      'questions/s',
      'tasks over 50 ms',
      'longest task (ms)'
    ],
    runs.map((r, i) => [
      String(i + 1),
      r.batched ? 'in batches' : 'one at a time',
      String(r.questions),
      r.rightPerMode.join(' / '),
      formatMs(r.wallMs),
      r.questionsPerSec.toFixed(2),
      String(r.longTasks),
      r.longestTaskMs === 0 ? '0 (none)' : formatMs(r.longestTaskMs)
    ])
  );
}

/** Median questions per second each way, and their ratio. */
export function evalSummary(runs: readonly EvalRun[]): string {
  const rate = (batched: boolean): number | null =>
    median(runs.filter((r) => r.batched === batched).map((r) => r.questionsPerSec));
  const batched = rate(true);
  const apart = rate(false);
  if (batched === null || apart === null) return 'Evaluation: too few runs to compare.';
  const right = (way: boolean): string =>
    [...new Set(runs.filter((r) => r.batched === way).map((r) => r.rightPerMode.join(' / ')))].join(', ');
  return (
    `Evaluation, medians: ${batched.toFixed(2)} questions/s in batches vs ${apart.toFixed(2)} one at a time, ` +
    `${(batched / apart).toFixed(2)}×; right per mode: ${right(true)} in batches, ${right(false)} one at a time.`
  );
}

/** Per generated token: ORT's run is the same code in both workers, so the difference is the app's own work. */
export function profileTable(splits: readonly ProfileSplit[]): string {
  const us = (ms: number): string => `${Math.round(ms * 1000)}`;
  const rows = splits.map((s) => [
    engineLabel(s.engine),
    String(s.tokens),
    us(s.ortRunMs),
    us(s.otherJsMs),
    us(s.gcMs),
    s.top.map(([frame, micros]) => `${frame} ${Math.round(micros)}`).join('; ')
  ]);
  return table(
    [
      'engine',
      'tokens',
      'ORT run (µs/token)',
      'other JS (µs/token)',
      'GC (µs/token)',
      'heaviest other frames (µs/token)'
    ],
    rows
  );
}
