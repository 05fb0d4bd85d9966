/**
 * What the token confidence view costs the decoder: the app's generation loop on the bundled model (q8,
 * transformers.js + onnxruntime-node, one thread) with `alternatives` 0 (the view off) and 5 (on), on the
 * preset questions' zero-shot CoT prompts, greedy. Runs alternate off/on (order flipped every repetition) so
 * a machine that slows down mid-run slows both alike. It also counts how often the top-2 margin falls under
 * a few thresholds, which is what FORK_MARGIN (src/lib/run/confidence.ts) was chosen from.
 *
 *   npx tsx bench/node/confidence.ts [--reps=7] [--max-new-tokens=64]
 */
import type { GenParams, TokenInfo } from '$lib/core/types.ts';
import { generateText } from '$lib/engine/worker/generate.ts';
import { buildPrompt } from '$lib/prompts/index.ts';
import { presets } from '$lib/questions/presets.ts';
import { FORK_MARGIN, TOP_ALTERNATIVES } from '$lib/run/confidence.ts';
import { decodeTokensPerSec, median } from '$lib/stats/index.ts';
import { loadNodeModel } from '../../models/recipe/node-model.ts';

const MODEL = 'think-small-3m';
const arg = (name: string, fallback: number): number => {
  const raw = process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const n = raw === undefined ? Number.NaN : Number(raw);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};
const reps = arg('reps', 7);
const maxNewTokens = arg('max-new-tokens', 64);

// One intra-op thread, as the other Node benchmarks: two spinning threads on two shared cores measure the scheduler.
const { loaded, format } = await loadNodeModel(`models/${MODEL}`, 'q8', 1);
const prompts = presets().map((q) => buildPrompt(format, 'zero-shot-cot', { question: q.question }));

interface Run {
  rate: number | null;
  /** CPU time of the run over its tokens: on a shared machine it moves far less than wall time. */
  cpuMsPerToken: number;
  tokens: TokenInfo[];
}

async function run(prompt: string, alternatives: number): Promise<Run> {
  const params: GenParams = { maxNewTokens, temperature: 0, topK: 0, topP: 1, stopSequences: ['\nQ:'], alternatives };
  const tokens: TokenInfo[] = [];
  const cpu0 = process.cpuUsage();
  const r = await generateText(
    loaded,
    prompt,
    params,
    { interrupted: false },
    { onPrompt: () => {}, onToken: (_text, _at, info) => info && tokens.push(info) }
  );
  const cpu = process.cpuUsage(cpu0);
  const cpuMsPerToken = (cpu.user + cpu.system) / 1000 / Math.max(1, r.timings.generatedTokens);
  return { rate: decodeTokensPerSec(r.timings), cpuMsPerToken, tokens };
}

// Warm-up: the first runs pay for lazy initialisation in both settings.
for (const p of prompts) {
  await run(p, 0);
  await run(p, TOP_ALTERNATIVES);
}

const rates: Record<'off' | 'on', number[]> = { off: [], on: [] };
const cpu: Record<'off' | 'on', number[]> = { off: [], on: [] };
const ratios: number[] = [];
const margins: number[] = [];
for (let rep = 0; rep < reps; rep++) {
  for (const p of prompts) {
    const order = rep % 2 === 0 ? (['off', 'on'] as const) : (['on', 'off'] as const);
    const got: Partial<Record<'off' | 'on', number>> = {};
    for (const which of order) {
      const r = await run(p, which === 'on' ? TOP_ALTERNATIVES : 0);
      cpu[which].push(r.cpuMsPerToken);
      if (r.rate !== null) {
        rates[which].push(r.rate);
        got[which] = r.rate;
      }
      if (rep === 0 && which === 'on')
        for (const t of r.tokens) margins.push((t.top[0]?.prob ?? 0) - (t.top[1]?.prob ?? 0));
    }
    if (got.on !== undefined && got.off !== undefined) ratios.push(got.on / got.off);
  }
}

const fmt = (n: number | null, digits = 0): string => (n === null ? '–' : n.toFixed(digits));
const range = (xs: number[]): string => `${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))}`;
process.stdout.write(
  `${prompts.length} prompts × ${reps} repetitions, up to ${maxNewTokens} new tokens, q8, 1 thread, greedy\n` +
    `decode tok/s, alternatives 0 (view off): median ${fmt(median(rates.off))} (${range(rates.off)})\n` +
    `decode tok/s, alternatives ${TOP_ALTERNATIVES} (view on): median ${fmt(median(rates.on))} (${range(rates.on)})\n` +
    `on ÷ off, paired per prompt and repetition: median ${fmt(median(ratios), 3)} ` +
    `(${fmt(Math.min(...ratios), 3)}–${fmt(Math.max(...ratios), 3)})\n` +
    `CPU ms per token: off ${fmt(median(cpu.off), 3)}, on ${fmt(median(cpu.on), 3)} (medians)\n` +
    `top-2 margin over ${margins.length} greedy tokens:\n`
);
for (const m of [0.05, 0.1, 0.15, 0.2, 0.3, 0.5]) {
  const share = margins.filter((x) => x < m).length / Math.max(1, margins.length);
  process.stdout.write(`  below ${m}: ${(share * 100).toFixed(1)} %${m === FORK_MARGIN ? ' (FORK_MARGIN)' : ''}\n`);
}
