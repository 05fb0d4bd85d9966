/**
 * Worksheet wordings: the phrasings of school problems that the other kinds lack, where the student was seen to
 * pick the wrong numbers (the hand-written development set). A number sits in the question itself ("How many
 * crayons are in 6 boxes?"), a quantity is a length, an age or a score rather than a count someone owns, a crowd
 * gets on and off a bus. Used only where GenerateOptions.worksheet asks, so older corpora draw as they did.
 */
import { calc, money, namedWho, num, sentence, type Kind } from './parts.ts';
import { plural } from './vocab.ts';

export const groupsAsked: Kind = ({ rng, w, noun, cat }, t) => {
  const g = rng.int(2, 12);
  const p = rng.int(2, 15);
  const box = rng.pick(cat.containers);
  const boxes = plural(box);
  const quote = `Each ${box} has ${p} and there are ${g} ${boxes}`;
  const c = calc('mul', g, p, quote, noun.many, 'Equal groups give');
  const form = rng.int(0, 2);
  if (form === 0)
    return {
      facts: [sentence(`Each ${box} ${rng.pick(['holds', 'has', 'contains'])} ${p} ${noun.many}.`)],
      question: `How many ${noun.many} ${t.are} in ${g} ${boxes}?`,
      calcs: [c]
    };
  if (form === 1)
    return {
      facts: [sentence(`${noun.many} come in ${boxes} of ${p}.`), sentence(`${w.name} buys ${g} ${boxes}.`)],
      question: `How many ${noun.many} does ${w.subj} get?`,
      calcs: [c]
    };
  return {
    facts: [sentence(`There ${t.is} ${p} ${noun.many} in a ${box}.`)],
    question: `How many ${noun.many} ${t.does} ${w.name} have if ${w.subj} ${t.has} ${g} ${boxes}?`,
    calcs: [c]
  };
};

export const priceAsked: Kind = ({ rng, w, noun, cat }) => {
  if (!cat.buyable) return null;
  const n = rng.int(2, 12);
  const p = rng.int(2, 25);
  const each = rng.pick([
    `${noun.many} cost ${money(p, rng)} each.`,
    `One ${noun.one} costs ${money(p, rng)}.`,
    `A ${noun.one} costs ${money(p, rng)}.`,
    `The price of a ${noun.one} is ${money(p, rng)}.`
  ]);
  return {
    facts: [sentence(each)],
    question: rng.pick([
      `How much do ${n} ${noun.many} cost?`,
      `What is the cost of ${n} ${noun.many}?`,
      `How much will ${w.name} pay for ${n} ${noun.many}?`,
      `How many dollars does ${w.name} need to buy ${n} ${noun.many}?`
    ]),
    calcs: [calc('mul', n, p, `${n} ${noun.many} at $${p} each`, 'dollars', 'The cost is')]
  };
};

export const shareAsked: Kind = ({ rng, w, noun, cat }, t) => {
  const k = rng.int(2, 10);
  const each = rng.int(2, 15);
  const total = k * each;
  const box = rng.pick(cat.containers);
  const form = rng.int(0, 2);
  const quote = `${total} ${noun.many} in ${k} equal parts`;
  const facts =
    form === 0
      ? [sentence(`${w.name} put ${total} ${noun.many} into ${k} ${plural(box)}, the same number in each.`)]
      : form === 1
        ? [sentence(`${total} ${noun.many} ${t.are} shared equally among ${k} children.`)]
        : [sentence(`${w.name} arranged ${total} ${noun.many} in ${k} equal rows.`)];
  const question = [
    `How many ${noun.many} are in each ${box}?`,
    `How many ${noun.many} does each child get?`,
    `How many ${noun.many} are in each row?`
  ][form];
  return { facts, question: question ?? '', calcs: [calc('div', total, k, quote, 'in each', 'Each gets')] };
};

