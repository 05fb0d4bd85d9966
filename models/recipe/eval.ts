/**
 * Evaluates a model folder through transformers.js, exactly as the app loads it, greedy.
 *   npm run eval:model                          fresh held-out set: accuracy per family × mode × steps
 *   npm run eval:model -- --set FILE.jsonl      any {"question", "answer"[, "steps"]} lines, every mode
 *   npm run eval:model -- --stories             fresh held-out problems from the word-problem teacher
 * Options: --model DIR (default models/think-small-3m), --dtype q8|q4|fp32, --n per family, --seed,
 *          --batch (questions stepped together, default 1: each alone, as the page runs a question; q8 scales a
 *          batch's activations together, so a larger batch, faster, moves q8 figures by a few points), --threads
 *          (onnxruntime intra-op threads, default 1), --card (write the table into the model card),
 *          --modes a,b and --families a,b (a subset, for quick looks), --dump FILE (every prompt's output, as JSONL),
 *          --calculator (the digits after an equation's `=` are its true result: calculator.ts, a diagnostic),
 *          --collection-style (every question printed as some collections print it: corpus.ts).
 * The last lines printed are one per mode: `zero-shot-cot: 87.0%`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LogitsProcessor, LogitsProcessorList, type Tensor } from '@huggingface/transformers';
import { FAMILIES, Rng, generateSet, generateStory, type Family } from '$lib/tasks/index.ts';
import { MODES, buildPrompt, extractAnswer, isCorrect, promptTail, type Mode } from '$lib/prompts/index.ts';
import { calculatorNeed, constrainLogits } from './calculator.ts';
import { collectionStyle } from './corpus.ts';
import { loadNodeModel } from './node-model.ts';
import { readProblemSet } from './problem-set.ts';
import { renderTable, summarize, type Outcome } from './report.ts';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: 'models/think-small-3m' },
    dtype: { type: 'string', default: 'q8' },
    set: { type: 'string' },
    n: { type: 'string', default: '150' },
    seed: { type: 'string', default: '20261123' },
    batch: { type: 'string', default: '1' },
    'max-new-tokens': { type: 'string', default: '160' },
    threads: { type: 'string', default: '1' },
    card: { type: 'boolean', default: false },
    stories: { type: 'boolean', default: false },
    modes: { type: 'string' },
    families: { type: 'string' },
    dump: { type: 'string' },
    calculator: { type: 'boolean', default: false },
    'collection-style': { type: 'boolean', default: false }
  }
});

const modelDir = resolve(values.model);
const dtype = values.dtype as 'q8' | 'q4' | 'fp32';
const { loaded, format } = await loadNodeModel(modelDir, dtype, Number(values.threads));
const { tokenizer, model } = loaded;
const eos = 2;

interface Item {
  question: string;
  answer: string;
  family: Family | 'custom' | 'stories';
  steps: number | null;
}

function subset<T extends string>(all: readonly T[], list: string | undefined, what: string): T[] {
  if (list === undefined) return [...all];
  const picked = list.split(',').map((s) => s.trim());
  const unknown = picked.filter((s) => !all.includes(s as T));
  if (unknown.length > 0) throw new Error(`unknown ${what}: ${unknown.join(', ')} (known: ${all.join(', ')})`);
  return all.filter((s) => picked.includes(s));
}
const modes = subset(MODES, values.modes, 'mode');
const families = subset(FAMILIES, values.families, 'family');

const storyRng = new Rng(Number(values.seed));
const asWritten: Item[] = values.set
  ? readProblemSet(readFileSync(values.set, 'utf8')).map((p) => ({ ...p, family: 'custom' as const }))
  : values.stories
    ? Array.from({ length: Number(values.n) }, () => generateStory(storyRng, { heldOut: true })).map((p) => ({
        question: p.question,
        answer: p.answer,
        family: 'stories' as const,
        steps: p.steps
      }))
    : generateSet(Number(values.seed), Number(values.n) * families.length, families, { heldOut: true }).map((p) => ({
        question: p.question,
        answer: p.answer,
        family: p.family,
        steps: p.steps
      }));
const restyled = values['collection-style'];
const items = restyled ? asWritten.map((it) => ({ ...it, question: collectionStyle(it.question) })) : asWritten;

/** Each token id's text on its own, for the calculator's test of which tokens may follow an `=`. */
const vocabSize = values.calculator ? ((model.config as { vocab_size?: number }).vocab_size ?? 0) : 0;
const tokenTexts = Array.from({ length: vocabSize }, (_, id) => tokenizer.decode([id], { skip_special_tokens: true }));

/** calculator.ts inside transformers.js's `generate`: a row's text is what follows the (padded) prompts. */
class Calculator extends LogitsProcessor {
  constructor(readonly width: number) {
    super();
  }

