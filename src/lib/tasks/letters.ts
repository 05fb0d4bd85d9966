import { answerSentence, type GenerateOptions, type Problem } from './types.ts';
import { PEOPLE, SURNAME_LIST, WORDS, blendedWord, inventedWord, isHeldOut, strangeWord } from './lexicon.ts';
import type { Rng } from '../core/rng.ts';

// Training only, so built on first use rather than when the app loads the generator.
let known: string[] | null = null;
function knownWords(): string[] {
  known ??= [...PEOPLE.map((p) => p.name), ...SURNAME_LIST, ...WORDS].filter((w) => !isHeldOut(w));
  return known;
}

function word(rng: Rng, heldOut: boolean, options: GenerateOptions): string {
  const { randomWords = 0, blendedWords = 0, wordPieces } = options;
  for (;;) {
    // Checked only when wanted, so that options without blends draw the same words as before.
    if (blendedWords > 0 && rng.chance(blendedWords)) {
      const w = blendedWord(rng, knownWords());
      if (w.length >= 2 && isHeldOut(w) === heldOut) return w;
      continue;
    }
    if (randomWords > 0 && rng.chance(randomWords)) {
      const w = strangeWord(rng, wordPieces);
      if (isHeldOut(w) === heldOut) return w;
      continue;
    }
    const r = rng.next();
    const w =
      r < 0.35
        ? rng.pick(PEOPLE).name
        : r < 0.5
          ? rng.pick(SURNAME_LIST)
          : r < 0.7
            ? rng.pick(WORDS)
            : inventedWord(rng);
    if (isHeldOut(w) === heldOut) return w;
  }
}

function lastLetter(w: string): string {
  return w.charAt(w.length - 1).toLowerCase();
}

export function checkLettersRationale(rationale: string, words: string[], answer: string): boolean {
  return words.map(lastLetter).join('') === answer && rationale.endsWith(answerSentence(answer));
}

export function generateLetters(rng: Rng, options: GenerateOptions = {}): Problem {
  const n = options.steps ?? rng.int(2, 5);
  const heldOut = options.heldOut ?? false;
  const words: string[] = [];
  // Kojima et al.'s set uses full names; mix those with single names and plain words.
  const fullNames = rng.chance(0.2);
  while (words.length < n) {
    const w = word(rng, heldOut, options);
    if (!words.includes(w)) words.push(w);
    if (fullNames && words.length < n) words.push(word(rng, heldOut, options));
  }
  const phrase = words.slice(0, n).join(' ');
  const used = words.slice(0, n);
  const answer = used.map(lastLetter).join('');
  const question = rng.pick([
    `Take the last letters of each word in "${phrase}" and concatenate them.`,
    `Take the last letters of each words in "${phrase}" and concatenate them.`,
    `Take the last letter of each word in "${phrase}" and concatenate them.`,
    `Concatenate the last letters of the words in "${phrase}".`,
    `What do you get if you join the last letters of each word in "${phrase}"?`,
    `Write the last letter of every word in "${phrase}" and put them together.`
  ]);

  const each = used.map((w) => `The last letter of "${w}" is "${lastLetter(w)}".`);
  const listed = [...each, `Concatenating them gives "${answer}".`, answerSentence(answer)].join(' ');

  let sofar = '';
  const running = used.map((w, i) => {
    sofar += lastLetter(w);
    return i === 0
      ? `"${w}" ends with "${lastLetter(w)}".`
      : `"${w}" ends with "${lastLetter(w)}", so we have "${sofar}".`;
  });
  const incremental = [...running, answerSentence(answer)].join(' ');

  const rationales = [listed, incremental];
  if (!rationales.every((r) => checkLettersRationale(r, used, answer))) {
    throw new Error('letters teacher disagrees with itself');
  }
  return { family: 'letters', question, answer, steps: n, rationales };
}
