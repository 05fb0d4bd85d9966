/**
 * `npm run bench`: the app against a bare onnxruntime loop over the same ONNX files, in Node and in
 * headless Chromium (WASM on 1 and 2 threads, cross-origin isolated; WebGPU on SwiftShader, i.e. in
 * software), plus main-thread long tasks during a three-mode run of the real app page.
 *
 *   npm run bench                   the full run, prints Markdown
 *   npm run bench -- --quick        Node, Chromium WASM (1 thread) and the app page, q8, one short run each:
 *                                   keeps the script working in CI
 *   npm run bench -- --only=node,wasm-1t,wasm-2t,webgpu,ui --dtypes=q8 --reps=5 --load-reps=3
 *   npm run bench -- --only=profile where the app's per-token time goes next to the bare loop's (CPU profiles)
 *   npm run bench -- --write        also replaces the generated part of BENCHMARKS.md
 *
 * Figures are printed, never asserted: the exit code only says whether the benchmark ran.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { profileWorkers, type ProfileSplit } from './browser/profile.ts';
import { measureResponsiveness, type ThreeModeRun } from './browser/responsiveness.ts';
import { measureEvaluation, type EvalRun } from './browser/evalThroughput.ts';
import { browserTarget } from './browser/driver.ts';
import { nodeTarget } from './node/driver.ts';
import type { NodeEngine } from './node/childProtocol.ts';
import { bundledModel } from '$lib/models/bundled.ts';
import { DTYPES } from '$lib/core/types.ts';
import { runTarget, type Cell, type Protocol } from './plan.ts';
import { benchPrompts, loadTokenizer } from './prompts.ts';
import {
  profileTable,
  ratioTable,
  responsivenessTable,
  targetTable,
  threadTable,
  togetherSummary,
  evalTable,
  evalSummary,
  lengthTable
} from './benchReport.ts';

const ROOT = resolve(import.meta.dirname, '..');
const MODELS = join(ROOT, 'models');
const MODEL_ID = 'think-small-3m';
const PORT = Number(process.env.BENCH_PORT ?? 4180);
const BASE_URL = `http://localhost:${PORT}`;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SECTIONS = ['node', 'wasm-1t', 'wasm-2t', 'webgpu', 'ui', 'eval', 'profile'] as const;
type Section = (typeof SECTIONS)[number];

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const write = args.includes('--write');
const onlyArg = args.find((a) => a.startsWith('--only='))?.slice('--only='.length);
// Quick keeps one path of each kind (Node, Chromium WASM, the app page): enough to keep the script working.
const defaults: readonly Section[] = quick ? ['node', 'wasm-1t', 'ui'] : SECTIONS.filter((s) => s !== 'profile');
const only = new Set<Section>(
  onlyArg === undefined ? defaults : SECTIONS.filter((s) => onlyArg.split(',').includes(s))
);
const dtypesArg = args.find((a) => a.startsWith('--dtypes='))?.slice('--dtypes='.length);
// The dtypes the bundled model ships (the list also names f16 ones that only Hub models have).
const shipped = bundledModel(BASE_URL).dtypes;
const dtypes = DTYPES.filter(
  (d) => shipped.includes(d) && (dtypesArg === undefined || dtypesArg.split(',').includes(d))
);
const numberArg = (name: string, fallback: number): number => {
  const v = args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  return v === undefined ? fallback : Math.max(0, Math.round(Number(v)));
};

const log = (line: string): void => {
  process.stderr.write(`[bench ${((performance.now() - t0) / 1000).toFixed(0)} s] ${line}\n`);
};
const t0 = performance.now();

/** The full protocol; WebGPU on SwiftShader is far slower (seconds per token), so it gets a short prompt only. */
const reps = Math.max(1, numberArg('reps', 5));
const loadReps = numberArg('load-reps', 3);

function protocols(): { cpu: Omit<Protocol, 'prompts'>; webgpu: Omit<Protocol, 'prompts'> } {
  if (quick) {
    const p = { dtypes: ['q8'] as const, maxNewTokens: 8, eosTokenId: 2, loadReps: 0, reps: 1 };
    return { cpu: p, webgpu: p };
  }
  return {
    cpu: { dtypes, maxNewTokens: 64, eosTokenId: 2, loadReps, reps },
    // SwiftShader takes seconds per token (q4 prefill: ~0.5 s a token): 2 repetitions keep the run under 10 minutes.
    webgpu: { dtypes, maxNewTokens: 8, eosTokenId: 2, loadReps: Math.min(loadReps, 1), reps: Math.min(reps, 2) }
  };
}

