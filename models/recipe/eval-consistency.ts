/**
 * Self-consistency against zero-shot CoT on one set, through the app's own generation loop (seeded sampling,
 * batched rows), as the page runs it:
 *   npx tsx models/recipe/eval-consistency.ts --set models/recipe/sets/handwritten.jsonl
 *   npx tsx models/recipe/eval-consistency.ts --generated 100      held-out questions from the generator
 * Options: --model DIR, --dtype q8|fp32, --k chains (5), --temperature (0.7), --top-k (40), --seed, --batch
 * (questions per batch), --threads. Prints accuracy, generated tokens and seconds per question for greedy
 * zero-shot CoT, one sampled chain (the first of the k), and the majority of the k.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generateSet } from '$lib/tasks/index.ts';
import { buildPrompt, extractAnswer, isCorrect, promptTail } from '$lib/prompts/index.ts';
import { generateBatch } from '$lib/engine/worker/generate.ts';
import { vote } from '$lib/eval/vote.ts';
import type { GenParams } from '$lib/core/types.ts';
import { loadNodeModel } from './node-model.ts';
import { readProblemSet, type QA } from './problem-set.ts';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: 'models/think-small-3m' },
    dtype: { type: 'string', default: 'q8' },
    set: { type: 'string' },
    generated: { type: 'string' },
    k: { type: 'string', default: '5' },
    temperature: { type: 'string', default: '0.7' },
    'top-k': { type: 'string', default: '40' },
    seed: { type: 'string', default: '20261203' },
    batch: { type: 'string', default: '4' },
    threads: { type: 'string', default: '1' },
    'max-new-tokens': { type: 'string', default: '160' }
  }
});

const { loaded, format } = await loadNodeModel(values.model, values.dtype as 'q8' | 'fp32', Number(values.threads));

const items: QA[] =
  values.set !== undefined
    ? readProblemSet(readFileSync(values.set, 'utf8'))
    : generateSet(Number(values.seed), Number(values.generated ?? '100'), undefined, { heldOut: true }).map((p) => ({
        question: p.question,
        answer: p.answer,
        steps: p.steps
      }));
const k = Number(values.k);
const base: GenParams = {
  maxNewTokens: Number(values['max-new-tokens']),
  temperature: 0,
  topK: Number(values['top-k']),
  topP: 1,
  stopSequences: ['\nQ:']
};
const sampled: GenParams = { ...base, temperature: Number(values.temperature) };

interface Tally {
  right: number;
  tokens: number;
  ms: number;
}
const greedy: Tally = { right: 0, tokens: 0, ms: 0 };
const single: Tally = { right: 0, tokens: 0, ms: 0 };
const majority: Tally = { right: 0, tokens: 0, ms: 0 };
const quiet = { onPrompt: () => undefined, onToken: () => undefined };
const row = (prompt: string) => ({ prompt, control: { interrupted: false }, hooks: quiet });
const batch = Number(values.batch);

for (let i = 0; i < items.length; i += batch) {
  const chunk = items.slice(i, i + batch);
  const prompts = chunk.map((it) => buildPrompt(format, 'self-consistency', { question: it.question }));
  let t0 = performance.now();
  const plain = await generateBatch(loaded, prompts.map(row), base);
  greedy.ms += performance.now() - t0;
  t0 = performance.now();
  // All the chunk's chains in one batch, seeded per chunk: the same options reproduce every chain.
  const rows = prompts.flatMap((p) => Array.from({ length: k }, () => row(p)));
  const all = await generateBatch(loaded, rows, { ...sampled, seed: Number(values.seed) + i });
  const chains = chunk.map((_, j) => all.slice(j * k, j * k + k));
  majority.ms += performance.now() - t0;
  chunk.forEach((it, j) => {
    const tail = promptTail(prompts[j] ?? '');
    const g = plain[j];
    greedy.tokens += g?.timings.generatedTokens ?? 0;
    if (isCorrect(extractAnswer(format, g?.text ?? '', tail), it.answer)) greedy.right += 1;
    const c = chains[j] ?? [];
    const answers = c.map((x) => extractAnswer(format, x.text, tail));
    majority.tokens += c.reduce((a, x) => a + x.timings.generatedTokens, 0);
    single.tokens += c[0]?.timings.generatedTokens ?? 0;
    if (isCorrect(answers[0] ?? null, it.answer)) single.right += 1;
    if (isCorrect(vote(answers).majority, it.answer)) majority.right += 1;
  });
  process.stderr.write(`\r${Math.min(i + batch, items.length)}/${items.length}   `);
}
process.stderr.write('\n');

const n = items.length;
const line = (name: string, t: Tally, ms: number | null): string =>
  `| ${name} | ${((100 * t.right) / n).toFixed(1)} % | ${(t.tokens / n).toFixed(1)} | ${ms === null ? '—' : (ms / n / 1000).toFixed(2)} |`;
const what = values.set ?? `generated, held out, seed ${values.seed}`;
process.stdout.write(
  [
    `${what}: ${n} questions, ${values.dtype}, k = ${k} chains at T = ${values.temperature}, top-k ${values['top-k']}`,
    '',
    '| zero-shot CoT | accuracy | generated tokens per question | seconds per question |',
    '| --- | --- | --- | --- |',
    line('greedy', greedy, greedy.ms),
    line('one sampled chain', single, null),
    line(`self-consistency (majority of ${k})`, majority, majority.ms),
    ''
  ].join('\n') + '\n'
);
