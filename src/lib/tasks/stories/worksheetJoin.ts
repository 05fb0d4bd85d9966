/**
 * Stage 15's worksheet wordings: what the hand-written development set still got wrong after stage 14. Two changes
 * joined in one sentence ("She bought 12 more and then gave 9 to her sister"), where the student stopped after the
 * first; kinds put together and then some taken; groups pooled and then changed; a rate towards a goal; a part of
 * an age and then years on; groups shared out; full bags and some left over; several of one price and one of
 * another; change from a payment; rows of seats with no-shows. Drawn only where GenerateOptions.worksheetJoin asks.
 */
import { calc, money, namedWho, num, of, sentence, subj, type Kind } from './parts.ts';
import { plural } from './vocab.ts';
import { times } from './worksheetMore.ts';
import { an } from './worksheetWide.ts';

/** Verbs that read well before a bare count ("gave away 9"), not those that carry their own object. */
function bare(verbs: readonly string[]): string[] {
  return verbs.filter((v) => !/ (to|for|home)\b/.test(v) && !v.startsWith('was '));
}

const PERIODS: readonly (readonly [string, string])[] = [
  ['on Monday', 'on Tuesday'],
  ['in the morning', 'in the afternoon'],
  ['in the first hour', 'in the second hour'],
  ['last week', 'this week'],
  ['before lunch', 'after lunch']
];

export const onPlates: Kind = ({ rng, w, noun, cat }) => {
  const k = rng.int(2, 9);
  const each = rng.int(2, 15);
  const box = rng.pick(cat.containers);
  const got = rng.pick(bare(cat.gain));
  return {
    facts: rng.chance(0.5)
      ? [
          sentence(
            `${w.name} ${got} ${each * k} ${noun.many} and put them in ${k} ${plural(box)}, the same number in each.`
          )
        ]
      : [
          sentence(`${w.name} ${got} ${each * k} ${noun.many}.`),
          sentence(`${subj(w, rng)} put them into ${k} ${plural(box)} equally.`)
        ],
    question: `How many ${noun.many} are in each ${box}?`,
    calcs: [calc('div', each * k, k, `${each * k} ${noun.many} in ${k} ${plural(box)}`, 'in each', 'Each has')]
  };
};

export const joinedChanges: Kind = ({ rng, w, noun, cat }, t) => {
  const a = num(rng, 10, 90);
  const [gain, lose] = [rng.pick(bare(cat.gain)), rng.pick(bare(cat.lose))];
  const r = rng.next();
  const who = subj(w, rng);
  const start = sentence(`${w.name} ${t.has} ${of(a, noun)}.`);
  const question = rng.pick([
    `How many ${noun.many} does ${w.subj} have now?`,
    `How many ${noun.many} ${t.does} ${w.subj} have in the end?`
  ]);
  if (r < 0.35) {
    const b = num(rng, 2, 40);
    const c = rng.int(1, a + b - 1);
    return {
      facts: [start, sentence(`${who} ${gain} ${b} more and then ${lose} ${c}.`)],
      question,
      calcs: [
        calc('add', a, b, `${a} ${noun.many} and ${b} more`, noun.many, `Adding ${b} gives`),
        calc('sub', a + b, c, `${a + b} and ${c} ${lose}`, `${noun.many} are left`, `Taking away ${c} leaves`)
      ]
    };
  }
  const [p1, p2] = rng.pick(PERIODS);
  if (r < 0.7) {
    const b = rng.int(1, a - 2);
    const c = rng.int(1, a - b - 1);
    return {
      facts: [start, sentence(`${who} ${lose} ${b} ${p1} and ${c} ${p2}.`)],
      question: rng.chance(0.5) ? question : `How many ${noun.many} are left?`,
      calcs: [
        calc('sub', a, b, `${a} ${noun.many} and ${b} ${lose} ${p1}`, 'are left', `Taking away ${b} leaves`),
        calc('sub', a - b, c, `${a - b} and ${c} ${p2}`, `${noun.many} are left`, `Taking away ${c} leaves`)
      ]
    };
  }
  const b = rng.int(1, a - 1);
  const c = num(rng, 2, 40);
  return {
    facts: [start, sentence(`${who} ${lose} ${b} ${p1} and then ${gain} ${c} more ${p2}.`)],
    question,
    calcs: [
      calc('sub', a, b, `${a} ${noun.many} and ${b} ${lose}`, 'are left', `Taking away ${b} leaves`),
      calc('add', a - b, c, `${a - b} and ${c} more`, noun.many, `Adding ${c} gives`)
    ]
  };
};

