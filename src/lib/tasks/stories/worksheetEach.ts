/**
 * Stage 16's worksheet wordings: what the second hand-written development set still got wrong after stage 15.
 * Equal groups told as people at each table (read as a sum), how many containers a count fills, a rate over a week,
 * a part and the whole with the other part asked, "and her 3 friends" (one more than the number written), hours on
 * two days at one pay, two people taking from one whole, done so far then more, vans needed with some left over,
 * a cost split among friends, filling at a rate, earnings on several days then spent, and two sizes of groups.
 * Drawn only where GenerateOptions.worksheetEach asks.
 */
import { calc, money, namedWho, num, of, sentence, subj, type Kind } from './parts.ts';
import { plural } from './vocab.ts';
import { PEOPLE_GROUPS } from './worksheetMore.ts';
import { an } from './worksheetWide.ts';

const SEATS: readonly (readonly [place: string, verb: string, at: string])[] = [
  ['tables', 'sit', 'at each table'],
  ['rows', 'stand', 'in each row'],
  ['cars', 'ride', 'in each car'],
  ['teams', 'play', 'on each team'],
  ['tents', 'sleep', 'in each tent'],
  ['boats', 'sit', 'in each boat']
];

export const atEach: Kind = ({ rng, noun, cat }) => {
  const g = rng.int(2, 12);
  const p = rng.int(2, 12);
  if (rng.chance(0.5)) {
    const [place, verb, at] = rng.pick(SEATS);
    const group = rng.pick(PEOPLE_GROUPS);
    return {
      facts: [sentence(`There are ${g} ${place} and ${p} ${group} ${verb} ${at}.`)],
      question: rng.pick([`How many ${group} are there?`, `How many ${group} are there in all?`]),
      calcs: [calc('mul', g, p, `${g} ${place} with ${p} ${at}`, group, 'That is')]
    };
  }
  const box = rng.pick(cat.containers);
  return {
    facts: [sentence(`${rng.pick(['Mom', 'The teacher', 'A clerk'])} has ${g} ${plural(box)}.`)],
    question: `${p} ${noun.many} are put in each ${box}. How many ${noun.many} are there?`,
    calcs: [calc('mul', g, p, `${g} ${plural(box)} with ${p} in each`, noun.many, 'That is')]
  };
};

export const howManyFilled: Kind = ({ rng, noun, cat, w }) => {
  const box = rng.pick(cat.containers);
  const per = rng.int(2, 12);
  const n = rng.int(2, 12);
  return {
    facts: [sentence(`${w.name} has ${of(per * n, noun)}.`), sentence(`${an(box)} holds ${per} ${noun.many}.`)],
    question: rng.pick([
      `How many ${plural(box)} can be filled?`,
      `How many ${plural(box)} does ${w.subj} need?`,
      `How many ${plural(box)} will ${w.subj} fill?`
    ]),
    calcs: [calc('div', per * n, per, `${per * n} ${noun.many} with ${per} in each ${box}`, plural(box), 'That is')]
  };
};

const PERIODS: readonly (readonly [every: string, whole: string, k: number])[] = [
  ['every day', 'in a week', 7],
  ['each day', 'in one week', 7],
  ['every month', 'in a year', 12],
  ['each month', 'in one year', 12]
];
const RATES: readonly (readonly [verb: string, unit: string, ask: string])[] = [
  ['walks', 'km', 'How far does NAME walk'],
  ['runs', 'miles', 'How far does NAME run'],
  ['saves', 'dollars', 'How much does NAME save'],
  ['reads', 'pages', 'How many pages does NAME read'],
  ['drinks', 'glasses of water', 'How many glasses does NAME drink']
];

export const overPeriod: Kind = ({ rng, options }) => {
  const w = namedWho(rng, options);
  const [every, whole, k] = rng.pick(PERIODS);
  const [verb, unit, ask] = rng.pick(RATES);
  const r = rng.int(2, 15);
  return {
    facts: [sentence(`${w.name} ${verb} ${unit === 'dollars' ? `$${r}` : `${r} ${unit}`} ${every}.`)],
    question: `${ask.replace('NAME', w.subj)} ${whole}?`,
    calcs: [calc('mul', r, k, `${r} ${unit} ${every}, ${k} times ${whole}`, unit, 'That is')],
    said: [k]
  };
};

/** Past tense and the plain form, for "did she sell". */
const SPENT: readonly (readonly [past: string, base: string])[] = [
  ['sold', 'sell'],
  ['used', 'use'],
  ['gave away', 'give away'],
  ['packed', 'pack']
];

export const otherPart: Kind = ({ rng, w, noun, cat }) => {
  if (!cat.buyable) return null;
  const a = num(rng, 5, 90);
  const b = num(rng, 5, 90);
  const [lose, base] = rng.pick(SPENT);
  const [p1, p2, span] = rng.pick([
    ['in the morning', 'after the morning', 'that day'],
    ['on Monday', 'on the other days', 'that week'],
    ['before lunch', 'after lunch', 'that day']
  ]);
  return {
    facts: [
      sentence(`${w.name} ${lose} ${of(a, noun)} ${p1}.`),
      sentence(`${subj(w, rng)} ${lose} ${a + b} ${noun.many} in all ${span}.`)
    ],
    question: rng.chance(0.5)
      ? `How many ${noun.many} did ${w.subj} ${base} ${p2}?`
      : `How many ${noun.many} ${lose === 'gave away' ? 'were given away' : `were ${lose}`} ${p2}?`,
    calcs: [calc('sub', a + b, a, `${a + b} in all and ${a} ${p1}`, noun.many, 'That leaves')]
  };
};