/** Things done on two days or in two games, then added. */
const TALLIES: readonly { did: string; base: string; thing: string; when: readonly [string, string] }[] = [
  { did: 'scored', base: 'score', thing: 'points', when: ['in the first game', 'in the second game'] },
  { did: 'read', base: 'read', thing: 'pages', when: ['on Monday', 'on Tuesday'] },
  { did: 'walked', base: 'walk', thing: 'km', when: ['on Saturday', 'on Sunday'] },
  { did: 'ran', base: 'run', thing: 'laps', when: ['in the morning', 'in the afternoon'] },
  { did: 'collected', base: 'collect', thing: 'cans', when: ['last week', 'this week'] },
  { did: 'sold', base: 'sell', thing: 'tickets', when: ['on Friday', 'on Saturday'] },
  { did: 'swam', base: 'swim', thing: 'lengths', when: ['before lunch', 'after lunch'] },
  { did: 'saved', base: 'save', thing: 'dollars', when: ['in June', 'in July'] }
];

export const twoTallies: Kind = ({ rng, w, noun, cat }, t) => {
  const a = num(rng, 2, 90);
  const b = num(rng, 2, 90);
  if (rng.chance(0.5)) {
    const [p1 = 'the shelf', p2 = 'the table'] = rng.shuffle([...cat.places]);
    return {
      facts: [sentence(`There ${t.are} ${a} ${noun.many} at ${p1} and ${b} at ${p2}.`)],
      question: rng.pick([
        `How many ${noun.many} are there altogether?`,
        `How many ${noun.many} are there in all?`,
        `How many ${noun.many} are there in total?`
      ]),
      calcs: [calc('add', a, b, `${a} ${noun.many} and ${b} more`, `${noun.many} in all`, 'Together that is')]
    };
  }
  const d = rng.pick(TALLIES);
  return {
    facts: [sentence(`${w.name} ${d.did} ${a} ${d.thing} ${d.when[0]} and ${b} ${d.thing} ${d.when[1]}.`)],
    question: rng.pick([
      `How many ${d.thing} did ${w.subj} ${d.base} in all?`,
      `How many ${d.thing} did ${w.name} ${d.base} altogether?`,
      `How many ${d.thing} did ${w.subj} ${d.base} in total?`
    ]),
    calcs: [calc('add', a, b, `${a} ${d.thing} and ${b} ${d.thing}`, d.thing, 'Together that is')]
  };
};

/** A quantity that is not a count someone owns: a length, water in a tank, money, a height. */
const MEASURES: readonly {
  start: (a: number) => string;
  change: (b: number, name: string) => string;
  question: string;
  kind: 'add' | 'sub';
}[] = [
  {
    start: (a) => `A rope is ${a} cm long.`,
    change: (b, n) => `${n} cuts off ${b} cm.`,
    question: 'How long is the rope now?',
    kind: 'sub'
  },
  {
    start: (a) => `A tank has ${a} liters of water.`,
    change: (b) => `${b} liters are poured in.`,
    question: 'How many liters are in the tank now?',
    kind: 'add'
  },
  {
    start: (a) => `A tank has ${a} liters of water.`,
    change: (b) => `${b} liters leak out.`,
    question: 'How many liters are left in the tank?',
    kind: 'sub'
  },
  {
    start: (a) => `A plant was ${a} cm tall.`,
    change: (b) => `It grew ${b} cm.`,
    question: 'How tall is the plant now?',
    kind: 'add'
  },
  {
    start: (a) => `A candle was ${a} cm long.`,
    change: (b) => `It burned down ${b} cm.`,
    question: 'How long is the candle now?',
    kind: 'sub'
  },
  {
    start: (a) => `A road is ${a} km long.`,
    change: (b, n) => `${n} has driven ${b} km of it.`,
    question: 'How many km are left to drive?',
    kind: 'sub'
  },
  {
    start: (a) => `A book has ${a} pages.`,
    change: (b, n) => `${n} has read ${b} pages.`,
    question: 'How many pages are left to read?',
    kind: 'sub'
  }
];

