/** Three-step problems in worksheet wordings (see worksheetMore.ts): a count made, then two changes or a share. */
import { calc, money, num, of, namedWho, sentence, subj, type Kind } from './parts.ts';
import { plural } from './vocab.ts';
import { PEOPLE_GROUPS, gives, times } from './worksheetMore.ts';

export const buyThenChange: Kind = ({ rng, w, noun, cat }, t) => {
  if (!cat.buyable) return null;
  const thing = rng.pick(cat.nouns.filter((x) => x !== noun));
  if (thing === undefined) return null;
  const n = rng.int(2, 8);
  const p = rng.int(2, 12);
  const extra = rng.int(2, 20);
  const spent = n * p + extra;
  const had = spent + num(rng, 1, 60);
  return {
    facts: [
      sentence(`${w.name} ${t.has} ${money(had, rng)}.`),
      sentence(
        `${subj(w, rng)} bought ${of(n, noun)} at ${money(p, rng)} each and a ${thing.one} for ${money(extra, rng)}.`
      )
    ],
    question: rng.pick([`How much money ${t.does} ${w.subj} have left?`, `How many dollars are left?`]),
    calcs: [
      calc('mul', n, p, `${n} ${noun.many} at $${p} each`, 'dollars', 'The cost is'),
      calc('add', n * p, extra, `$${n * p} and $${extra} for the ${thing.one}`, 'dollars spent', 'Adding gives'),
      calc('sub', had, spent, `$${had} and $${spent} spent`, 'dollars are left', 'That leaves')
    ]
  };
};

export const groupsTwoRemovals: Kind = ({ rng, w, noun, cat }) => {
  const g = rng.int(2, 9);
  const p = rng.int(5, 30);
  const made = g * p;
  const b = rng.int(1, Math.max(1, Math.floor(made / 2)));
  const c = rng.int(1, Math.max(1, made - b - 1));
  if (b + c >= made) return null;
  const [v1 = 'sold', v2 = 'gave away'] = rng.shuffle([...cat.lose]);
  const box = rng.pick(cat.containers);
  return {
    facts: [
      sentence(`${w.name} ${rng.pick(['made', 'got', 'bought'])} ${g} ${plural(box)} of ${p} ${noun.many}.`),
      sentence(`${subj(w, rng)} ${v1} ${b} and ${v2} ${c}.`)
    ],
    question: `How many ${noun.many} are left?`,
    calcs: [
      calc('mul', g, p, `${g} ${plural(box)} of ${p}`, noun.many, 'There are'),
      calc('sub', made, b, `${made} ${noun.many} and ${b} ${v1}`, 'were left', `Taking away ${b} leaves`),
      calc('sub', made - b, c, `${made - b} and ${c} ${v2}`, `${noun.many} are left`, `Taking away ${c} leaves`)
    ]
  };
};

export const twoRatesTime: Kind = ({ rng, w, options }) => {
  const o = namedWho(rng, options, [w.name]);
  const [r1, r2] = [rng.int(2, 15), rng.int(2, 15)];
  const n = rng.int(2, 10);
  const [does, unit, per] = rng.pick([
    ['saves', 'dollars', 'a week'],
    ['reads', 'pages', 'a day'],
    ['runs', 'km', 'a week'],
    ['earns', 'dollars', 'an hour']
  ] as const);
  const span = per === 'a week' ? 'weeks' : per === 'a day' ? 'days' : 'hours';
  return {
    facts: [sentence(`${w.name} ${does} ${r1} ${unit} ${per}.`), sentence(`${o.name} ${does} ${r2} ${unit} ${per}.`)],
    question: `How many ${unit} do they ${does.slice(0, -1)} together in ${n} ${span}?`,
    calcs: [
      calc('mul', r1, n, `${w.name}: ${r1} ${per} for ${n} ${span}`, unit, 'That is'),
      calc('mul', r2, n, `${o.name}: ${r2} ${per} for ${n} ${span}`, unit, 'That is'),
      calc('add', r1 * n, r2 * n, `${r1 * n} and ${r2 * n}`, `${unit} together`, 'Together that is')
    ]
  };
};

export const groupsGiveEach: Kind = ({ rng, w, noun, cat }, t) => {
  const g = rng.int(2, 9);
  const p = rng.int(5, 25);
  const each = rng.int(2, 10);
  const k = rng.int(2, 6);
  if (k * each >= g * p) return null;
  const box = rng.pick(cat.containers);
  const who = rng.pick(PEOPLE_GROUPS);
  return {
    facts: [
      sentence(`${w.name} ${t.has} ${g} ${plural(box)} of ${p} ${noun.many}.`),
      sentence(`${subj(w, rng)} ${gives(t)} ${each} ${noun.many} to each of ${k} ${who}.`)
    ],
    question: `How many ${noun.many} ${t.does} ${w.subj} have left?`,
    calcs: [
      calc('mul', g, p, `${g} ${plural(box)} of ${p}`, noun.many, 'There are'),
      calc('mul', k, each, `${each} to each of ${k} ${who}`, 'given away', 'That is'),
      calc('sub', g * p, k * each, `${g * p} and ${k * each} given away`, `${noun.many} are left`, 'That leaves')
    ]
  };
};