export const andFriendsShare: Kind = ({ rng, options, noun }) => {
  const w = namedWho(rng, options);
  const f = rng.int(1, 5);
  const each = rng.int(2, 12);
  const group = rng.pick(['friends', 'sisters', 'brothers', 'cousins']);
  const groupWord = f === 1 ? group.slice(0, -1) : group;
  return {
    facts: [sentence(`${w.name} and ${w.poss} ${f} ${groupWord} share ${of(each * (f + 1), noun)} equally.`)],
    question: rng.pick([`How many ${noun.many} does each person get?`, `How many ${noun.many} does ${w.name} get?`]),
    calcs: [
      calc('add', f, 1, `${w.name} and ${f} ${groupWord}`, 'people', 'That is'),
      calc('div', each * (f + 1), f + 1, `${each * (f + 1)} shared by ${f + 1}`, 'each', 'Each gets')
    ]
  };
};

export const hoursTwoDays: Kind = ({ rng, options }) => {
  const w = namedWho(rng, options);
  const pay = rng.int(5, 20);
  const [h1, h2] = [rng.int(2, 9), rng.int(2, 9)];
  const [d1, d2] = rng.pick([
    ['on Monday', 'on Tuesday'],
    ['on Saturday', 'on Sunday'],
    ['last week', 'this week']
  ]);
  return {
    facts: [
      sentence(`${w.name} earns ${money(pay, rng)} an hour.`),
      sentence(`${w.subj} works ${h1} hours ${d1} and ${h2} hours ${d2}.`)
    ],
    question: `How much does ${w.subj} earn?`,
    calcs: [
      calc('add', h1, h2, `${h1} hours and ${h2} hours`, 'hours', 'That is'),
      calc('mul', h1 + h2, pay, `${h1 + h2} hours at $${pay} an hour`, 'dollars', 'That is')
    ]
  };
};

export const twoTake: Kind = ({ rng, noun }) => {
  const whole = rng.int(10, 60);
  const a = rng.int(1, Math.floor(whole / 2));
  const b = rng.int(1, whole - a - 1);
  const [p1, p2] = rng.pick([
    ['Mom', 'Dad'],
    ['Grandma', 'Grandpa'],
    ['one child', 'another child'],
    ['the first team', 'the second team']
  ]);
  const [thing, fact] = rng.pick([
    ['pieces', `A cake is cut into ${whole} pieces.`],
    ['slices', `A pizza has ${whole} slices.`],
    [noun.many, `A box has ${of(whole, noun)}.`],
    [noun.many, `There are ${whole} ${noun.many} on the table.`]
  ]);
  return {
    facts: [sentence(fact), sentence(`${p1} takes ${a} and ${p2} takes ${b}.`)],
    question: `How many ${thing} are left?`,
    calcs: [
      calc('sub', whole, a, `${whole} and ${p1} takes ${a}`, 'are left', `Taking away ${a} leaves`),
      calc('sub', whole - a, b, `${whole - a} and ${p2} takes ${b}`, `${thing} are left`, `Taking away ${b} leaves`)
    ]
  };
};

export const doneThenMore: Kind = ({ rng, options }) => {
  const w = namedWho(rng, options);
  const [whole, done, then, unit, what] = rng.pick([
    [rng.int(60, 180), 'has watched', 'watches', 'minutes', 'A movie is W minutes long.'],
    [rng.int(50, 400), 'has read', 'reads', 'pages', 'A book has W pages.'],
    [rng.int(40, 300), 'has driven', 'drives', 'miles', 'A trip is W miles long.'],
    [rng.int(20, 100), 'has painted', 'paints', 'boards', 'A fence has W boards.']
  ] as const);
  const a = rng.int(1, Math.floor(whole / 2));
  const b = rng.int(1, whole - a - 1);
  return {
    facts: [
      sentence(what.replace('W', String(whole))),
      sentence(`${w.name} ${done} ${a} ${unit}.`),
      sentence(`${w.subj} then ${then} ${b} more ${unit}.`)
    ],
    question: `How many ${unit} are left?`,
    calcs: [
      calc('add', a, b, `${a} ${unit} and ${b} more`, `${unit} done`, 'That is'),
      calc('sub', whole, a + b, `${whole} in all and ${a + b} done`, `${unit} are left`, 'That leaves')
    ]
  };
};