/** People or animals in a place, coming and going. */
export const CROWDS: readonly { things: string; where: string; off: string; on: string }[] = [
  { things: 'people', where: 'on a bus', off: 'got off', on: 'got on' },
  { things: 'people', where: 'on a train', off: 'got off', on: 'got on' },
  { things: 'cars', where: 'in a parking lot', off: 'drove away', on: 'drove in' },
  { things: 'ducks', where: 'on the pond', off: 'flew away', on: 'landed' },
  { things: 'children', where: 'in the library', off: 'went home', on: 'came in' },
  { things: 'birds', where: 'in a tree', off: 'flew away', on: 'joined them' },
  { things: 'fish', where: 'in a tank', off: 'were taken out', on: 'were put in' }
];

export const measureChange: Kind = ({ rng, w }, t) => {
  const a = num(rng, 20, 200);
  if (rng.chance(0.5)) {
    const m = rng.pick(MEASURES);
    const b = m.kind === 'sub' ? rng.int(1, a - 1) : num(rng, 2, 60);
    return {
      facts: [sentence(m.start(a)), sentence(m.change(b, w.name))],
      question: m.question,
      calcs: [
        calc(
          m.kind,
          a,
          b,
          `${a} at first and ${b} ${m.kind === 'add' ? 'more' : 'less'}`,
          'now',
          m.kind === 'add' ? 'Adding gives' : 'Taking away leaves'
        )
      ]
    };
  }
  const c = rng.pick(CROWDS);
  const leave = rng.chance(0.6);
  const b = leave ? rng.int(1, a - 1) : num(rng, 2, 60);
  return {
    facts: [sentence(`There ${t.are} ${a} ${c.things} ${c.where}.`), sentence(`${b} ${leave ? c.off : c.on}.`)],
    question: rng.pick([
      `How many ${c.things} are ${c.where.replace(/^(in|on) an? /, '$1 the ')} now?`,
      `How many ${c.things} are there now?`
    ]),
    calcs: [
      leave
        ? calc('sub', a, b, `${a} ${c.things} and ${b} ${c.off}`, `${c.things} are left`, `Taking away ${b} leaves`)
        : calc('add', a, b, `${a} ${c.things} and ${b} ${c.on}`, `${c.things} now`, `Adding ${b} gives`)
    ]
  };
};

const RELATIVES = ['mother', 'father', 'brother', 'sister', 'aunt', 'uncle', 'cousin', 'grandmother'];
const ELDERS = new Set(['mother', 'father', 'aunt', 'uncle', 'grandmother']);

export const olderTaller: Kind = ({ rng, options }) => {
  // A person, never "the zoo": it has an age and a height.
  const w = namedWho(rng, options);
  const rel = rng.pick(RELATIVES);
  const age = rng.chance(0.5);
  const a = age ? rng.int(5, 40) : rng.int(90, 180);
  // A parent is never younger than the child.
  const more = (age && ELDERS.has(rel)) || rng.chance(0.6);
  const b = more ? rng.int(2, 35) : rng.int(1, Math.min(a - 1, 30));
  const [word, unit, q] = age
    ? [more ? 'older' : 'younger', 'years', `How old is ${w.poss} ${rel}?`]
    : [more ? 'taller' : 'shorter', 'cm', `How tall is ${w.poss} ${rel}?`];
  return {
    facts: [
      sentence(age ? `${w.name} is ${a} years old.` : `${w.name} is ${a} cm tall.`),
      sentence(`${w.poss} ${rel} is ${b} ${unit} ${word}.`)
    ],
    question: q,
    calcs: [calc(more ? 'add' : 'sub', a, b, `${a} ${unit}, and ${b} ${unit} ${word}`, unit, 'That is')]
  };
};

export const WORKSHEET_ONE: readonly Kind[] = [
  groupsAsked,
  priceAsked,
  shareAsked,
  twoTallies,
  measureChange,
  olderTaller
];