export const hoursSpend: Kind = ({ rng, w }) => {
  const rate = rng.int(5, 20);
  const [h1, h2] = [rng.int(2, 8), rng.int(2, 8)];
  const earned = rate * (h1 + h2);
  const spent = rng.int(1, earned - 1);
  return {
    facts: [
      sentence(`${w.name} earns ${money(rate, rng)} an hour.`),
      sentence(
        `${subj(w, rng)} worked ${h1} hours on Saturday and ${h2} hours on Sunday, then spent ${money(spent, rng)}.`
      )
    ],
    question: `How much money does ${w.subj} have left?`,
    calcs: [
      calc('add', h1, h2, `${h1} hours and ${h2} hours`, 'hours', 'Together that is'),
      calc('mul', h1 + h2, rate, `${h1 + h2} hours at $${rate} an hour`, 'dollars earned', 'The pay is'),
      calc('sub', earned, spent, `$${earned} and $${spent} spent`, 'dollars are left', 'That leaves')
    ]
  };
};

export const groupsThenShare: Kind = ({ rng, w, noun, cat }) => {
  const g = rng.int(2, 9);
  const p = rng.int(5, 30);
  const made = g * p;
  const k = rng.int(2, 6);
  const broke = (made % k) + k * rng.int(made % k === 0 ? 1 : 0, 4);
  if (broke >= made - k) return null;
  const box = rng.pick(cat.containers);
  const verb = rng.pick(cat.lose);
  return {
    facts: [
      sentence(`${w.name} ${rng.pick(['got', 'had', 'bought'])} ${g} ${plural(box)} with ${p} ${noun.many} in each.`),
      sentence(`${subj(w, rng)} ${verb} ${broke}.`),
      sentence(`The rest were shared equally among ${k} ${rng.pick(PEOPLE_GROUPS)}.`)
    ],
    question: 'How many did each get?',
    calcs: [
      calc('mul', g, p, `${g} ${plural(box)} of ${p}`, noun.many, 'There are'),
      calc('sub', made, broke, `${made} ${noun.many} and ${broke} ${verb}`, 'are left', `Taking away ${broke} leaves`),
      calc('div', made - broke, k, `${made - broke} shared by ${k}`, 'each', 'Each gets')
    ]
  };
};

export const someAndTimes: Kind = ({ rng, w, noun, options }, t) => {
  const [o1, o2] = [namedWho(rng, options, [w.name]), namedWho(rng, options, [w.name])];
  if (o1.name === o2.name) return null;
  const b = rng.int(2, 15);
  const { k, word, said } = times(rng);
  const a = b + b * k + num(rng, 1, 40);
  return {
    facts: [
      sentence(`${w.name} ${t.has} ${of(a, noun)}.`),
      sentence(`${subj(w, rng)} ${gives(t)} ${b} to ${o1.name} and ${word} as many to ${o2.name}.`)
    ],
    question: `How many ${noun.many} ${t.does} ${w.subj} have left?`,
    calcs: [
      calc('mul', b, k, `${word} as many as ${b}`, `to ${o2.name}`, 'That is'),
      calc('add', b, b * k, `${b} and ${b * k}`, 'given away', 'Together that is'),
      calc('sub', a, b + b * k, `${a} ${noun.many} and ${b + b * k} given away`, `${noun.many} are left`, 'That leaves')
    ],
    said
  };
};

const GROUPS: readonly { start: string; left: string; joined: string; split: string; each: string }[] = [
  { start: 'A club had', left: 'left', joined: 'new members joined', split: 'equal teams', each: 'team' },
  { start: 'A camp had', left: 'went home', joined: 'more children came', split: 'equal groups', each: 'group' },
  { start: 'A bus had', left: 'got off', joined: 'got on', split: 'equal rows', each: 'row' }
];

export const changeThenShare: Kind = ({ rng }) => {
  const s = rng.pick(GROUPS);
  const a = rng.int(20, 90);
  const left = rng.int(1, a - 5);
  const k = rng.int(2, 8);
  const mid = a - left;
  const end = k * (Math.floor(mid / k) + rng.int(1, 6));
  const joined = end - mid;
  return {
    facts: [
      sentence(`${s.start} ${a} ${s.each === 'team' ? 'members' : 'people'}.`),
      sentence(`${left} ${s.left} and then ${joined} ${s.joined}.`),
      sentence(`They split into ${k} ${s.split}.`)
    ],
    question: `How many are in each ${s.each}?`,
    calcs: [
      calc('sub', a, left, `${a} and ${left} ${s.left}`, 'were left', `Taking away ${left} leaves`),
      calc('add', mid, joined, `${mid} and ${joined} more`, 'in all', `Adding ${joined} gives`),
      calc('div', end, k, `${end} in ${k} ${s.split}`, `in each ${s.each}`, 'Each has')
    ]
  };
};

export const MORE_THREE: readonly Kind[] = [
  buyThenChange,
  groupsTwoRemovals,
  twoRatesTime,
  groupsGiveEach,
  hoursSpend,
  groupsThenShare,
  someAndTimes,
  changeThenShare
];
