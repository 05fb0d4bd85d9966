/**
 * Stage 14's worksheet wordings: what the hand-written development set still got wrong after stage 13. A unit stated
 * before the count ("There are 4 wheels on a car. How many wheels are on 15 cars?"), two prices together, "times as
 * much" asked alone, how much more is needed to reach a goal, rows full and seats empty, groups written in words,
 * a share then some used from each, two priced purchases. Drawn only where GenerateOptions.worksheetWide asks.
 */
import { calc, money, num, of, sentence, subj, type Kind, type Who } from './parts.ts';
import { plural } from './vocab.ts';
import { times } from './worksheetMore.ts';

const COUNT_WORDS = ['', '', 'Two', 'Three', 'Four', 'Five', 'Six'];

/** "a pen", "an apricot": the article by spelling, which is right for nearly every noun the teacher has. */
export function an(word: string): string {
  return `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
}

/** Things with a fixed count of parts: [part, whole, parts in one whole, where the parts are]. */
const UNITS: readonly (readonly [string, string, number, string])[] = [
  ['wheels', 'car', 4, 'on'],
  ['wheels', 'bike', 2, 'on'],
  ['wheels', 'tricycle', 3, 'on'],
  ['legs', 'spider', 8, 'on'],
  ['legs', 'dog', 4, 'on'],
  ['legs', 'chair', 4, 'on'],
  ['days', 'week', 7, 'in'],
  ['sides', 'square', 4, 'on'],
  ['sides', 'triangle', 3, 'on'],
  ['eggs', 'carton', 12, 'in'],
  ['players', 'team', 11, 'on']
];

export const unitFirst: Kind = ({ rng, noun, cat }) => {
  const n = rng.int(2, 25);
  if (rng.chance(0.4)) {
    const [part, whole, k, at] = rng.pick(UNITS);
    return {
      facts: [sentence(`There are ${k} ${part} ${at} a ${whole}.`)],
      question: `How many ${part} are ${at} ${n} ${plural(whole)}?`,
      calcs: [calc('mul', n, k, `${n} ${plural(whole)} with ${k} ${part} each`, part, 'That is')],
      said: []
    };
  }
  const box = rng.pick(cat.containers);
  const k = rng.int(2, 15);
  const fact = rng.pick([
    `${an(box)} holds ${k} ${noun.many}.`,
    `Each ${box} has ${k} ${noun.many} in it.`,
    `There are ${k} ${noun.many} in one ${box}.`
  ]);
  return {
    facts: [sentence(fact)],
    question: rng.pick([
      `How many ${noun.many} are in ${n} ${plural(box)}?`,
      `How many ${noun.many} are there in ${n} ${plural(box)}?`
    ]),
    calcs: [calc('mul', n, k, `${n} ${plural(box)} of ${k}`, noun.many, 'That is')]
  };
};

export const pricesTogether: Kind = ({ rng, noun, cat }) => {
  if (!cat.buyable) return null;
  const other = rng.pick(cat.nouns.filter((x) => x !== noun));
  if (other === undefined) return null;
  const a = num(rng, 2, 40);
  const b = rng.int(1, Math.max(1, a - 1));
  const more = rng.chance(0.4);
  return {
    facts: [sentence(`${an(noun.one)} costs ${money(a, rng)} and ${an(other.one)} costs ${money(b, rng)}.`)],
    question: more
      ? `How much more does the ${noun.one} cost than the ${other.one}?`
      : rng.pick(['How much do they cost together?', `How much for ${an(noun.one)} and ${an(other.one)}?`]),
    calcs: [
      more
        ? calc(
            'sub',
            a,
            b,
            `$${a} for the ${noun.one} and $${b} for the ${other.one}`,
            'dollars more',
            'The difference is'
          )
        : calc('add', a, b, `$${a} for the ${noun.one} and $${b} for the ${other.one}`, 'dollars', 'Together that is')
    ]
  };
};

export const timesAsMuch: Kind = ({ rng, noun, cat, w }, t) => {
  const other = rng.pick(cat.nouns.filter((x) => x !== noun));
  if (other === undefined) return null;
  const { k, word, said } = times(rng);
  const a = rng.int(2, 30);
  const priced = cat.buyable && rng.chance(0.5);
  return priced
    ? {
        facts: [
          sentence(`${an(noun.one)} costs ${money(a, rng)}.`),
          sentence(`${an(other.one)} costs ${word} as much.`)
        ],
        question: `How much does the ${other.one} cost?`,
        calcs: [calc('mul', k, a, `${word} as much as $${a}`, 'dollars', 'That is')],
        said
      }
    : {
        facts: [
          sentence(`${w.name} ${t.has} ${of(a, noun)}.`),
          sentence(`${subj(w, rng)} ${t.has} ${word} as many ${other.many}.`)
        ],
        question: `How many ${other.many} ${t.does} ${w.subj} have?`,
        calcs: [calc('mul', k, a, `${word} as many as ${a}`, other.many, 'That is')],
        said
      };
};

/** A goal and what is there so far: [what there is, the goal, question, unit]. */
const GOALS: readonly ((a: number, b: number, c: number, w: Who) => [string, string, string, string])[] = [
  (a, b, c, w) => [
    `${w.name} had $${a} and an aunt gave ${w.obj} $${b}.`,
    `${w.subj} wants a game that costs $${c}.`,
    'How much more money is needed?',
    'dollars'
  ],
  (a, b, c) => [
    `A tank holds ${c} liters. It has ${a} liters in it.`,
    `Then ${b} liters are added.`,
    'How many more liters will fill the tank?',
    'liters'
  ],
  (a, b, c, w) => [
    `${w.name} has ${a} stickers and gets ${b} more.`,
    `The album has room for ${c} stickers.`,
    'How many more stickers are needed to fill the album?',
    'stickers'
  ],
  (a, b, c, w) => [
    `${w.name} read ${a} pages yesterday and ${b} pages today.`,
    `The book has ${c} pages.`,
    'How many pages are left to read?',
    'pages'
  ],
  (a, b, c) => [
    `A bus has ${c} seats. ${a} people got on at the first stop and ${b} at the second.`,
    '',
    'How many seats are still empty?',
    'seats'
  ]
];

export const needMore: Kind = ({ rng, w }) => {
  const a = num(rng, 2, 60);
  const b = num(rng, 2, 40);
  const c = a + b + num(rng, 1, 60);
  const [had, got, question, unit] = rng.pick(GOALS)(a, b, c, w);
  return {
    facts: [sentence(had), ...(got ? [sentence(got)] : [])],
    question,
    calcs: [
      calc('add', a, b, `${a} and ${b} more`, `${unit} so far`, 'Together that is'),
      calc('sub', c, a + b, `${c} needed and ${a + b} so far`, `${unit} more`, 'That leaves')
    ]
  };
};

const ROOMS: readonly { room: string; seats: string; full: string; empty: string }[] = [
  { room: 'hall', seats: 'seats', full: 'are full', empty: 'seats are empty' },
  { room: 'theater', seats: 'seats', full: 'are taken', empty: 'seats are empty' },
  { room: 'garden', seats: 'plants', full: 'are planted', empty: 'plants are still to plant' },
  { room: 'parking lot', seats: 'spaces', full: 'are full', empty: 'spaces are free' }
];

export const rowsFull: Kind = ({ rng }) => {
  const r = rng.pick(ROOMS);
  const g = rng.int(2, 12);
  const p = rng.int(3, 20);
  const total = g * p + num(rng, 1, 80);
  const asked = r.empty.split(' ').slice(1).join(' ');
  return {
    facts: [
      sentence(`There are ${total} ${r.seats} in the ${r.room}.`),
      sentence(`${g} rows of ${p} ${r.seats} ${r.full}.`)
    ],
    question: `How many ${r.seats} ${asked}?`,
    calcs: [
      calc('mul', g, p, `${g} rows of ${p}`, `${r.seats} ${r.full.replace(/^are /, '')}`, 'That is'),
      calc('sub', total, g * p, `${total} ${r.seats} and ${g * p} of them`, r.empty, 'That leaves')
    ]
  };
};

export const wordGroupsRemove: Kind = ({ rng, w, noun, cat }) => {
  const g = rng.int(2, 6);
  const p = rng.int(5, 50);
  const d = rng.int(1, g * p - 1);
  const box = rng.pick(cat.containers);
  const gone = rng.pick(cat.lose);
  const word = COUNT_WORDS[g] ?? String(g);
  return {
    facts: [
      sentence(`${word} ${plural(box)} hold ${p} ${noun.many} each.`),
      sentence(`${w.name} ${gone} ${d} of them.`)
    ],
    question: rng.pick([`How many ${noun.many} are left?`, `How many ${noun.many} are there now?`]),
    calcs: [
      calc('mul', g, p, `${word.toLowerCase()} ${plural(box)} of ${p}`, noun.many, 'There are'),
      calc(
        'sub',
        g * p,
        d,
        `${g * p} ${noun.many} and ${d} ${gone}`,
        `${noun.many} are left`,
        `Taking away ${d} leaves`
      )
    ],
    said: [g]
  };
};

export const shareThenUse: Kind = ({ rng, noun, cat }) => {
  const k = rng.int(2, 8);
  const each = rng.int(3, 15);
  const used = rng.int(1, each - 1);
  const total = k * each;
  const box = rng.pick(cat.containers);
  const who = rng.pick(['families', 'friends', 'classes', 'teams', 'tables']);
  const verb = rng.pick(cat.lose);
  return {
    facts: [
      sentence(`${an(box)} of ${total} ${noun.many} is shared equally by ${k} ${who}.`),
      sentence(`Each of them ${verb} ${used} of their share.`)
    ],
    question: `How many ${noun.many} does each have left?`,
    calcs: [
      calc('div', total, k, `${total} ${noun.many} shared by ${k}`, 'each', 'Each gets'),
      calc('sub', each, used, `${each} each and ${used} ${verb}`, `${noun.many} are left`, 'That leaves')
    ]
  };
};

export const twoPurchases: Kind = ({ rng, w, noun, cat }) => {
  if (!cat.buyable) return null;
  const other = rng.pick(cat.nouns.filter((x) => x !== noun));
  if (other === undefined) return null;
  const [n1, p1, n2, p2] = [rng.int(2, 9), rng.int(2, 15), rng.int(2, 9), rng.int(2, 15)];
  const more = n1 * p1 > n2 * p2 && rng.chance(0.4);
  return {
    facts: [
      sentence(
        `${w.name} bought ${of(n1, noun)} at ${money(p1, rng)} each and ${of(n2, other)} at ${money(p2, rng)} each.`
      )
    ],
    question: more
      ? `How much more did ${w.subj} spend on the ${noun.many} than on the ${other.many}?`
      : rng.pick([`How much did ${w.subj} spend in all?`, 'How much money was spent altogether?']),
    calcs: [
      calc('mul', n1, p1, `${n1} ${noun.many} at $${p1} each`, `dollars for the ${noun.many}`, 'That is'),
      calc('mul', n2, p2, `${n2} ${other.many} at $${p2} each`, `dollars for the ${other.many}`, 'That is'),
      more
        ? calc('sub', n1 * p1, n2 * p2, `$${n1 * p1} and $${n2 * p2}`, 'dollars more', 'The difference is')
        : calc('add', n1 * p1, n2 * p2, `$${n1 * p1} and $${n2 * p2}`, 'dollars in all', 'Together that is')
    ]
  };
};

export const makeLoseShare: Kind = ({ rng, w, noun, cat }) => {
  if (!cat.buyable) return null;
  const r = rng.int(2, 30);
  const n = rng.int(2, 9);
  const made = r * n;
  const k = rng.int(2, 6);
  const d = (made % k) + k * rng.int(0, 3);
  if (d <= 0 || d >= made) return null;
  const verb = rng.pick(cat.lose);
  const [per, units] = rng.pick([
    ['an hour', 'hours'],
    ['a day', 'days'],
    ['a minute', 'minutes']
  ]);
  return {
    facts: [
      sentence(`${w.name} made ${r} ${noun.many} ${per} for ${n} ${units}.`),
      sentence(`${subj(w, rng)} ${verb} ${d} of them and shared the rest equally among ${k} friends.`)
    ],
    question: 'How many did each friend get?',
    calcs: [
      calc('mul', r, n, `${r} ${per} for ${n} ${units}`, `${noun.many} made`, 'That is'),
      calc('sub', made, d, `${made} made and ${d} ${verb}`, 'are left', `Taking away ${d} leaves`),
      calc('div', made - d, k, `${made - d} shared by ${k} friends`, 'each', 'Each gets')
    ]
  };
};

export const WIDE_ONE: readonly Kind[] = [unitFirst, pricesTogether, timesAsMuch];
export const WIDE_TWO: readonly Kind[] = [needMore, rowsFull, wordGroupsRemove, shareThenUse];
export const WIDE_THREE: readonly Kind[] = [twoPurchases, makeLoseShare];
