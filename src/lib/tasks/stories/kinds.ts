import { calc, money, num, of, sentence, subj, who, type Built, type Ctx, type Tense } from './parts.ts';
import { plural, RATES } from './vocab.ts';

/** One-step problems with the unknown in every place: result, start, change, part, difference, factor. */
export type Kind = (c: Ctx, t: Tense) => Built | null;

const changeResult: Kind = ({ rng, w, noun, cat }, t) => {
  const a = num(rng, 3);
  const gain = rng.chance(0.5);
  const d = gain ? num(rng, 1) : rng.int(1, a - 1);
  const verb = rng.pick(gain ? cat.gain : cat.lose);
  const facts = [
    sentence(`${w.name} ${t.has} ${of(a, noun)}.`),
    sentence(`${subj(w, rng)} ${verb} ${d}${gain ? ' more' : ''}.`)
  ];
  if (rng.chance(0.3))
    facts.splice(0, 2, sentence(`${w.name} ${t.has} ${of(a, noun)} and ${verb} ${d}${gain ? ' more' : ''}.`));
  const quote = `${w.name} ${t.has} ${a} ${noun.many} and ${verb} ${d}`;
  return {
    facts,
    question: gain
      ? rng.pick([
          `How many ${noun.many} ${t.does} ${w.subj} have now?`,
          `How many ${noun.many} ${t.does} ${w.name} have in all?`
        ])
      : rng.pick([`How many ${noun.many} ${t.does} ${w.name} have left?`, `How many ${noun.many} are left?`]),
    calcs: [
      gain
        ? calc('add', a, d, quote, `${noun.many} in all`, `Adding ${d} gives`)
        : calc('sub', a, d, quote, `${noun.many} are left`, `Taking away ${d} leaves`)
    ]
  };
};

const startUnknown: Kind = ({ rng, w, noun, cat }, t) => {
  const gain = rng.chance(0.5);
  const d = num(rng, 2);
  const end = gain ? d + num(rng, 1) : num(rng, 1);
  const verb = rng.pick(gain ? cat.gain : cat.lose);
  return {
    facts: [
      sentence(`${w.name} ${t.has} some ${noun.many}.`),
      sentence(`${subj(w, rng)} ${verb} ${d}${gain ? ' more' : ''}.`),
      sentence(`Now ${w.subj} has ${of(end, noun)}.`)
    ],
    question: rng.pick([
      `How many ${noun.many} did ${w.name} have at first?`,
      `How many ${noun.many} did ${w.subj} start with?`,
      `How many ${noun.many} did ${w.name} have before that?`
    ]),
    calcs: [
      gain
        ? calc(
            'sub',
            end,
            d,
            `${w.name} has ${end} now after getting ${d}`,
            `${noun.many} at first`,
            `Taking back the ${d} gives`
          )
        : calc(
            'add',
            end,
            d,
            `${w.name} has ${end} left after losing ${d}`,
            `${noun.many} at first`,
            `Putting back the ${d} gives`
          )
    ]
  };
};

const changeUnknown: Kind = ({ rng, w, noun, cat }, t) => {
  const gain = rng.chance(0.45);
  const a = num(rng, 3);
  const end = gain ? a + num(rng, 1) : rng.int(1, a - 1);
  const verb = rng.pick(gain ? cat.gain : cat.lose);
  const facts = gain
    ? [
        sentence(`${w.name} ${t.has} ${of(a, noun)}.`),
        sentence(`After ${w.subj} ${verb} some more, ${w.subj} has ${end}.`)
      ]
    : [
        sentence(`${w.name} ${t.has} ${of(a, noun)}.`),
        sentence(
          rng.pick([`${w.subj} ${verb} some and has ${end} left.`, `After ${w.subj} ${verb} some, ${end} were left.`])
        )
      ];
  return {
    facts,
    question: rng.pick([
      `How many ${noun.many} did ${w.name} ${verbBase(verb)}?`,
      `How many did ${w.subj} ${verbBase(verb)}?`
    ]),
    calcs: [
      gain
        ? calc('sub', end, a, `${w.name} went from ${a} to ${end}`, `${noun.many}`, `The change is`)
        : calc('sub', a, end, `${w.name} had ${a} and has ${end} left`, `${noun.many}`, `The difference is`)
    ]
  };
};

