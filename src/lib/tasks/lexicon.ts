/** Word lists for the generators. Variety here is what keeps the student from memorising templates. */

export type Gender = 'f' | 'm' | 'n';
export interface Person {
  name: string;
  gender: Gender;
}

const FEMALE = `Ana Maria Sofia Emma Olivia Ava Mia Lily Zoe Chloe Grace Ella Nora Ruby Hana Aisha Fatima Priya
Mei Yuki Leila Sara Julia Clara Lucia Elena Nina Rosa Tara Maya Isla Ivy Jade Alice Beth Carmen Diana Eva Fiona Gina
Helen Irene Jenny Kate Laura Molly Nadia Paula Rachel Sandra Tina Uma Vera Wendy Yara Zara Amara Bianca Camila Daisy
Esme Freya Gloria Hazel Ingrid Joy Kira Luna Mila Naomi Opal Pia Quinn Rita Stella Thea Una Violet Willa Xena Yasmin
Beatriz Adriana Ximena Chiara Greta Astrid Sakura Ayesha Noor Chen Lin Dara Ines Lena Martha Nell Olga Penny Debby
Megan Frances Tammy Wanda Edith Agnes Cora Dora Flora Iris Jill Kelly Lisa Lucy Maggie Mandy Nancy Polly Sally Susan`;
const MALE = `Bo Liam Noah Omar Ali Ben Carlos Dev Eli Finn Gus Hugo Ivan Jack Kai Leo Max Nate Oscar Paul Ravi Sam
Tom Umar Victor Will Yusuf Zane Adam Bruno Chris Dan Ethan Felix George Henry Isaac James Karl Luis Mark Nick Owen
Pedro Raj Simon Theo Uri Vince Wes Xavier Yann Ahmed Boris Caleb Diego Emil Frank Gabe Hassan Igor Jonas Kofi Lars
Mateo Nico Otto Pablo Quentin Rafael Stefan Tariq Ulf Viktor Wyatt Yosef Zeke Arjun Hiro Kenji Jamal Tyrone Mohammed
Andre Brian Colin Derek Edgar Fred Gary Harold Jim Kevin Larry Mike Ned Pete Roger Steve Ted Walter Dale Sean Rob`;
const SURNAMES = `Smith Garcia Chen Patel Kim Nguyen Lopez Brown Silva Khan Rossi Muller Novak Sato Okafor Haddad
Johansson Kowalski Dubois Costa Ivanova Tanaka Mendez Walsh Fischer Moreau Reyes Park Singh Ali Cohen Adeyemi
Larsen Bianchi Schmidt Wong Rivera Hughes Murphy Jensen Petrov Yilmaz Santos Ortiz Baker Clark Lewis Young Hall Allen`;

function people(list: string, gender: Gender): Person[] {
  return list
    .split(/\s+/)
    .filter(Boolean)
    .map((name) => ({ name, gender }));
}

export const PEOPLE: readonly Person[] = [...people(FEMALE, 'f'), ...people(MALE, 'm')];
export const SURNAME_LIST: readonly string[] = SURNAMES.split(/\s+/).filter(Boolean);

/** Deterministic split so evaluation can use names the student never saw. */
export function isHeldOut(word: string): boolean {
  let h = 2166136261;
  for (const ch of word.toLowerCase()) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 16777619);
  return (h >>> 0) % 5 === 0;
}

export function pronoun(p: Person): { subj: string; obj: string; poss: string } {
  switch (p.gender) {
    case 'f':
      return { subj: 'she', obj: 'her', poss: 'her' };
    case 'm':
      return { subj: 'he', obj: 'him', poss: 'his' };
    case 'n':
      return { subj: 'they', obj: 'them', poss: 'their' };
  }
}

export interface Thing {
  one: string;
  many: string;
  /** Containers this thing plausibly comes in, for "each box holds" problems. */
  containers: readonly string[];
  /** Verbs for gaining and losing this thing, in past tense. */
  gain: readonly string[];
  lose: readonly string[];
}

const FOOD_GAIN = ['bought', 'picked up', 'got', 'was given', 'baked', 'found'];
const FOOD_LOSE = ['ate', 'gave away', 'sold', 'shared', 'dropped', 'used'];
const ITEM_GAIN = ['bought', 'found', 'got', 'was given', 'won', 'collected', 'received'];
const ITEM_LOSE = ['gave away', 'lost', 'sold', 'traded away', 'gave to a friend', 'donated'];

function thing(
  one: string,
  many: string,
  containers: string[],
  kind: 'food' | 'item' = 'item',
  extraGain: string[] = [],
  extraLose: string[] = []
): Thing {
  const gain = kind === 'food' ? FOOD_GAIN : ITEM_GAIN;
  const lose = kind === 'food' ? FOOD_LOSE : ITEM_LOSE;
  return { one, many, containers, gain: [...gain, ...extraGain], lose: [...lose, ...extraLose] };
}