export const kindsThenTaken: Kind = ({ rng, noun, cat }, t) => {
  const [k1, k2] = rng.pick(cat.kinds);
  const box = rng.pick(cat.containers);
  const [a, b] = [num(rng, 2, 40), num(rng, 2, 40)];
  const c = rng.int(1, a + b - 1);
  return {
    facts: [
      sentence(`There ${t.are} ${a} ${k1} ${noun.many} and ${b} ${k2} ${noun.many} in ${an(box)}.`),
      sentence(rng.pick([`${c} ${noun.many} are taken out.`, `${c} of them are taken away.`]))
    ],
    question: `How many ${noun.many} are in the ${box} now?`,
    calcs: [
      calc('add', a, b, `${a} ${k1} and ${b} ${k2}`, `${noun.many} in all`, 'Together that is'),
      calc('sub', a + b, c, `${a + b} and ${c} taken`, `${noun.many} are left`, `Taking away ${c} leaves`)
    ]
  };
};

export const pooledThenChanged: Kind = ({ rng, noun, cat }) => {
  const k = rng.int(2, 8);
  const each = rng.int(2, 15);
  const box = rng.pick(cat.containers);
  const add = rng.chance(0.35);
  const d = add ? num(rng, 2, 30) : rng.int(1, k * each - 1);
  const group = rng.pick(['friends', 'children', 'students', 'cousins']);
  const then = add ? `then add ${d} more` : `then take out ${d}`;
  return {
    facts: [
      sentence(`Each of ${k} ${group} has ${of(each, noun)}.`),
      sentence(`They put all the ${noun.many} in one ${box} and ${then}.`)
    ],
    question: `How many ${noun.many} are in the ${box}?`,
    calcs: [
      calc('mul', k, each, `${k} ${group} with ${each} each`, noun.many, 'There are'),
      add
        ? calc('add', k * each, d, `${k * each} and ${d} more`, noun.many, `Adding ${d} gives`)
        : calc('sub', k * each, d, `${k * each} and ${d} taken out`, `${noun.many} are left`, `Taking ${d} leaves`)
    ]
  };
};

/** A rate towards a goal, with the rate as the rationale quotes it. */
type RateGoal = readonly [rate: string, goal: string, question: string, unit: string, quote: string];
const RATE_GOALS: readonly ((r: number, n: number, goal: number, name: string) => RateGoal)[] = [
  (r, n, goal, name) => [
    `${name} read ${r} pages each day for ${n} days.`,
    `The book has ${goal} pages.`,
    'How many pages are left to read?',
    'pages',
    `${r} pages a day for ${n} days`
  ],
  (r, n, goal, name) => [
    `${name} saved $${r} each week for ${n} weeks.`,
    `A bike costs $${goal}.`,
    'How much more money is needed for the bike?',
    'dollars',
    `$${r} a week for ${n} weeks`
  ],
  (r, n, goal, name) => [
    `A farmer plants ${r} trees a day for ${n} days.`,
    `${name} wants ${goal} trees planted.`,
    'How many more trees must be planted?',
    'trees',
    `${r} trees a day for ${n} days`
  ],
  (r, n, goal) => [
    `A team needs ${goal} points.`,
    `It scores ${r} points a game for ${n} games.`,
    'How many more points does it need?',
    'points',
    `${r} points a game for ${n} games`
  ]
];

export const rateToGoal: Kind = ({ rng, w }) => {
  const r = rng.int(2, 30);
  const n = rng.int(2, 9);
  const goal = r * n + num(rng, 1, 80);
  const [rate, has, question, unit, quote] = rng.pick(RATE_GOALS)(r, n, goal, w.name);
  return {
    facts: [sentence(rate), sentence(has)],
    question,
    calcs: [
      calc('mul', r, n, quote, `${unit} so far`, 'That is'),
      calc('sub', goal, r * n, `${goal} in all and ${r * n} so far`, `${unit} are left`, 'That leaves')
    ]
  };
};

const PARTS: readonly (readonly [string, number])[] = [
  ['half', 2],
  ['one third', 3],
  ['one quarter', 4],
  ['one fifth', 5]
];

