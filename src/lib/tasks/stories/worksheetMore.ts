/**
 * Stage 13's worksheet wordings: what the hand-written development set still got wrong after stage 12. A factor
 * read backwards ("48 is twice as many as Ben has"), three days added up, "3 to each of 12 students", a rate over
 * weeks, things combined and then packed, two things taken away. Drawn only where GenerateOptions.worksheetMore
 * asks, so older corpora draw as they did.
 */
import { calc, num, of, namedWho, sentence, subj, type Kind, type Tense } from './parts.ts';
import type { Rng } from '../../core/rng.ts';
import { plural } from './vocab.ts';

const NUMBER_WORDS = ['', '', 'two', 'three', 'four', 'five', 'six'];

/** A factor as a school problem writes it; a factor in words is listed so that checkStory knows the question says it. */
export function times(rng: Rng): { k: number; word: string; said: number[] } {
  const k = rng.int(2, 6);
  if (k === 2 && rng.chance(0.6)) return { k, word: 'twice', said: [2] };
  if (rng.chance(0.5)) return { k, word: `${k} times`, said: [] };
  return { k, word: `${NUMBER_WORDS[k] ?? k} times`, said: [k] };
}

export function gives(t: Tense): string {
  return t.has === 'had' ? 'gave' : 'gives';
}

export const PEOPLE_GROUPS = ['friends', 'students', 'children', 'neighbors', 'classmates', 'cousins'];

export const inverseTimes: Kind = ({ rng, w, noun, options }, t) => {
  const o = namedWho(rng, options, [w.name]);
  const { k, word, said } = times(rng);
  const small = rng.int(2, 25);
  const big = k * small;
  const facts = rng.chance(0.5)
    ? [sentence(`${w.name} ${t.has} ${of(big, noun)}.`), sentence(`That is ${word} as many as ${o.name} ${t.has}.`)]
    : [sentence(`${w.name} ${t.has} ${big} ${noun.many}, ${word} as many as ${o.name}.`)];
  return {
    facts,
    question: `How many ${noun.many} ${t.does} ${o.name} have?`,
    calcs: [
      calc('div', big, k, `${w.name} ${t.has} ${big}, ${word} as many as ${o.name}`, noun.many, 'Dividing gives')
    ],
    said
  };
};

export const someThenNow: Kind = ({ rng, w, noun, cat }) => {
  const d = num(rng, 2, 40);
  const now = num(rng, 2, 60);
  const gain = rng.chance(0.4);
  const verb = rng.pick(gain ? cat.gain : cat.lose);
  const end = gain ? now + d : now;
  return {
    facts: [
      sentence(`${w.name} had some ${noun.many}.`),
      sentence(`${subj(w, rng)} ${verb} ${d}${gain ? ' more' : ''} and now has ${end}.`)
    ],
    question: rng.pick([
      `How many ${noun.many} did ${w.subj} have at first?`,
      `How many ${noun.many} did ${w.name} start with?`
    ]),
    calcs: [
      gain
        ? calc('sub', end, d, `${w.name} has ${end} after getting ${d}`, `${noun.many} at first`, 'Taking back gives')
        : calc('add', end, d, `${w.name} has ${end} after ${d} went`, `${noun.many} at first`, 'Putting back gives')
    ]
  };
};

type Whens = readonly [string, string, string];
/** Times at which things can be got: not "in the first game". */
const DATES: readonly Whens[] = [
  ['on Monday', 'on Tuesday', 'on Wednesday'],
  ['in June', 'in July', 'in August']
];
const THREE_WHENS: readonly Whens[] = [
  ...DATES,
  ['in the first game', 'in the second game', 'in the third game'],
  ['in the morning', 'in the afternoon', 'in the evening']
];
const THREE_DID: readonly { did: string; thing: string }[] = [
  { did: 'walked', thing: 'km' },
  { did: 'read', thing: 'pages' },
  { did: 'scored', thing: 'points' },
  { did: 'ran', thing: 'laps' },
  { did: 'sold', thing: 'tickets' },
  { did: 'picked', thing: 'apples' },
  { did: 'saved', thing: 'dollars' }
];