export const THINGS: readonly Thing[] = [
  thing('apple', 'apples', ['bag', 'basket', 'box', 'crate'], 'food', ['picked']),
  thing('orange', 'oranges', ['bag', 'crate', 'box'], 'food', ['picked']),
  thing('banana', 'bananas', ['bunch', 'bag'], 'food'),
  thing('cookie', 'cookies', ['jar', 'box', 'tray', 'plate', 'pack'], 'food'),
  thing('cupcake', 'cupcakes', ['box', 'tray'], 'food'),
  thing('muffin', 'muffins', ['tray', 'box', 'basket'], 'food'),
  thing('egg', 'eggs', ['carton', 'basket', 'box'], 'food', ['collected']),
  thing('candy', 'candies', ['bag', 'jar', 'box'], 'food'),
  thing('strawberry', 'strawberries', ['basket', 'box', 'bowl'], 'food', ['picked']),
  thing('sandwich', 'sandwiches', ['tray', 'box'], 'food', ['made']),
  thing('pizza slice', 'pizza slices', ['box', 'plate'], 'food'),
  thing('carrot', 'carrots', ['bag', 'bunch', 'row'], 'food', ['grew', 'pulled up']),
  thing('tomato', 'tomatoes', ['basket', 'box', 'bag'], 'food', ['grew', 'picked']),
  thing('marble', 'marbles', ['bag', 'jar', 'box', 'pouch']),
  thing('sticker', 'stickers', ['sheet', 'pack', 'book']),
  thing('card', 'cards', ['pack', 'box', 'deck']),
  thing('pencil', 'pencils', ['box', 'pack', 'case', 'cup']),
  thing('crayon', 'crayons', ['box', 'pack']),
  thing('book', 'books', ['shelf', 'box', 'stack'], 'item', ['borrowed', 'read'], ['returned', 'lent out']),
  thing('toy car', 'toy cars', ['box', 'shelf', 'bin']),
  thing('balloon', 'balloons', ['bag', 'bunch', 'pack'], 'item', ['blew up'], ['popped', 'let go of']),
  thing('flower', 'flowers', ['vase', 'pot', 'bunch', 'row'], 'item', ['picked', 'planted'], []),
  thing('shell', 'shells', ['bucket', 'bag', 'jar'], 'item', ['found on the beach', 'picked up']),
  thing('stamp', 'stamps', ['album', 'page', 'sheet']),
  thing('coin', 'coins', ['jar', 'purse', 'box', 'stack'], 'item', ['saved', 'earned'], ['spent']),
  thing('bead', 'beads', ['bag', 'jar', 'string', 'box']),
  thing('button', 'buttons', ['jar', 'box', 'card']),
  thing('rock', 'rocks', ['bucket', 'box', 'bag']),
  thing('ticket', 'tickets', ['book', 'roll', 'pack'], 'item', ['sold'], ['used']),
  thing('photo', 'photos', ['album', 'page', 'box'], 'item', ['took', 'printed'], ['deleted']),
  thing('sock', 'socks', ['drawer', 'pack', 'bag']),
  thing('ball', 'balls', ['bin', 'bag', 'box', 'net']),
  thing('brick', 'bricks', ['pile', 'stack', 'box']),
  thing('plant', 'plants', ['row', 'tray', 'pot'], 'item', ['planted', 'grew'], ['gave away', 'sold']),
  thing('fish', 'fish', ['tank', 'bowl', 'net'], 'item', ['caught'], ['gave away', 'released']),
  thing('comic', 'comics', ['box', 'stack', 'shelf']),
  thing('puzzle piece', 'puzzle pieces', ['box', 'bag']),
  thing('bottle', 'bottles', ['crate', 'case', 'pack'], 'item', ['filled'], ['recycled', 'emptied']),
  thing('peach', 'peaches', ['basket', 'crate', 'bag'], 'food', ['picked']),
  thing('dollar', 'dollars', ['envelope', 'wallet', 'jar'], 'item', ['earned', 'saved'], ['spent', 'paid'])
];

/** Sentences that carry no information for the question, to teach the student to skip them. */
export const DISTRACTORS: readonly ((p: Person, n: number) => string)[] = [
  (p) => `${p.name} likes the colour blue.`,
  () => 'It was a sunny day.',
  () => 'It was raining outside.',
  (p, n) => `${p.name}'s brother is ${n} years old.`,
  (p, n) => `${p.name} lives ${n} minutes from school.`,
  (p) => `${p.name} was very happy about it.`,
  () => 'The shop closes at six.',
  (p, n) => `${p.name} has a dog that weighs ${n} pounds.`,
  () => 'Everyone had a good time.',
  (p, n) => `The bus ride took ${n} minutes.`
];