const E_VERBS = new Set(
  'bake use rescue welcome invite move delete donate trade receive share practice type save recycle sew'.split(' ')
);

/** "gave away" → "give away", for "How many did she give away?". */
export function verbBase(past: string): string {
  const [head = past, ...rest] = past.split(' ');
  const base: Record<string, string> = {
    ate: 'eat',
    gave: 'give',
    sold: 'sell',
    lost: 'lose',
    was: 'get',
    bought: 'buy',
    got: 'get',
    found: 'find',
    won: 'win',
    made: 'make',
    broke: 'break',
    grew: 'grow',
    took: 'take',
    wrote: 'write',
    brought: 'bring',
    threw: 'throw',
    sent: 'send',
    drove: 'drive',
    built: 'build',
    let: 'let',
    saw: 'see',
    knitted: 'knit',
    shared: 'share',
    spent: 'spend',
    said: 'say',
    lent: 'lend',
    fixed: 'fix'
  };
  if (head === 'was') return 'get';
  const regular = E_VERBS.has(head.slice(0, -1)) ? head.slice(0, -1) : head.replace(/ied$/, 'y').replace(/ed$/, '');
  const b = base[head] ?? regular;
  return [b, ...rest].join(' ');
}

const combine: Kind = ({ rng, w, noun, cat }, t) => {
  const [k1, k2] = rng.pick(cat.kinds);
  const a = num(rng, 1);
  const b = num(rng, 1);
  const people = noun.many === 'students' || noun.many === 'children';
  const n1 = people && k1 === 'boys' ? 'boys' : `${k1} ${noun.many}`;
  const n2 = people && k2 === 'girls' ? 'girls' : `${k2} ${noun.many}`;
  return {
    facts: rng.chance(0.5)
      ? [sentence(`${w.name} ${t.has} ${a} ${n1} and ${b} ${n2}.`)]
      : [sentence(`${w.name} ${t.has} ${a} ${n1}.`), sentence(`${subj(w, rng)} also ${t.has} ${b} ${n2}.`)],
    question: rng.pick([
      `How many ${noun.many} ${t.does} ${w.name} have in all?`,
      `How many ${noun.many} ${t.does} ${w.subj} have altogether?`,
      `How many ${noun.many} are there in total?`
    ]),
    calcs: [
      calc('add', a, b, `${w.name} has ${a} ${n1} and ${b} ${n2}`, `${noun.many} in all`, `Putting them together gives`)
    ]
  };
};

const partUnknown: Kind = ({ rng, w, noun, cat }, t) => {
  const [k1, k2] = rng.pick(cat.kinds);
  const total = num(rng, 5);
  const part = rng.int(1, total - 1);
  const complement = rng.chance(0.4);
  const facts = complement
    ? [
        sentence(`${w.name} ${t.has} ${of(total, noun)}.`),
        sentence(`${part} of them ${t.is === 'is' ? 'are' : 'were'} ${k1}.`)
      ]
    : [sentence(`${w.name} ${t.has} ${of(total, noun)}.`), sentence(`${part} are ${k1} and the rest are ${k2}.`)];
  return {
    facts,
    question: complement
      ? rng.pick([`How many ${noun.many} ${t.is === 'is' ? 'are' : 'were'} not ${k1}?`, `How many were ${k2}?`])
      : `How many ${k2} ${noun.many} ${t.does} ${w.name} have?`,
    calcs: [
      calc(
        'sub',
        total,
        part,
        `There are ${total} ${noun.many} and ${part} are ${k1}`,
        `are ${complement ? `not ${k1}` : k2}`,
        `The rest are`
      )
    ]
  };
};

const compare: Kind = ({ rng, w, noun, options, cat }, t) => {
  const x = who(rng, options, cat, [w.name]);
  const a = num(rng, 3);
  const b = rng.int(1, Math.max(1, a - 1));
  if (a === b) return null;
  const more = rng.chance(0.6);
  const facts = [sentence(`${w.name} ${t.has} ${of(a, noun)}.`), sentence(`${x.name} ${t.has} ${of(b, noun)}.`)];
  return {
    facts: rng.chance(0.5) ? facts : [facts[1] ?? '', facts[0] ?? ''],
    question: more
      ? `How many more ${noun.many} ${t.does} ${w.name} have than ${x.name}?`
      : `How many fewer ${noun.many} ${t.does} ${x.name} have than ${w.name}?`,
    calcs: [
      calc('sub', a, b, `${w.name} has ${a} and ${x.name} has ${b}`, more ? 'more' : 'fewer', `The difference is`)
    ]
  };
};