function versionOf(pkg: string): string {
  const json = JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string };
  return json.version;
}

async function waitForServer(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function build(): void {
  log('building the app and the benchmark page into .bench/dist');
  const r = spawnSync('npx', ['vite', 'build', '--config', 'bench/vite.config.ts', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit'
  });
  if (r.status !== 0) throw new Error('vite build failed');
}

async function main(): Promise<void> {
  const loadStart = loadavg();
  const tokenizer = await loadTokenizer(MODELS, MODEL_ID);
  const lengths = quick ? [32] : [32, 256, 512];
  const prompts = benchPrompts(tokenizer, join(MODELS, MODEL_ID), lengths);
  const { cpu, webgpu } = protocols();
  const decode = (r: { text: string | null; ids: number[] | null }): string =>
    r.text ?? tokenizer.decode(r.ids ?? [], { skip_special_tokens: true });
  const cells: Cell[] = [];

  if (only.has('node')) {
    const engines: NodeEngine[] = quick ? ['app', 'bare'] : ['app', 'bare', 'bare-web'];
    cells.push(...(await runTarget(nodeTarget(engines, MODELS, MODEL_ID), { ...cpu, prompts }, decode, log)));
  }

  let ui: ThreeModeRun[] = [];
  let evals: EvalRun[] = [];
  let chromiumVersion = '—';
  let profiles: ProfileSplit[] = [];
  const browserSections = (['wasm-1t', 'wasm-2t', 'webgpu', 'ui', 'eval', 'profile'] as const).filter((s) =>
    only.has(s)
  );
  if (browserSections.length > 0) {
    build();
    const server = spawn(
      'npx',
      ['vite', 'preview', '--config', 'bench/vite.config.ts', '--port', String(PORT), '--strictPort'],
      {
        cwd: ROOT,
        stdio: 'ignore',
        detached: true
      }
    );
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless=new',
        '--no-sandbox',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // SwiftShader: WebGPU in software, on the CPU.
        '--enable-unsafe-webgpu',
        // measureUserAgentSpecificMemory answers at once instead of at the next GC.
        '--enable-blink-features=ForceEagerMeasureMemory'
      ]
    });
    chromiumVersion = browser.version();
    log(`Chromium ${chromiumVersion} started`);
    try {
      await waitForServer(`${BASE_URL}/bench/web/`, 30_000);
      for (const threads of [1, 2] as const) {
        if (!only.has(threads === 1 ? 'wasm-1t' : 'wasm-2t')) continue;
        const target = browserTarget(browser, {
          id: `wasm-${threads}t`,
          label: `Chromium WASM, ${threads} thread${threads === 1 ? '' : 's'}`,
          device: 'wasm',
          threads,
          baseUrl: BASE_URL
        });
        cells.push(...(await runTarget(target, { ...cpu, prompts }, decode, log)));
      }
      if (only.has('webgpu')) {
        const target = browserTarget(browser, {
          id: 'webgpu-sw',
          label: 'Chromium WebGPU (SwiftShader, software)',
          device: 'webgpu',
          threads: 1,
          baseUrl: BASE_URL
        });
        const short = prompts.slice(0, 1);
        cells.push(...(await runTarget(target, { ...webgpu, prompts: short }, decode, log)));
      }
      if (only.has('profile')) {
        log('CPU profiles of both workers, WASM 1 thread, q8');
        profiles = await profileWorkers(browser, BASE_URL, prompts, quick ? 1 : 10);
      }
      if (only.has('ui')) {
        log('three-mode runs on the app page');
        ui = await measureResponsiveness(browser, BASE_URL, quick ? 2 : 7);
      }
      if (only.has('eval')) {
        log('evaluation on the app page, in batches and one at a time');
        evals = await measureEvaluation(browser, BASE_URL, quick ? 4 : 24, quick ? 1 : 2);
      }
    } finally {
      await browser.close();
      if (server.pid !== undefined) process.kill(-server.pid);
    }
  }

  const report = render(cells, lengths, ui, evals, profiles, {
    chromiumVersion,
    loadStart,
    loadEnd: loadavg(),
    minutes: (performance.now() - t0) / 60_000
  });
  process.stdout.write(report);
  mkdirSync(join(ROOT, '.bench'), { recursive: true });
  writeFileSync(join(ROOT, '.bench/results.json'), JSON.stringify({ cells, ui }, null, 1));
  // Not a timing: the app and the bare loop run the same greedy decoding, so different tokens are a bug.
  const mismatched = sameTokenFailures(cells);
  if (mismatched.length > 0) {
    log(`app and bare generated different tokens: ${mismatched.join(', ')}`);
    process.exitCode = 1;
  }
  if (write) {
    const file = join(ROOT, 'BENCHMARKS.md');
    const doc = readFileSync(file, 'utf8');
    const [begin, end] = ['<!-- bench:begin -->', '<!-- bench:end -->'];
    const a = doc.indexOf(begin);
    const b = doc.indexOf(end);
    if (a === -1 || b === -1) throw new Error(`BENCHMARKS.md lacks the ${begin} … ${end} markers`);
    writeFileSync(file, `${doc.slice(0, a + begin.length)}\n${report}${doc.slice(b)}`);
    log('BENCHMARKS.md updated');
  }
}