  override _call(inputIds: bigint[][], logits: Tensor): Tensor {
    const vocab = logits.dims.at(-1) ?? 0;
    const data = logits.data as Float32Array;
    inputIds.forEach((row, r) => {
      const fresh = row.slice(this.width).map(Number);
      // The tokenizer refuses an empty list; nothing decodes to nothing.
      const text = fresh.length === 0 ? '' : tokenizer.decode(fresh, { skip_special_tokens: true });
      const rowLogits = data.subarray(r * vocab, (r + 1) * vocab);
      const checked = constrainLogits(rowLogits, calculatorNeed(text), tokenTexts);
      if (checked !== null) rowLogits.set(checked);
    });
    return logits;
  }
}

async function generateBatch(prompts: string[]): Promise<string[]> {
  const enc = tokenizer(prompts, { padding: true });
  const width = (enc.input_ids as Tensor).dims[1] ?? 0;
  const processors = new LogitsProcessorList();
  if (values.calculator) processors.push(new Calculator(width));
  const out = (await model.generate({
    ...enc,
    max_new_tokens: Number(values['max-new-tokens']),
    do_sample: false,
    logits_processor: processors
  })) as Tensor;
  const rows = out.tolist() as bigint[][];
  // Batched generate runs until every row has ended: cut each row at its own first end-of-sequence token.
  return rows.map((row) => {
    const fresh = row.slice(width).map(Number);
    const end = fresh.indexOf(eos);
    return tokenizer.decode(end < 0 ? fresh : fresh.slice(0, end), { skip_special_tokens: true });
  });
}

const outcomes: Outcome[] = [];
const dumped: string[] = [];
const batch = Number(values.batch);
const started = performance.now();
let generatedChars = 0;
for (const mode of modes) {
  for (let i = 0; i < items.length; i += batch) {
    const chunk = items.slice(i, i + batch);
    const prompts = chunk.map((it) => buildPrompt(format, mode, { question: it.question }));
    const texts = await generateBatch(prompts);
    chunk.forEach((it, j) => {
      const text = texts[j] ?? '';
      generatedChars += text.length;
      const predicted = extractAnswer(format, text, promptTail(prompts[j] ?? ''));
      const correct = isCorrect(predicted, it.answer);
      outcomes.push({ mode, family: it.family, steps: it.steps, correct });
      dumped.push(JSON.stringify({ mode, family: it.family, question: it.question, answer: it.answer, text, correct }));
    });
    process.stderr.write(`\r${mode}: ${Math.min(i + batch, items.length)}/${items.length}   `);
  }
}
process.stderr.write('\n');
if (values.dump !== undefined) writeFileSync(values.dump, dumped.join('\n') + '\n');

const summary = summarize(outcomes);
const seconds = (performance.now() - started) / 1000;
const stepped =
  (batch > 1 ? `${batch} questions a batch` : 'each question alone') + (restyled ? ', in collection style' : '');
const header = values.set
  ? `Problem set \`${values.set}\`, ${items.length} questions, ${dtype}, greedy, ${stepped}`
  : values.stories
    ? `Word-problem teacher, held-out: seed ${values.seed}, ${values.n} questions, ${dtype}, greedy, ${stepped}`
    : `Held-out set: seed ${values.seed}, ${values.n} questions per family, names never seen in training, ${dtype}, greedy, ${stepped}`;
const table = renderTable(summary, header);
process.stdout.write(table + `\n(${seconds.toFixed(0)} s, ${generatedChars} characters generated)\n\n`);

// Each set has its own block in the card: the families' (as before), the teacher's stories, or a named set's; a
// restyled run is a look, not the set's figure.
const cardBlock = restyled
  ? null
  : values.set !== undefined
    ? basename(values.set, '.jsonl')
    : values.stories
      ? 'stories'
      : families.length === FAMILIES.length
        ? ''
        : null;
if (values.card && cardBlock !== null && modes.length === MODES.length) {
  const card = join(modelDir, 'README.md');
  if (existsSync(card)) {
    const key = cardBlock === '' ? dtype : `${dtype}:${cardBlock}`;
    const start = `<!-- eval:${key}:start -->`;
    const end = `<!-- eval:${key}:end -->`;
    const text = readFileSync(card, 'utf8');
    const block = `${start}\n${table}\n${end}`;
    const next = text.includes(start)
      ? text.replace(new RegExp(`${start}[\\s\\S]*?${end}`), block)
      : `${text.trimEnd()}\n\n${block}\n`;
    writeFileSync(card, next);
  }
}

for (const mode of modes) {
  const s = summary.byMode.get(mode as Mode);
  process.stdout.write(`${mode}: ${s === undefined ? 'n/a' : (100 * s.accuracy).toFixed(1) + '%'}\n`);
}