const relative: Kind = ({ rng, w, noun, options, cat }, t) => {
  const x = who(rng, options, cat, [w.name]);
  const kind = rng.pick(['more', 'fewer', 'times', 'times', 'part'] as const);
  const a = kind === 'part' ? rng.int(2, 9) * rng.int(2, 12) : num(rng, 3);
  const divisors = [2, 3, 4, 5].filter((d) => a % d === 0);
  if (kind === 'part' && divisors.length === 0) return null;
  const k = kind === 'times' ? rng.int(2, 6) : kind === 'part' ? rng.pick(divisors) : 0;
  const d = kind === 'fewer' ? rng.int(1, a - 1) : num(rng, 1);
  const facts = [sentence(`${w.name} ${t.has} ${of(a, noun)}.`)];
  let c;
  if (kind === 'times') {
    facts.push(sentence(`${x.name} ${t.has} ${k} times as many ${noun.many} as ${w.name}.`));
    c = calc('mul', a, k, `${x.name} has ${k} times as many as ${w.name}'s ${a}`, `${noun.many}`, `That is`);
  } else if (kind === 'part') {
    const frac = k === 2 ? 'half as many' : `one ${['', '', 'half', 'third', 'fourth', 'fifth'][k] ?? ''} as many`;
    facts.push(sentence(`${x.name} ${t.has} ${frac} ${noun.many} as ${w.name}.`));
    c = calc('div', a, k, `${x.name} has ${frac} as ${w.name}'s ${a}`, `${noun.many}`, `That is`);
  } else {
    facts.push(sentence(`${x.name} ${t.has} ${d} ${kind} ${noun.many} than ${w.name}.`));
    c = calc(
      kind === 'more' ? 'add' : 'sub',
      a,
      d,
      `${x.name} has ${d} ${kind} than ${w.name}'s ${a}`,
      `${noun.many}`,
      `That is`
    );
  }
  return { facts, question: `How many ${noun.many} ${t.does} ${x.name} have?`, calcs: [c] };
};

const groups: Kind = ({ rng, w, noun, cat }, t) => {
  const g = rng.int(2, 12);
  const p = rng.int(2, 15);
  const box = rng.pick(cat.containers);
  const facts = rng.pick([
    [
      sentence(`${w.name} ${t.has} ${g} ${plural(box)} of ${noun.many}.`),
      sentence(`Each ${box} ${t.has} ${p} ${noun.many}.`)
    ],
    [sentence(`There are ${p} ${noun.many} in each ${box}.`), sentence(`${w.name} ${t.has} ${g} ${plural(box)}.`)],
    [sentence(`${w.name} ${t.has} ${g} ${plural(box)} with ${p} ${noun.many} in each.`)]
  ]);
  return {
    facts,
    question: rng.pick([`How many ${noun.many} ${t.does} ${w.name} have?`, `How many ${noun.many} are there in all?`]),
    calcs: [calc('mul', g, p, `There are ${g} ${plural(box)} with ${p} in each`, `${noun.many}`, `Equal groups give`)]
  };
};

const share: Kind = ({ rng, w, noun, cat }, t) => {
  const k = rng.int(2, 10);
  const each = rng.int(2, 15);
  const total = k * each;
  const box = rng.pick(cat.containers);
  const friends = rng.chance(0.5);
  return {
    facts: [
      sentence(`${w.name} ${t.has} ${of(total, noun)}.`),
      sentence(
        friends
          ? `${subj(w, rng)} shares them equally among ${k} friends.`
          : `${subj(w, rng)} puts them into ${k} ${plural(box)} with the same number in each.`
      )
    ],
    question: friends ? `How many ${noun.many} does each friend get?` : `How many ${noun.many} are in each ${box}?`,
    calcs: [
      calc(
        'div',
        total,
        k,
        `${total} ${noun.many} are shared equally by ${k}`,
        friends ? 'for each friend' : `in each ${box}`,
        'Each gets'
      )
    ]
  };
};

