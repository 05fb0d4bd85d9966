/**
 * One collection and how it changes, splits in two or compares with another's: the unknown is the result, the
 * start, the change, a part, a difference or a factor.
 */
import { calc, num, of, sentence, subj, who, type Kind } from './parts.ts';
import { verbBase } from './verbs.ts';

export const changeResult: Kind = ({ rng, w, noun, cat }, t) => {
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

export const startUnknown: Kind = ({ rng, w, noun, cat }, t) => {
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

export const changeUnknown: Kind = ({ rng, w, noun, cat }, t) => {
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

export const combine: Kind = ({ rng, w, noun, cat }, t) => {
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

export const partUnknown: Kind = ({ rng, w, noun, cat }, t) => {
  const [k1, k2] = rng.pick(cat.kinds);
  const total = num(rng, 5);
  const part = rng.int(1, total - 1);
  const complement = rng.chance(0.4);
  const facts = complement
    ? [sentence(`${w.name} ${t.has} ${of(total, noun)}.`), sentence(`${part} of them ${t.are} ${k1}.`)]
    : [sentence(`${w.name} ${t.has} ${of(total, noun)}.`), sentence(`${part} are ${k1} and the rest are ${k2}.`)];
  return {
    facts,
    question: complement
      ? rng.pick([`How many ${noun.many} ${t.are} not ${k1}?`, `How many were ${k2}?`])
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

export const compare: Kind = ({ rng, w, noun, options, cat }, t) => {
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

export const relative: Kind = ({ rng, w, noun, options, cat }, t) => {
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
