/** Equal groups, sharing (even or with a remainder), prices and rates. */
import { calc, money, of, sentence, subj, type Kind } from './parts.ts';
import { plural, RATES } from './vocab.ts';

export const groups: Kind = ({ rng, w, noun, cat }, t) => {
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

export const share: Kind = ({ rng, w, noun, cat }, t) => {
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

export const price: Kind = ({ rng, w, noun, cat }, t) => {
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

export const unitPrice: Kind = ({ rng, w, noun, cat }) => {
  if (!cat.buyable) return null;
  const n = rng.int(2, 12);
  const p = rng.int(2, 20);
  return {
    facts: [sentence(`${w.name} paid ${money(n * p, rng)} for ${of(n, noun)}.`), 'Each one cost the same.'],
    question: rng.pick([`How much did one ${noun.one} cost?`, `What was the price of each ${noun.one}?`]),
    calcs: [calc('div', n * p, n, `$${n * p} for ${n} ${noun.many}`, 'dollars each', 'Each costs')]
  };
};

export const rate: Kind = ({ rng, w }, t) => {
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