export const partOfAge: Kind = ({ rng, options }) => {
  // A person: the category's owner ("the class") has no age.
  const w = namedWho(rng, options);
  const [part, k] = rng.pick(PARTS);
  const young = rng.int(2, 16);
  const elder = rng.pick(['mom', 'dad', 'aunt', 'uncle', 'grandma', 'grandpa']);
  const later = rng.chance(0.6);
  const y = later ? rng.int(1, 20) : rng.int(1, young - 1);
  return {
    facts: [sentence(`${w.name}'s ${elder} is ${young * k}.`), sentence(`${w.name} is ${part} of that age.`)],
    question: later ? `How old will ${w.name} be in ${y} years?` : `How old was ${w.name} ${y} years ago?`,
    calcs: [
      calc('div', young * k, k, `${part} of ${young * k}`, `years old now`, `${w.name} is`),
      later
        ? calc('add', young, y, `${young} now and ${y} years on`, 'years old', 'That makes')
        : calc('sub', young, y, `${young} now and ${y} years before`, 'years old', 'That makes')
    ],
    said: [k]
  };
};

export const groupsShared: Kind = ({ rng, noun, cat }) => {
  const g = rng.int(2, 9);
  const k = rng.int(2, 8);
  const per = k * rng.int(1, 6);
  const box = rng.pick(cat.containers);
  const who = rng.pick(['classes', 'teams', 'tables', 'families', 'friends']);
  if ((g * per) % k !== 0) return null;
  return {
    facts: [
      sentence(`A school bought ${g} ${plural(box)} of ${per} ${noun.many}.`),
      sentence(`Each of ${k} ${who} gets the same number.`)
    ],
    question: `How many ${noun.many} does each of the ${who} get?`,
    calcs: [
      calc('mul', g, per, `${g} ${plural(box)} of ${per}`, noun.many, 'There are'),
      calc('div', g * per, k, `${g * per} shared by ${k} ${who}`, 'each', 'Each gets')
    ]
  };
};

export const fullAndLeft: Kind = ({ rng, w, noun, cat }) => {
  const box = rng.pick(cat.containers);
  const per = rng.int(2, 12);
  const g = rng.int(2, 12);
  const left = rng.int(1, per - 1);
  return {
    facts: [
      sentence(`Each ${box} holds ${of(per, noun)}.`),
      sentence(`${w.name} fills ${g} ${plural(box)} and has ${left} ${noun.many} left over.`)
    ],
    question: `How many ${noun.many} did ${w.subj} have?`,
    calcs: [
      calc('mul', g, per, `${g} ${plural(box)} of ${per}`, `${noun.many} in the ${plural(box)}`, 'That is'),
      calc('add', g * per, left, `${g * per} and ${left} left over`, `${noun.many} in all`, 'Together that is')
    ]
  };
};

export const manyAndOne: Kind = ({ rng, noun, cat }) => {
  if (!cat.buyable) return null;
  const other = rng.pick(cat.nouns.filter((x) => x !== noun));
  if (other === undefined) return null;
  const [a, b, n] = [rng.int(2, 20), rng.int(1, 15), rng.int(2, 9)];
  return {
    facts: [sentence(`${an(noun.one)} costs ${money(a, rng)} and ${an(other.one)} costs ${money(b, rng)}.`)],
    question: `How much do ${n} ${noun.many} and one ${other.one} cost?`,
    calcs: [
      calc('mul', n, a, `${n} ${noun.many} at $${a}`, `dollars for the ${noun.many}`, 'That is'),
      calc('add', n * a, b, `$${n * a} and $${b} for the ${other.one}`, 'dollars in all', 'Together that is')
    ]
  };
};

export const payForChange: Kind = ({ rng, w, noun, cat }) => {
  if (!cat.buyable) return null;
  // At most 9 × 11 = 99, so a $100 bill always covers it.
  const [n, p] = [rng.int(2, 9), rng.int(1, 11)];
  const paid = rng.pick([10, 20, 50, 100].filter((x) => x > n * p));
  return {
    facts: [sentence(`${w.name} buys ${of(n, noun)} at ${money(p, rng)} each and pays with a $${paid} bill.`)],
    question: rng.pick([`How much change does ${w.subj} get?`, 'How much change is there?']),
    calcs: [
      calc('mul', n, p, `${n} ${noun.many} at $${p} each`, 'dollars', 'That is'),
      calc('sub', paid, n * p, `$${paid} paid and $${n * p} spent`, 'dollars in change', 'The change is')
    ]
  };
};

