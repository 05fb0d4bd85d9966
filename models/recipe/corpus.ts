import { Rng, generate, generateStory, type Family, type Problem } from '$lib/tasks/index.ts';
import { buildPrompt, completion, type Exemplar, type Mode, type PromptFormat } from '$lib/prompts/index.ts';
import { openingOf } from './error-types.ts';
import { TRIGGER_VARIANTS } from './format.ts';

/** "$ 3" for "$3", as tokenized collections print amounts. */
const dollarApart = (q: string): string => q.replace(/\$(\d)/g, '$ $1');

/**
 * Questions as some published collections print them: tokenized text, a space before every full stop, comma and
 * question mark, and "$ 3". `perturb` draws a few of these slips for training; `eval.ts --collection-style` asks every
 * question this way, to measure how much of a figure survives text written well but printed badly.
 */
export function collectionStyle(question: string): string {
  return dollarApart(question).replace(/(\S)([.,?!])(?=\s|$)/g, '$1 $2');
}

/** The spacing, casing and punctuation slips real people make; the student should shrug them off. */
export function perturb(question: string, rng: Rng, mess = false): string {
  let q = question;
  if (rng.chance(0.1)) q = q.charAt(0).toLowerCase() + q.slice(1);
  if (rng.chance(0.08)) q = q.replace(/\?$/, '');
  if (rng.chance(0.05)) q = q.replace(/\?$/, ' ?');
  if (rng.chance(0.05)) q = q.replace(/\.$/, '');
  if (rng.chance(0.05)) q = q.replace(/"/g, "'");
  if (rng.chance(0.05)) q = q.replace(/, /g, ' , ');
  if (rng.chance(0.05)) q = q.replace(/\. /g, '.  ');
  if (rng.chance(0.03)) q = q.toLowerCase();
  // Only drawn for mixes that ask for it, so that the earlier corpora come out as before.
  if (mess && rng.chance(0.06)) q = q.replace(/([a-z])\. /g, '$1 . ');
  if (mess && rng.chance(0.05)) q = dollarApart(q);
  if (mess && rng.chance(0.04)) q = q.replace(/\?$/, ' ?');
  return q;
}

/** What a corpus is made of. Stages 1 and 2 used BALANCED; stage 3 trains on FOCUS. */
export interface Mix {
  /** Share of documents on arithmetic, the hardest family. */
  arithmetic: number;
  /** Of the rest, the share on coin flips; letters get the remainder. */
  coinOfRest: number;
  /** Mode shares: zero-shot CoT, then few-shot CoT; answer-only gets the remainder. */
  zeroShot: number;
  fewShot: number;
  /** Training-only share of names and words replaced by random strings (see GenerateOptions.randomWords). */
  randomWords: number;
  /** Training-only share of letter-task words blended from two known words (see GenerateOptions.blendedWords). */
  blendedWords: number;
  /** Share of drill documents: bare equations from the teacher's own rationales, every token a target. */
  drill: number;
  /** Training-only share of arithmetic's people with random names (see GenerateOptions.randomNames). */
  randomNames: number;
  /** Whether half the random words are built from the tokenizer's pieces (see GenerateOptions.wordPieces). */
  pieceWords: boolean;
  /** Share of documents from the word-problem teacher (src/lib/tasks/stories), before families are drawn. */
  stories?: number;
  /** Share of documents from human-written problems (GSM8K's training part, see gsm8k.ts), when a pool is given. */
  human?: number;
  /** Whether word problems (the teacher's stories and human-written ones) keep only rationales that open in words. */
  wordedOnly?: boolean;
  /** Of the teacher's one- and two-step stories, the share in worksheet wordings (see GenerateOptions.worksheet). */
  worksheet?: number;
  /** Of the teacher's stories, the share in stage 13's worksheet wordings (see GenerateOptions.worksheetMore). */
  worksheetMore?: number;
  /** Of the teacher's stories, the share in stage 14's wordings (see GenerateOptions.worksheetWide). */
  worksheetWide?: number;
  /** Of the teacher's stories, the share in stage 15's wordings (see GenerateOptions.worksheetJoin). */
  worksheetJoin?: number;
  /** Of the teacher's stories, the share in stage 16's wordings (see GenerateOptions.worksheetEach). */
  worksheetEach?: number;
}

export const BALANCED: Mix = {
  arithmetic: 0.5,
  coinOfRest: 0.5,
  zeroShot: 0.55,
  fewShot: 0.2,
  randomWords: 0.35,
  blendedWords: 0,
  drill: 0,
  randomNames: 0,
  pieceWords: false
};

/**
 * The student's remaining errors were wrong sums inside correct chains and misspelled unseen names (stage 2
 * evaluation): more equations per token, more copying of strange words, and the mode the app leads with.
 */
export const FOCUS: Mix = {
  arithmetic: 0.5,
  coinOfRest: 0.3,
  zeroShot: 0.65,
  fewShot: 0.15,
  randomWords: 0.5,
  blendedWords: 0,
  drill: 0.15,
  randomNames: 0,
  pieceWords: false
};

/**
 * Stage 3's last part: letters problems now spelled right except for unseen real words made into familiar ones
 * ("lamp" into "low", "Sally" into "She"); blended words look familiar and can only be copied.
 */
export const FOCUS_COPY: Mix = { ...FOCUS, blendedWords: 0.3 };

/**
 * Stage 4, after stage 3's errors: arithmetic questions opening with an unseen name ("Daisy has…") answered as
 * letters problems, and unseen words holding a rarely trained piece ("Sally", "lamp") misspelled in every family.
 */
export const FOCUS_NAMES: Mix = {
  ...FOCUS_COPY,
  arithmetic: 0.45,
  coinOfRest: 0.4,
  drill: 0.1,
  randomNames: 0.4,
  pieceWords: true
};

/**
 * Stage 5, after human-written word problems came out at 3–11 %: the student had never seen a question worded
 * other than by its own teacher. Human-written problems and the wider teacher make up most of it; the three
 * families stay, so that what the student already does well is kept.
 */
export const WORDS: Mix = { ...FOCUS_NAMES, drill: 0.05, stories: 0.42, human: 0.22, zeroShot: 0.62, fewShot: 0.15 };

/**
 * Stage 6, after stage 5: the teacher's own stories were right four times in five but hand-written problems only one
 * in four, so the phrasing of real questions, not the kinds of problem, was the gap. Human-written problems become the
 * largest part; the families keep a quarter so that they stay above 95 %.
 */
export const HUMAN: Mix = { ...WORDS, stories: 0.32, human: 0.38 };

/**
 * Stage 9, after stage 8: on hand-written problems two zero-shot chains in three opened with a bare equation, right
 * 15 % of the time, against 40 % for chains that opened in words; half of those bare chains began by multiplying.
 * Half of the human-written rationales and a third of the teacher's were bare equations. Word problems now keep only
 * the rationales that say what they compute (grounded, stepwise, the human solution); drills keep the sums. Measured:
 * the chains then opened in words and were right no more often (stage 9 in the model card, not shipped).
 */
export const GROUNDED: Mix = { ...WORDS, wordedOnly: true };

/**
 * Stage 12, after stages 6–11 all sat at 20–27 % on hand-written problems: on the hand-written development set the
 * student picked the wrong numbers in the plainest one-step wordings ("Each box holds 12 crayons. How many crayons
 * are in 6 boxes?" became 12 × 12; "Tickets cost $7 each. How much do 8 tickets cost?" 7 × 7), wordings where a
 * number sits in the question itself or the quantity is a length, an age or a crowd on a bus, which the teacher
 * never wrote. Half of the teacher's one- and two-step stories now come in such wordings, and the teacher's share
 * grows at the expense of GSM8K's longer problems, which the student almost never solves.
 */
export const WORKSHEET: Mix = { ...WORDS, stories: 0.5, human: 0.16, worksheet: 0.5 };

/**
 * Stage 13, after stage 12 (hand-written development set 51 %): what it still got wrong were factors read backwards
 * ("48 is twice as many as Ben has" became 48 × 2), three tallies, "3 to each of 12 students", rates over weeks, and
 * most three-step problems, which the worksheet wordings never had. A third of the teacher's stories now come from
 * such kinds, at one, two and three steps.
 */
export const SHEETS: Mix = { ...WORKSHEET, worksheetMore: 0.35 };

/**
 * Stage 14, after stage 13 (hand-written development set 69 %): what it still got wrong were a unit stated before
 * the count ("There are 4 wheels on a car. How many wheels are on 15 cars?"), two prices together, "times as much"
 * asked alone, how much more is needed to reach a goal, seats left empty, groups written in words, and two priced
 * purchases. Three in ten of the teacher's stories now come from such kinds.
 */
export const WIDE: Mix = { ...SHEETS, worksheetWide: 0.3 };

/**
 * Stage 15, after stage 14 (hand-written development set 78 %): most of what it still got wrong were two changes
 * joined in one sentence ("She bought 12 more and then gave 9 to her sister"), where the chain stopped after the
 * first, and two-step kinds the teacher never wrote (groups pooled then changed, a rate towards a goal, change from
 * a payment, no-shows). A quarter of the teacher's stories now come from such kinds.
 */
export const JOINED: Mix = { ...WIDE, worksheetJoin: 0.25 };

/**
 * Stage 16, after stage 15 (second hand-written development set 55 %): what it still got wrong were equal groups
 * told as people at each table (read as a sum), how many containers or vans are needed, a rate over a week, "Ella
 * and her 3 friends" (four people), hours on two days at one pay, two people taking from one whole, and three-step
 * chains with a split cost or earnings then spent. A quarter of the teacher's stories now come from such kinds.
 */
export const EACH: Mix = { ...JOINED, worksheetEach: 0.25 };

export const MIXES = {
  balanced: BALANCED,
  focus: FOCUS,
  'focus-copy': FOCUS_COPY,
  'focus-names': FOCUS_NAMES,
  words: WORDS,
  human: HUMAN,
  grounded: GROUNDED,
  worksheet: WORKSHEET,
  sheets: SHEETS,
  wide: WIDE,
  joined: JOINED,
  each: EACH
} as const;

/** A problem from outside the generator: a question, its gold answer and correct rationales. */
export type Worked = Pick<Problem, 'question' | 'answer' | 'rationales'>;

/** The tokenizer's letter pieces, word-initial ones without their space mark ("Ġ"), for GenerateOptions.wordPieces. */
export function letterPieces(vocab: readonly string[]): string[] {
  const pieces = vocab.map((t) => t.replace(/^Ġ/, '')).filter((t) => /^[A-Za-z]+$/.test(t));
  return [...new Set(pieces)];
}

function pickSource(rng: Rng, mix: Mix, hasPool: boolean): 'human' | 'story' | 'family' {
  const human = hasPool ? (mix.human ?? 0) : 0;
  const stories = mix.stories ?? 0;
  if (human + stories === 0) return 'family';
  const r = rng.next();
  return r < human ? 'human' : r < human + stories ? 'story' : 'family';
}

/** A rationale that opens with a number writes its sum before saying what it computes. */
export function openInWords(rationales: readonly string[]): readonly string[] {
  const worded = rationales.filter((r) => openingOf(r) === 'words');
  return worded.length > 0 ? worded : rationales;
}

function exemplarOf(p: Worked, rng: Rng, worded = false): Exemplar {
  return {
    question: p.question,
    rationale: rng.pick(worded ? openInWords(p.rationales) : p.rationales),
    answer: p.answer
  };
}

function pickFamily(rng: Rng, mix: Mix): Family {
  if (rng.chance(mix.arithmetic)) return 'arithmetic';
  return rng.next() < mix.coinOfRest ? 'coin' : 'letters';
}

const EQUATION = /\d+ [-+×÷] \d+ = \d+/g;

/** Six to twelve equations exactly as the teacher writes them inside rationales. */
export function drillDoc(rng: Rng): Doc {
  const equations: string[] = [];
  const want = rng.int(6, 12);
  while (equations.length < want) {
    const p = generate('arithmetic', rng);
    equations.push(...(rng.pick(p.rationales).match(EQUATION) ?? []));
  }
  return { prompt: '', completion: equations.slice(0, want).join('. ') + '.' };
}

export interface Doc {
  /** Exactly what the app sends in one mode: context only, never a training target. */
  prompt: string;
  /** What the student should write after it: the only tokens the loss is computed on. */
  completion: string;
}

/** One training document: exactly the prompt a mode sends, then what the student should write. */
export function makeDoc(
  format: PromptFormat,
  rng: Rng,
  mix: Mix = BALANCED,
  pieces: readonly string[] = [],
  pool: readonly Worked[] = []
): Doc {
  // Checked only when drills are wanted, so that a mix without them draws the same documents as before.
  if (mix.drill > 0 && rng.chance(mix.drill)) return drillDoc(rng);
  const { randomWords, blendedWords, randomNames } = mix;
  const options = {
    randomWords,
    blendedWords,
    randomNames,
    wordPieces: mix.pieceWords ? pieces : undefined,
    worksheet: mix.worksheet,
    worksheetMore: mix.worksheetMore,
    worksheetWide: mix.worksheetWide,
    worksheetJoin: mix.worksheetJoin,
    worksheetEach: mix.worksheetEach
  };
  const source = pickSource(rng, mix, pool.length > 0);
  const family: Family = source === 'family' ? pickFamily(rng, mix) : 'arithmetic';
  const problem: Worked =
    source === 'human'
      ? rng.pick(pool)
      : source === 'story'
        ? generateStory(rng, options)
        : generate(family, rng, options);
  const r = rng.next();
  // Only completions are learned, so the long few-shot prompts are mostly context: keep them few.
  const mode: Mode =
    r < mix.zeroShot ? 'zero-shot-cot' : r < mix.zeroShot + mix.fewShot ? 'few-shot-cot' : 'answer-only';
  const fewShot = mode === 'few-shot-cot' || (mode === 'answer-only' && rng.chance(0.3));
  let exemplars: Exemplar[] = [];
  if (fewShot) {
    // Human-written problems are long: with the app's three short exemplars they still fit the context.
    if (source === 'human' || rng.chance(0.2)) {
      exemplars = format.exemplars;
    } else {
      const k = rng.int(2, 4);
      const same = rng.chance(0.5);
      exemplars = Array.from({ length: k }, () =>
        exemplarOf(
          source === 'story' && same
            ? generateStory(rng, options)
            : generate(same ? family : pickFamily(rng, mix), rng, options),
          rng,
          mix.wordedOnly === true && source === 'story' && same
        )
      );
    }
  }
  const trigger = rng.chance(0.1) ? rng.pick(TRIGGER_VARIANTS) : format.trigger;
  const prompt = buildPrompt(format, mode, {
    question: perturb(problem.question, rng, mix.stories !== undefined),
    exemplars,
    trigger,
    useExemplars: fewShot
  });
  const rationales =
    mix.wordedOnly === true && source !== 'family' ? openInWords(problem.rationales) : problem.rationales;
  return { prompt, completion: completion(mode, rng.pick(rationales), problem.answer) };
}

/**
 * Which tokens of a document are training targets: the completion and its end-of-sequence token, never the prompt.
 * The prompt's own ids are normally a prefix of the document's (the pre-tokenizer splits at the boundary); where
 * they are not, the whole document is learned rather than a misaligned part of it.
 */
export function completionMask(promptIds: readonly number[], ids: readonly number[]): number[] {
  const isPrefix = promptIds.length <= ids.length && promptIds.every((id, k) => ids[k] === id);
  const start = isPrefix ? promptIds.length : 0;
  return ids.map((_, k) => (k >= start ? 1 : 0));
}