export const threeTallies: Kind = ({ rng, w }) => {
  const d = rng.pick(THREE_DID);
  const [w1, w2, w3] = rng.pick(THREE_WHENS);
  const [a, b, c] = [num(rng, 2, 60), num(rng, 2, 60), num(rng, 2, 60)];
  const th = rng.chance(0.5) ? ` ${d.thing}` : '';
  return {
    facts: [sentence(`${w.name} ${d.did} ${a} ${d.thing} ${w1}, ${b}${th} ${w2} and ${c}${th} ${w3}.`)],
    question: rng.pick([
      `How many ${d.thing} did ${w.subj} ${d.did === 'read' ? 'read' : 'get'} in all?`,
      `How many ${d.thing} is that altogether?`
    ]),
    calcs: [
      calc('add', a, b, `${a} ${d.thing} ${w1} and ${b} ${w2}`, `${d.thing} in the first two`, 'Together that is'),
      calc('add', a + b, c, `${a + b} ${d.thing} and ${c} ${w3}`, `${d.thing} in all`, `Adding ${c} gives`)
    ]
  };
};

export const timesThenTotal: Kind = ({ rng, w, noun, cat }, t) => {
  const [k1, k2] = rng.pick(cat.kinds);
  const a = rng.int(2, 20);
  const { k, word, said } = times(rng);
  const more = rng.chance(0.35);
  return {
    facts: [sentence(`${w.name} ${t.has} ${a} ${k1} ${noun.many} and ${word} as many ${k2} ${noun.many}.`)],
    question: more
      ? `How many more ${k2} ${noun.many} than ${k1} ${noun.many} ${t.does} ${w.subj} have?`
      : rng.pick([
          `How many ${noun.many} ${t.does} ${w.subj} have in all?`,
          `How many ${noun.many} is that altogether?`
        ]),
    calcs: [
      calc('mul', a, k, `${word} as many as ${a}`, `${k2} ${noun.many}`, 'That is'),
      more
        ? calc('sub', a * k, a, `${a * k} ${k2} and ${a} ${k1}`, 'more', 'The difference is')
        : calc('add', a, a * k, `${a} ${k1} and ${a * k} ${k2}`, `${noun.many} in all`, 'Together that is')
    ],
    said
  };
};

export const giveEachLeft: Kind = ({ rng, w, noun }, t) => {
  const each = rng.int(2, 9);
  const k = rng.int(2, 15);
  const given = k * each;
  const total = given + rng.int(1, 60);
  const who = rng.pick(PEOPLE_GROUPS);
  return {
    facts: [
      sentence(`${w.name} ${t.has} ${of(total, noun)}.`),
      sentence(`${subj(w, rng)} ${gives(t)} ${each} ${noun.many} to each of ${w.poss} ${k} ${who}.`)
    ],
    question: rng.pick([`How many ${noun.many} ${t.does} ${w.subj} have left?`, `How many ${noun.many} are left?`]),
    calcs: [
      calc('mul', k, each, `${each} to each of ${k} ${who}`, `${noun.many} given away`, 'That is'),
      calc('sub', total, given, `${total} ${noun.many} and ${given} given away`, `${noun.many} are left`, 'That leaves')
    ]
  };
};

/** A start, then the same change each day or week: [fact, change, question, whether it adds]. */
const RATES: readonly ((a: number, r: number, n: number, name: string) => [string, string, string, boolean])[] = [
  (a, r, n, name) => [
    `A book has ${a} pages.`,
    `${name} reads ${r} pages each day for ${n} days.`,
    'How many pages are left to read?',
    false
  ],
  (a, r, n) => [
    `A plant was ${a} cm tall.`,
    `It grew ${r} cm each week for ${n} weeks.`,
    'How tall is the plant now?',
    true
  ],
  (a, r, n, name) => [
    `${name} has $${a}.`,
    `${name} saves $${r} each week for ${n} weeks.`,
    'How much money will there be then?',
    true
  ],
  (a, r, n) => [
    `A tank holds ${a} liters of water.`,
    `${r} liters leak out every hour for ${n} hours.`,
    'How many liters are left?',
    false
  ],
  (a, r, n) => [
    `A shop had ${a} loaves of bread.`,
    `It sold ${r} loaves every hour for ${n} hours.`,
    'How many loaves are left?',
    false
  ],
  (a, r, n, name) => [
    `${name} had ${a} stamps.`,
    `${name} bought ${r} more each month for ${n} months.`,
    'How many stamps are there now?',
    true
  ]
];