function sameTokenFailures(cells: readonly Cell[]): string[] {
  const out: string[] = [];
  for (const app of cells.filter((c) => c.engine === 'app')) {
    const bare = cells.find((c) => c.engine === 'bare' && c.target === app.target && c.dtype === app.dtype);
    if (bare !== undefined && app.runs.some((r, i) => r.output !== bare.runs[i]?.output))
      out.push(`${app.targetLabel} ${app.dtype}`);
  }
  return out;
}

interface RunInfo {
  chromiumVersion: string;
  loadStart: number[];
  loadEnd: number[];
  minutes: number;
}

function render(
  cells: Cell[],
  lengths: readonly number[],
  ui: readonly ThreeModeRun[],
  evals: readonly EvalRun[],
  profiles: readonly ProfileSplit[],
  info: RunInfo
): string {
  const cpu = cpus();
  const out: string[] = [];
  out.push(
    `Generated by \`npm run bench${quick ? ' -- --quick' : ''}\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC in ${info.minutes.toFixed(1)} min.`,
    ''
  );
  out.push(
    `- Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${release()}`,
    `- Load average (1/5/15 min) at start ${info.loadStart.map((l) => l.toFixed(1)).join(' / ')}, at end ${info.loadEnd.map((l) => l.toFixed(1)).join(' / ')}`,
    `- Node ${process.versions.node}, Chromium ${info.chromiumVersion}, @huggingface/transformers ${versionOf('@huggingface/transformers')}, onnxruntime-web ${versionOf('onnxruntime-web')}, onnxruntime-node ${versionOf('onnxruntime-node')}`,
    ''
  );
  const targets = [...new Map(cells.map((c) => [c.target, c])).values()];
  for (const t of targets) {
    const mine = cells.filter((c) => c.target === t.target);
    const runLengths = [...new Set(mine.flatMap((c) => c.runs.map((r) => r.promptTokens)))];
    out.push(`### ${t.targetLabel}`, '', targetTable(mine, runLengths), '', `Peak memory: ${t.memoryNote}.`, '');
  }
  if (lengths.length > 1)
    out.push('### Decode against prompt length (÷ decode at the shortest prompt)', '', lengthTable(cells, lengths), '');
  if (cells.some((c) => c.engine === 'bare')) out.push('### App ÷ bare', '', ratioTable(cells, lengths), '');
  if (cells.some((c) => c.target === 'wasm-1t') && cells.some((c) => c.target === 'wasm-2t'))
    for (const n of lengths)
      out.push(
        `### Chromium WASM: 2 threads ÷ 1 thread, prompt ${n}`,
        '',
        threadTable(cells, 'wasm-1t', 'wasm-2t', n),
        ''
      );
  if (ui.length > 0)
    out.push(
      '### Three-mode runs on the app page, together and one at a time (WASM)',
      '',
      responsivenessTable(ui),
      '',
      togetherSummary(ui),
      ''
    );
  if (evals.length > 0)
    out.push(
      '### Evaluation throughput (app page, WASM, three modes)',
      '',
      evalTable(evals),
      '',
      evalSummary(evals),
      ''
    );
  if (profiles.length > 0)
    out.push(
      '### Per-token time in the workers (CPU profiles, Chromium WASM 1 thread, q8)',
      '',
      profileTable(profiles),
      ''
    );
  return `${out.join('\n')}\n`;
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
