import { answerSentence, type GenerateOptions, type Problem } from './types.ts';
import { PEOPLE, capitalize, inventedWord, isHeldOut, strangeWord } from './lexicon.ts';
import type { Rng } from '../core/rng.ts';

const FLIP = ['flips the coin.', 'flips the coin over.', 'turns the coin over.', 'reverses the coin.', 'flips it.'];
const KEEP = [
  'does not flip the coin.',
  "doesn't flip the coin.",
  'does not touch the coin.',
  'leaves the coin alone.',
  'does not flip it.',
  'decides not to flip the coin.'
];

function names(rng: Rng, n: number, heldOut: boolean, randomWords: number, pieces?: readonly string[]): string[] {
  const out: string[] = [];
  while (out.length < n) {
    const name =
      randomWords > 0 && rng.chance(randomWords)
        ? capitalize(strangeWord(rng, pieces))
        : rng.chance(0.25)
          ? inventedWord(rng)
          : rng.pick(PEOPLE).name;
    if (isHeldOut(name) === heldOut && !out.includes(name)) out.push(name);
  }
  return out;
}

export function checkCoinRationale(rationale: string, answer: string): boolean {
  return rationale.endsWith(answerSentence(answer)) && (answer === 'yes' || answer === 'no');
}

export function generateCoin(rng: Rng, options: GenerateOptions = {}): Problem {
  const n = options.steps ?? rng.int(2, 6);
  const who = names(rng, n, options.heldOut ?? false, options.randomWords ?? 0, options.wordPieces);
  const flips = who.map(() => rng.chance(0.5));
  const startHeads = rng.chance(0.75);
  const start = startHeads ? 'heads' : 'tails';
  const other = startHeads ? 'tails' : 'heads';
  const flipCount = flips.filter(Boolean).length;
  const same = flipCount % 2 === 0;
  const answer = same ? 'yes' : 'no';

  const actions = who.map((name, i) => `${name} ${flips[i] === true ? rng.pick(FLIP) : rng.pick(KEEP)}`);
  const opening = rng.pick([
    `A coin is ${start} up.`,
    `A coin is lying ${start} up.`,
    `There is a coin showing ${start}.`
  ]);
  const ask = rng.pick([
    `Is the coin still ${start} up?`,
    `Is the coin still ${start} up?`,
    `Is the coin ${start} up now?`,
    `Is the coin still showing ${start}?`
  ]);
  const note = rng.chance(0.3) ? ' Note that "flip" here means "reverse".' : '';
  const question = `${opening} ${actions.join(' ')} ${ask}${note}`;

  // Style 0 tracks the face person by person; style 1 counts flips and uses parity.
  const track: string[] = [`The coin starts ${start} up.`];
  let heads = startHeads;
  who.forEach((name, i) => {
    if (flips[i] === true) {
      heads = !heads;
      track.push(`${name} flips it, so it is now ${heads ? 'heads' : 'tails'} up.`);
    } else {
      track.push(`${name} does not flip it, so it stays ${heads ? 'heads' : 'tails'} up.`);
    }
  });
  const end = heads ? 'heads' : 'tails';
  track.push(`It ends ${end} up, so it is ${end === start ? 'still' : 'not'} ${start} up.`);
  track.push(answerSentence(answer));

  const flippers = who.filter((_, i) => flips[i] === true);
  const parity: string[] = [];
  parity.push(
    flippers.length === 0
      ? 'Nobody flips the coin, so that is 0 flips.'
      : `The coin is flipped by ${listing(flippers)}. That is ${flipCount} flip${flipCount === 1 ? '' : 's'}.`
  );
  parity.push(
    same
      ? `${flipCount} is even, so the coin is back where it started, ${start} up.`
      : `${flipCount} is odd, so the coin ends ${other} up.`
  );
  parity.push(answerSentence(answer));

  const rationales = [track.join(' '), parity.join(' ')];
  if (!rationales.every((r) => checkCoinRationale(r, answer)) || (heads === startHeads) !== same) {
    throw new Error('coin teacher disagrees with itself');
  }
  return { family: 'coin', question, answer, steps: n, rationales };
}

function listing(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}