export const rateOverTime: Kind = ({ rng, w }) => {
  const r = rng.int(2, 15);
  const n = rng.int(2, 9);
  const adds = rng.pick(RATES);
  const a = num(rng, 10, 200) + r * n;
  const [fact, change, question, add] = adds(a, r, n, w.name);
  return {
    facts: [sentence(fact), sentence(change)],
    question,
    calcs: [
      calc('mul', r, n, `${r} each time for ${n} times`, 'in all', 'The change is'),
      add
        ? calc('add', a, r * n, `${a} at first and ${r * n} more`, 'now', 'Adding gives')
        : calc('sub', a, r * n, `${a} at first and ${r * n} less`, 'are left', 'Taking away leaves')
    ]
  };
};

export const combineThenGroup: Kind = ({ rng, w, noun, cat }) => {
  const g = rng.int(2, 10);
  const total = g * rng.int(2, 15);
  const a = rng.int(1, total - 1);
  const verb = rng.pick(cat.gain);
  const [w1, w2] = rng.pick(DATES);
  const box = rng.pick(cat.containers);
  const pack = rng.chance(0.5);
  return {
    facts: [
      sentence(`${w.name} ${verb} ${a} ${noun.many} ${w1} and ${total - a} ${w2}.`),
      sentence(
        pack
          ? `${subj(w, rng)} put them in ${plural(box)} of ${g}.`
          : `${subj(w, rng)} shared them equally among ${g} friends.`
      )
    ],
    question: pack ? `How many ${plural(box)} did ${w.subj} fill?` : `How many ${noun.many} did each friend get?`,
    calcs: [
      calc('add', a, total - a, `${a} ${noun.many} and ${total - a} more`, `${noun.many} in all`, 'Together that is'),
      pack
        ? calc('div', total, g, `${total} ${noun.many} in ${plural(box)} of ${g}`, plural(box), 'That fills')
        : calc('div', total, g, `${total} ${noun.many} shared by ${g}`, 'each', 'Each gets')
    ]
  };
};

export const twoRemovals: Kind = ({ rng, w, noun, cat }, t) => {
  const [v1, v2] = rng.shuffle([...cat.lose]);
  const b = num(rng, 2, 40);
  const c = num(rng, 2, 40);
  const a = b + c + num(rng, 1, 60);
  const first = rng.chance(0.5);
  return {
    facts: [
      sentence(`${w.name} ${t.has} ${of(a, noun)}.`),
      sentence(`${subj(w, rng)} ${v1 ?? 'used'} ${b} and ${v2 ?? 'lost'} ${c}.`)
    ],
    question: rng.pick([`How many ${noun.many} ${t.does} ${w.subj} have left?`, `How many ${noun.many} are left?`]),
    calcs: first
      ? [
          calc('sub', a, b, `${a} ${noun.many} and ${b} ${v1 ?? 'used'}`, 'were left', `Taking away ${b} leaves`),
          calc('sub', a - b, c, `${a - b} and ${c} ${v2 ?? 'lost'}`, `${noun.many} are left`, `Taking away ${c} leaves`)
        ]
      : [
          calc('add', b, c, `${b} ${v1 ?? 'used'} and ${c} ${v2 ?? 'lost'}`, `${noun.many} gone`, 'Together that is'),
          calc('sub', a, b + c, `${a} ${noun.many} and ${b + c} gone`, `${noun.many} are left`, 'That leaves')
        ]
  };
};

export const groupsFromTotal: Kind = ({ rng, w, noun, cat }, t) => {
  const g = rng.int(2, 9);
  const p = rng.int(2, 12);
  const total = g * p + num(rng, 1, 50);
  const box = rng.pick(cat.containers);
  return {
    facts: [
      sentence(`${w.name} ${t.has} ${of(total, noun)}.`),
      sentence(`${subj(w, rng)} filled ${g} ${plural(box)} with ${p} ${noun.many} each.`)
    ],
    question: rng.pick([`How many ${noun.many} are not in a ${box}?`, `How many ${noun.many} are left over?`]),
    calcs: [
      calc('mul', g, p, `${g} ${plural(box)} of ${p}`, `${noun.many} in ${plural(box)}`, 'That is'),
      calc('sub', total, g * p, `${total} ${noun.many} and ${g * p} in ${plural(box)}`, 'left over', 'That leaves')
    ]
  };
};

export const MORE_ONE: readonly Kind[] = [inverseTimes, someThenNow];
export const MORE_TWO: readonly Kind[] = [
  threeTallies,
  timesThenTotal,
  giveEachLeft,
  rateOverTime,
  combineThenGroup,
  twoRemovals,
  groupsFromTotal
];