export const vansNeeded: Kind = ({ rng }) => {
  const size = rng.int(4, 12);
  const full = rng.int(1, 9);
  const left = rng.int(1, size - 1);
  const total = size * full + left;
  const [vehicle, verb] = rng.pick([
    ['van', 'carry'],
    ['bus', 'hold'],
    ['car', 'take'],
    ['boat', 'carry'],
    ['table', 'seat']
  ]);
  const many = plural(vehicle);
  return {
    facts: [sentence(`${an(vehicle)} can ${verb} ${size} people.`)],
    question: `How many ${many} are needed for ${total} people?`,
    calcs: [
      calc('mul', full, size, `${full} full ${many} of ${size}`, 'people', `${full} full ${many} hold`),
      calc('sub', total, full * size, `${total} people and ${full * size} in full ${many}`, 'are left', 'That leaves'),
      calc('add', full, 1, `The ${left} left need one more ${vehicle}`, many, 'One more makes')
    ],
    said: [full]
  };
};

export const costSplit: Kind = ({ rng, options, noun, cat }) => {
  if (!cat.buyable) return null;
  const w = namedWho(rng, options);
  const f = rng.int(1, 4);
  const n = rng.int(2, 9);
  const share = rng.int(2, 15);
  if ((share * (f + 1)) % n !== 0) return null;
  const p = (share * (f + 1)) / n;
  return {
    facts: [
      sentence(`${w.name} buys ${of(n, noun)} for ${money(p, rng)} each.`),
      sentence(`${w.subj} and ${f} ${f === 1 ? 'friend' : 'friends'} split the cost equally.`)
    ],
    question: 'How much does each person pay?',
    calcs: [
      calc('mul', n, p, `${n} ${noun.many} at $${p} each`, 'dollars', 'That is'),
      calc('add', f, 1, `${w.name} and ${f} more`, 'people', 'That is'),
      calc('div', n * p, f + 1, `$${n * p} split by ${f + 1}`, 'dollars each', 'Each pays')
    ]
  };
};

export const fillAtRate: Kind = ({ rng }) => {
  const [thing, unit] = rng.pick([
    ['tank', 'liters'],
    ['pool', 'gallons'],
    ['tub', 'liters']
  ]);
  const rate = rng.int(2, 25);
  const minutes = rng.int(2, 20);
  const has = rng.int(1, 300);
  const full = has + rate * minutes;
  return {
    facts: [
      sentence(`A ${thing} holds ${full} ${unit}.`),
      sentence(`It has ${has} ${unit} in it.`),
      sentence(`A hose adds ${rate} ${unit} a minute.`)
    ],
    question: 'How many minutes until it is full?',
    calcs: [
      calc('sub', full, has, `${full} ${unit} and ${has} in it`, `${unit} still to fill`, 'That leaves'),
      calc('div', full - has, rate, `${full - has} ${unit} at ${rate} a minute`, 'minutes', 'That takes')
    ]
  };
};

export const earnThenBuy: Kind = ({ rng, options }) => {
  const w = namedWho(rng, options);
  const had = rng.int(1, 30);
  const [e, d] = [rng.int(2, 15), rng.int(2, 7)];
  const cost = rng.int(1, had + e * d - 1);
  const thing = rng.pick(['kite', 'book', 'ball', 'game', 'hat', 'toy car']);
  return {
    facts: [
      sentence(`${w.name} had ${money(had, rng)}.`),
      sentence(`${w.subj} earned $${e} on each of ${d} days.`),
      sentence(`Then ${w.subj} bought ${an(thing)} for $${cost}.`)
    ],
    question: `How much money does ${w.subj} have now?`,
    calcs: [
      calc('mul', e, d, `$${e} on each of ${d} days`, 'dollars earned', 'That is'),
      calc('add', had, e * d, `$${had} and $${e * d} earned`, 'dollars', 'Together that is'),
      calc('sub', had + e * d, cost, `$${had + e * d} and $${cost} for the ${thing}`, 'dollars are left', 'That leaves')
    ]
  };
};

export const twoSizes: Kind = ({ rng }) => {
  const [g1, g2] = [rng.int(2, 6), rng.int(2, 6)];
  const [s1, s2] = [rng.int(10, 35), rng.int(10, 35)];
  const [big, who] = rng.pick([
    ['classes', 'students'],
    ['buses', 'children'],
    ['boxes', 'crayons'],
    ['shelves', 'books']
  ]);
  if (s1 === s2) return null;
  return {
    facts: [sentence(`There are ${g1} ${big} of ${s1} ${who} and ${g2} ${big} of ${s2} ${who}.`)],
    question: `How many ${who} are there in all?`,
    calcs: [
      calc('mul', g1, s1, `${g1} ${big} of ${s1}`, who, 'That is'),
      calc('mul', g2, s2, `${g2} ${big} of ${s2}`, who, 'That is'),
      calc('add', g1 * s1, g2 * s2, `${g1 * s1} and ${g2 * s2}`, `${who} in all`, 'Together that is')
    ]
  };
};

export const EACH_ONE: readonly Kind[] = [atEach, atEach, howManyFilled, overPeriod, otherPart];
export const EACH_TWO: readonly Kind[] = [andFriendsShare, hoursTwoDays, twoTake, doneThenMore, fillAtRate];
export const EACH_THREE: readonly Kind[] = [vansNeeded, costSplit, earnThenBuy, twoSizes];