export const timesThenSpent: Kind = ({ rng, w, noun, cat, options }, t) => {
  const { k, word, said } = times(rng);
  const a = rng.int(2, 25);
  const other = namedWho(rng, options, [w.name]).name;
  const d = rng.int(1, k * a - 1);
  const lose = rng.pick(bare(cat.lose));
  return {
    facts: [
      sentence(`${w.name} ${t.has} ${word} as many ${noun.many} as ${other}.`),
      sentence(`${other} ${t.has} ${of(a, noun)}.`),
      sentence(`${subj(w, rng)} ${lose} ${d} of them.`)
    ],
    question: `How many ${noun.many} does ${w.name} have now?`,
    calcs: [
      calc('mul', k, a, `${word} as many as ${a}`, noun.many, 'That is'),
      calc('sub', k * a, d, `${k * a} and ${d} ${lose}`, `${noun.many} are left`, `Taking away ${d} leaves`)
    ],
    said
  };
};

export const groupsTakeReturn: Kind = ({ rng, noun, cat }) => {
  const g = rng.int(2, 8);
  const p = rng.int(5, 30);
  const took = rng.int(2, g * p - 1);
  const back = rng.int(1, took);
  const place = rng.pick(['shelves', 'tables', 'carts', 'racks']);
  const box = rng.pick(cat.containers);
  const onShelf = rng.chance(0.5);
  const where = onShelf ? place : plural(box);
  return {
    facts: [
      sentence(`There are ${g} ${where} with ${p} ${noun.many} ${onShelf ? 'on each' : 'in each'}.`),
      sentence(`Kids took ${took} ${noun.many} and returned ${back}.`)
    ],
    question: `How many ${noun.many} are ${onShelf ? 'on' : 'in'} the ${where} now?`,
    calcs: [
      calc('mul', g, p, `${g} ${where} of ${p}`, noun.many, 'There are'),
      calc('sub', g * p, took, `${g * p} and ${took} taken`, 'are left', `Taking away ${took} leaves`),
      calc(
        'add',
        g * p - took,
        back,
        `${g * p - took} and ${back} returned`,
        `${noun.many} now`,
        `Adding ${back} gives`
      )
    ]
  };
};

export const seatsNoShow: Kind = ({ rng }) => {
  const rows = rng.int(3, 20);
  const per = rng.int(5, 25);
  const seats = rows * per;
  const sold = rng.int(Math.ceil(seats / 2), seats);
  const away = rng.int(1, Math.min(30, sold - 1));
  const room = rng.pick(['theater', 'hall', 'stadium section', 'cinema']);
  return {
    facts: [
      sentence(`A ${room} has ${rows} rows of ${per} seats.`),
      sentence(`${sold} tickets were sold, but ${away} people did not come.`)
    ],
    question: 'How many seats were empty?',
    calcs: [
      calc('mul', rows, per, `${rows} rows of ${per} seats`, 'seats', 'There are'),
      calc('sub', sold, away, `${sold} tickets and ${away} did not come`, 'people came', 'That leaves'),
      calc('sub', seats, sold - away, `${seats} seats and ${sold - away} people`, 'seats were empty', 'That leaves')
    ]
  };
};

export const leakThenFill: Kind = ({ rng }) => {
  const [thing, unit, out] = rng.pick([
    ['pool', 'liters', 'leak out'],
    ['tank', 'gallons', 'are used'],
    ['barrel', 'liters', 'spill']
  ] as const);
  const start = rng.int(50, 500);
  const d = rng.int(1, start - 1);
  const k = rng.int(2, 6);
  const per = rng.int(2, 20);
  const pail = rng.pick(['buckets', 'jugs', 'cans']);
  return {
    facts: [
      sentence(`A ${thing} has ${start} ${unit} of water.`),
      sentence(`${d} ${unit} ${out} and then ${k} ${pail} of ${per} ${unit} are added.`)
    ],
    question: `How many ${unit} are in the ${thing} now?`,
    calcs: [
      calc('sub', start, d, `${start} ${unit} and ${d} gone`, `${unit} are left`, `Taking away ${d} leaves`),
      calc('mul', k, per, `${k} ${pail} of ${per}`, `${unit} added`, 'That is'),
      calc('add', start - d, k * per, `${start - d} and ${k * per} added`, unit, 'Together that is')
    ]
  };
};

export const JOIN_ONE: readonly Kind[] = [onPlates];
export const JOIN_TWO: readonly Kind[] = [
  joinedChanges,
  joinedChanges,
  kindsThenTaken,
  pooledThenChanged,
  rateToGoal,
  partOfAge,
  groupsShared,
  fullAndLeft,
  manyAndOne,
  payForChange,
  timesThenSpent
];
export const JOIN_THREE: readonly Kind[] = [groupsTakeReturn, seatsNoShow, leakThenFill];