/** Common words for the last-letter task, beside names: words end in letters names rarely do. */
export const WORDS = `apple river cloud stone table music garden window paper candle forest yellow planet silver bridge
tiger lemon orange rocket pencil summer winter spring autumn ocean island castle dragon mirror basket letter number
coffee butter honey pepper salad bread cheese tomato potato carrot dinner lunch breakfast sugar salt water fire earth
wind light night morning evening doctor farmer teacher driver painter singer dancer writer sailor baker queen king
horse zebra panda koala eagle falcon otter rabbit turtle monkey whale shark snake spider beetle camel donkey lion
chair clock door floor glass house key lamp nest pillow quilt roof shoe tent umbrella vase wall yard zipper box
happy quick brave calm eager fancy gentle jolly kind lucky merry nice proud quiet silly witty zany bold crisp vivid
jump run walk swim read write sing dance play think build climb draw laugh smile travel cook bake grow fix open`
  .split(/\s+/)
  .filter(Boolean);

const ONSETS = [
  'b',
  'br',
  'c',
  'ch',
  'd',
  'dr',
  'f',
  'g',
  'gr',
  'h',
  'j',
  'k',
  'l',
  'm',
  'n',
  'p',
  'pr',
  'r',
  's',
  'sh',
  't',
  'tr',
  'v',
  'w',
  'z',
  ''
];
const NUCLEI = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'ou', 'y', 'ie'];
const CODAS = [
  '',
  '',
  'n',
  'l',
  'r',
  's',
  'x',
  'th',
  'm',
  'k',
  'd',
  't',
  'ck',
  'z',
  'g',
  'p',
  'ff',
  'nd',
  'sh',
  'w',
  'b',
  'v',
  'q',
  'j',
  'f',
  'h',
  'c'
];

export function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Random strings come capitalised half the time, as names and plain words would. */
function maybeCapitalized(rng: { chance(p: number): boolean }, word: string): string {
  return rng.chance(0.5) ? capitalize(word) : word;
}

/** Pronounceable invented words, so the student learns to spell any word, not a fixed list. */
export function inventedWord(rng: { int(lo: number, hi: number): number; pick<T>(items: readonly T[]): T }): string {
  const syllables = rng.int(1, 3);
  let word = '';
  for (let i = 0; i < syllables; i++) word += rng.pick(ONSETS) + rng.pick(NUCLEI);
  word += rng.pick(CODAS);
  return capitalize(word);
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';

/** Any letters at all, unpronounceable included: only copying, never recall, gets these right. */
export function randomLetters(rng: { int(lo: number, hi: number): number; chance(p: number): boolean }): string {
  const length = rng.int(2, 10);
  let word = '';
  for (let i = 0; i < length; i++) word += ALPHABET.charAt(rng.int(0, ALPHABET.length - 1));
  return maybeCapitalized(rng, word);
}

/**
 * The head of one known word on the tail of another ("Sa" + "mp" = "Samp"): it looks like a word the student
 * has seen but is not one, so only copying gets it right. Random letters alone did not stop the student from
 * turning unseen real words into familiar ones ("lamp" into "low").
 */
export function blendedWord(
  rng: { int(lo: number, hi: number): number; pick<T>(items: readonly T[]): T },
  words: readonly string[]
): string {
  const a = rng.pick(words);
  const b = rng.pick(words);
  const head = a.slice(0, rng.int(1, Math.max(1, a.length - 1)));
  const tail = b.slice(rng.int(1, Math.max(1, b.length - 1)));
  return head + (tail === '' ? b : tail);
}

/**
 * One to three of the tokenizer's letter pieces run together ("x" + "ally" + "mp"). Random letters rarely form a
 * longer piece, so pieces such as "ally" or "amp" stayed barely trained and the student garbled every unseen word
 * holding one ("Sally", "lamp").
 */
export function pieceWord(
  rng: { int(lo: number, hi: number): number; pick<T>(items: readonly T[]): T; chance(p: number): boolean },
  pieces: readonly string[]
): string {
  const n = rng.int(1, 3);
  let word = '';
  for (let i = 0; i < n; i++) word += rng.pick(pieces);
  if (word.length < 2) word += rng.pick(pieces);
  return maybeCapitalized(rng, word);
}

/** A random string for a name or word: built from tokenizer pieces half the time when they are given. */
export function strangeWord(
  rng: { int(lo: number, hi: number): number; pick<T>(items: readonly T[]): T; chance(p: number): boolean },
  pieces: readonly string[] | undefined
): string {
  return pieces !== undefined && pieces.length > 0 && rng.chance(0.5) ? pieceWord(rng, pieces) : randomLetters(rng);
}