/** Sharing that does not come out even: what is left over, or how many containers are needed. */
export const remainder: Kind = ({ rng, w, noun, cat }, t) => {
  const size = rng.int(2, 12);
  const full = rng.int(1, 12);
  const left = rng.int(1, size - 1);
  const total = size * full + left;
  const box = rng.pick(cat.containers);
  const needed = rng.chance(0.5);
  const facts = [sentence(`${w.name} ${t.has} ${of(total, noun)}.`), sentence(`Each ${box} holds ${size}.`)];
  const packed = calc(
    'mul',
    full,
    size,
    `${full} full ${plural(box)} of ${size} hold`,
    `${noun.many}`,
    `${full} full ${plural(box)} hold`
  );
  const rest = calc('sub', total, full * size, `Out of ${total}`, 'are left over', 'That leaves');
  if (!needed) {
    return {
      facts,
      question: `If ${w.subj} fills as many ${plural(box)} as ${w.subj} can, how many ${noun.many} are left over?`,
      calcs: [packed, rest]
    };
  }
  const more = calc('add', full, 1, `The ${left} left over need one more ${box}`, `${plural(box)}`, 'One more makes');
  return {
    facts,
    question: `How many ${plural(box)} ${t.does} ${w.subj} need to hold all the ${noun.many}?`,
    calcs: [packed, rest, more]
  };
};

const price: Kind = ({ rng, w, noun, cat }, t) => {
  if (!cat.buyable) return null;
  const n = rng.int(2, 12);
  const p = rng.int(2, 25);
  const facts = rng.pick([
    [sentence(`${w.name} bought ${of(n, noun)} for ${money(p, rng)} each.`)],
    [sentence(`One ${noun.one} costs ${money(p, rng)}.`), sentence(`${w.name} buys ${n}.`)],
    [
      sentence(`${noun.many} cost ${money(p, rng)} each.`),
      sentence(`How much ${t.does} ${w.name} pay for ${n} of them?`)
    ]
  ]);
  const asked = facts.length === 2 && (facts[1] ?? '').endsWith('?');
  return {
    facts: asked ? facts.slice(0, 1) : facts,
    question: asked
      ? (facts[1] ?? '')
      : rng.pick([`How much did ${w.name} spend?`, `How many dollars ${t.does} ${w.subj} pay in all?`]),
    calcs: [calc('mul', n, p, `${n} ${noun.many} at $${p} each`, 'dollars', 'The cost is')]
  };
};

const unitPrice: Kind = ({ rng, w, noun, cat }) => {
  if (!cat.buyable) return null;
  const n = rng.int(2, 12);
  const p = rng.int(2, 20);
  return {
    facts: [sentence(`${w.name} paid ${money(n * p, rng)} for ${of(n, noun)}.`), 'Each one cost the same.'],
    question: rng.pick([`How much did one ${noun.one} cost?`, `What was the price of each ${noun.one}?`]),
    calcs: [calc('div', n * p, n, `$${n * p} for ${n} ${noun.many}`, 'dollars each', 'Each costs')]
  };
};

const rate: Kind = ({ rng, w }, t) => {
  const r = rng.pick(RATES);
  const per = rng.int(2, 20);
  const span = rng.int(2, 12);
  const amount = r.thing === 'dollars' ? money(per, rng) : `${per} ${r.thing}`;
  return {
    facts: [sentence(`${w.name} ${r.verb} ${amount} ${rng.pick(['per', 'a', 'each'])} ${r.per}.`)],
    question: `How many ${r.thing} ${t.does} ${w.subj} ${r.base} in ${span} ${r.span}?`,
    calcs: [calc('mul', per, span, `${per} ${r.thing} each ${r.per} for ${span} ${r.span}`, r.thing, 'That is')]
  };
};

export const ONE_STEP: readonly Kind[] = [
  changeResult,
  changeResult,
  startUnknown,
  changeUnknown,
  combine,
  partUnknown,
  compare,
  relative,
  groups,
  share,
  price,
  unitPrice,
  rate
];
