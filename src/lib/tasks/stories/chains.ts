import { calc, money, num, of, sentence, who, type Built, type Calc, type Ctx, type Tense } from './parts.ts';
import { verbBase } from './verbs.ts';
import { plural, RATES } from './vocab.ts';

/** Two- and three-step problems: a start that may itself take a calculation, then changes, then a question. */
interface State {
  facts: string[];
  calcs: Calc[];
  value: number;
  /** Who holds the things now: one person, or "they" after several owners pooled theirs. */
  holder: string;
  pronoun: string;
  plural: boolean;
}

type Start = (c: Ctx, t: Tense) => State | null;
type Change = (c: Ctx, t: Tense, s: State) => boolean;
type Ending = (c: Ctx, t: Tense, s: State) => Built | null;

const given: Start = ({ rng, w, noun }, t) => {
  const a = num(rng, 5, 80);
  return {
    facts: [sentence(`${w.name} ${t.has} ${of(a, noun)}.`)],
    calcs: [],
    value: a,
    holder: w.name,
    pronoun: w.subj,
    plural: false
  };
};

const startGroups: Start = ({ rng, w, noun, cat }, t) => {
  const bought = cat.buyable && rng.chance(0.5);
  const g = rng.int(2, 9);
  const p = rng.int(2, 12);
  const box = rng.pick(cat.containers);
  const text = bought
    ? `${w.name} bought ${g} ${plural(box)} of ${noun.many}. Each ${box} had ${p} ${noun.many}.`
    : `${w.name} ${t.has} ${g} ${plural(box)} of ${noun.many} with ${p} in each ${box}.`;
  const c = calc('mul', g, p, `${w.name} has ${g} ${plural(box)} with ${p} in each`, `${noun.many}`, 'There are');
  return { facts: [sentence(text)], calcs: [c], value: c.op.result, holder: w.name, pronoun: w.subj, plural: false };
};

const startKinds: Start = ({ rng, w, noun, cat }, t) => {
  const [k1, k2] = rng.pick(cat.kinds);
  const a = num(rng, 2, 40);
  const b = num(rng, 2, 40);
  const text = `${w.name} ${t.has} ${a} ${k1} ${noun.many} and ${b} ${k2} ${noun.many}.`;
  const c = calc('add', a, b, `${w.name} has ${a} ${k1} and ${b} ${k2}`, `${noun.many} in all`, 'Together that is');
  return { facts: [sentence(text)], calcs: [c], value: c.op.result, holder: w.name, pronoun: w.subj, plural: false };
};

const startOwners: Start = ({ rng, w, noun, cat, options }, t) => {
  const x = who(rng, options, cat, [w.name]);
  const a = num(rng, 2, 50);
  const b = num(rng, 2, 50);
  const facts = rng.chance(0.5)
    ? [sentence(`${w.name} ${t.has} ${of(a, noun)} and ${x.name} ${t.has} ${b}.`)]
    : [sentence(`${w.name} ${t.has} ${of(a, noun)}.`), sentence(`${x.name} ${t.has} ${of(b, noun)}.`)];
  const c = calc(
    'add',
    a,
    b,
    `${w.name} has ${a} and ${x.name} has ${b}`,
    `${noun.many} together`,
    'Together they have'
  );
  const they = `${w.name} and ${x.name}`;
  return { facts, calcs: [c], value: c.op.result, holder: they, pronoun: 'they', plural: true };
};

const gainOrLose: Change = ({ rng, noun, cat }, _t, s) => {
  const gain = s.value < 4 || rng.chance(0.45);
  const d = gain ? num(rng, 1, 40) : rng.int(1, s.value - 1);
  const verb = rng.pick(gain ? cat.gain : cat.lose);
  const who = rng.chance(0.5) ? s.holder : s.pronoun;
  const text = gain
    ? rng.pick([
        `Then ${who} ${verb} ${d} more.`,
        `${who} ${verb} ${of(d, noun)} more.`,
        `Later ${who} ${verb} another ${d}.`
      ])
    : rng.pick([
        `Then ${who} ${verb} ${d}.`,
        `${who} ${verb} ${of(d, noun)}.`,
        `After that, ${who} ${verb} ${d} of them.`
      ]);
  s.facts.push(sentence(text));
  const c = gain
    ? calc('add', s.value, d, `${s.holder} ${verb} ${d} more`, `${noun.many}`, `Adding ${d} gives`)
    : calc('sub', s.value, d, `${s.holder} ${verb} ${d}`, `${noun.many} are left`, `Taking away ${d} leaves`);
  s.calcs.push(c);
  s.value = c.op.result;
  return true;
};

const giveEach: Change = ({ rng, noun }, _t, s) => {
  const k = rng.int(2, 6);
  const each = rng.int(1, 8);
  if (k * each >= s.value) return false;
  s.facts.push(sentence(`${s.pronoun} gave ${of(each, noun)} to each of ${k} friends.`));
  s.calcs.push(calc('mul', k, each, `${k} friends got ${each} each`, `${noun.many} were given away`, 'That is'));
  const c = calc(
    'sub',
    s.value,
    k * each,
    `${s.value} minus the ${k * each} given away`,
    `${noun.many} are left`,
    'That leaves'
  );
  s.calcs.push(c);
  s.value = c.op.result;
  return true;
};

const askNow: Ending = ({ rng, noun }, t, s) => ({
  facts: s.facts,
  question: rng.pick([
    `How many ${noun.many} ${s.plural ? 'do' : t.does} ${s.holder} have now?`,
    `How many ${noun.many} ${s.plural ? 'do' : t.does} ${s.pronoun} have left?`,
    `How many ${noun.many} are there now?`
  ]),
  calcs: s.calcs
});

const askShare: Ending = ({ rng, noun, cat }, _t, s) => {
  const ks = [2, 3, 4, 5, 6, 8, 10].filter((k) => s.value % k === 0 && s.value / k >= 2);
  if (ks.length === 0) return null;
  const k = rng.pick(ks);
  const box = rng.pick(cat.containers);
  const friends = rng.chance(0.5);
  s.facts.push(
    sentence(
      friends
        ? `${s.pronoun} shared them equally among ${k} friends.`
        : `${s.pronoun} put them equally into ${k} ${plural(box)}.`
    )
  );
  s.calcs.push(
    calc(
      'div',
      s.value,
      k,
      `${s.value} shared equally by ${k}`,
      friends ? 'for each friend' : `in each ${box}`,
      'Each gets'
    )
  );
  return {
    facts: s.facts,
    question: friends ? `How many ${noun.many} did each friend get?` : `How many ${noun.many} are in each ${box}?`,
    calcs: s.calcs
  };
};

const askCompare: Ending = ({ rng, noun, cat, options, w }, t, s) => {
  const x = who(rng, options, cat, [w.name, s.holder]);
  const times = rng.chance(0.3) && s.value <= 200;
  const k = rng.int(2, 4);
  const d = num(rng, 1, 30);
  const more = times || rng.chance(0.6) || d >= s.value;
  s.facts.push(
    sentence(
      times
        ? `${x.name} has ${k} times as many ${noun.many} as that.`
        : `${x.name} has ${d} ${more ? 'more' : 'fewer'} ${noun.many} than that.`
    )
  );
  s.calcs.push(
    times
      ? calc('mul', s.value, k, `${x.name} has ${k} times ${s.value}`, `${noun.many}`, 'That is')
      : calc(
          more ? 'add' : 'sub',
          s.value,
          d,
          `${x.name} has ${d} ${more ? 'more' : 'fewer'} than ${s.value}`,
          `${noun.many}`,
          'That is'
        )
  );
  return { facts: s.facts, question: `How many ${noun.many} does ${x.name} have?`, calcs: s.calcs };
};

const askSold: Ending = ({ rng, noun, cat }, t, s) => {
  if (!cat.buyable) return null;
  const p = rng.int(2, 9);
  s.facts.push(sentence(`${s.pronoun} sold all of them for ${money(p, rng)} each.`));
  s.calcs.push(calc('mul', s.value, p, `${s.value} ${noun.many} at $${p} each`, 'dollars', 'The money is'));
  return { facts: s.facts, question: `How much money did ${s.pronoun} make?`, calcs: s.calcs };
};

const askChangeUnknown: Ending = ({ rng, noun, cat }, _t, s) => {
  if (s.value < 3) return null;
  const left = rng.int(1, s.value - 1);
  const verb = rng.pick(cat.lose);
  s.facts.push(sentence(`After ${s.pronoun} ${verb} some, ${left} ${left === 1 ? 'was' : 'were'} left.`));
  s.calcs.push(calc('sub', s.value, left, `${s.value} at first and ${left} left`, `${noun.many}`, 'The difference is'));
  return { facts: s.facts, question: `How many ${noun.many} did ${s.pronoun} ${verbBase(verb)}?`, calcs: s.calcs };
};

/** Prices over two or three steps: several items, then change from a payment or a budget. */
export function shopping(c: Ctx, t: Tense, steps: number): Built | null {
  const { rng, w, noun, cat } = c;
  if (!cat.buyable) return null;
  const n = rng.int(2, 9);
  const p = rng.int(2, 15);
  const other = rng.pick(cat.nouns.filter((x) => x.one !== noun.one));
  const q = rng.int(2, 25);
  const facts = [sentence(`${w.name} bought ${of(n, noun)} for ${money(p, rng)} each.`)];
  const calcs = [calc('mul', n, p, `${n} ${noun.many} at $${p} each`, 'dollars', 'They cost')];
  if (steps === 3 || rng.chance(0.5)) {
    facts.push(sentence(`${w.subj} also bought ${other ? `a ${other.one}` : 'a bag'} for ${money(q, rng)}.`));
    calcs.push(calc('add', n * p, q, `$${n * p} plus $${q}`, 'dollars in all', 'Adding gives'));
  }
  const spent = calcs[calcs.length - 1]?.op.result ?? 0;
  if (calcs.length < steps) {
    const paid = (Math.floor(spent / 10) + 1 + rng.int(0, 4)) * 10;
    facts.push(
      sentence(rng.pick([`${w.subj} paid with ${money(paid, rng)}.`, `${w.subj} had ${money(paid, rng)} to spend.`]))
    );
    calcs.push(calc('sub', paid, spent, `$${paid} minus the $${spent} spent`, 'dollars are left', 'That leaves'));
    const q2 = rng.pick([`How much change did ${w.name} get?`, `How much money does ${w.subj} have left?`]);
    return calcs.length === steps ? { facts, question: q2, calcs } : null;
  }
  return calcs.length === steps ? { facts, question: `How much did ${w.name} spend in all?`, calcs } : null;
}

/** A rate over time, then spent or shared. */
export function earning(c: Ctx, t: Tense, steps: number): Built | null {
  const { rng, w } = c;
  const r = rng.pick(RATES);
  const per = rng.int(2, 15);
  const span = rng.int(2, 9);
  const amount = r.thing === 'dollars' ? money(per, rng) : `${per} ${r.thing}`;
  const facts = [sentence(`${w.name} ${r.verb} ${amount} a ${r.per} for ${span} ${r.span}.`)];
  const calcs = [calc('mul', per, span, `${per} ${r.thing} a ${r.per} for ${span} ${r.span}`, r.thing, 'That is')];
  const total = per * span;
  const extra = num(rng, 1, 30);
  const lose = r.thing === 'dollars' && rng.chance(0.6) && extra < total;
  facts.push(sentence(lose ? `${w.subj} spent ${money(extra, rng)} of it.` : `Then ${w.subj} got ${extra} more.`));
  calcs.push(
    lose
      ? calc('sub', total, extra, `${total} minus the ${extra} spent`, `${r.thing} are left`, 'That leaves')
      : calc('add', total, extra, `${total} and ${extra} more`, `${r.thing} in all`, 'Adding gives')
  );
  if (steps === 3) {
    const now = calcs[1]?.op.result ?? 0;
    const k = [2, 3, 4, 5].find((d) => now % d === 0);
    if (k === undefined) return null;
    facts.push(sentence(`${w.subj} split the ${r.thing} equally into ${k} parts.`));
    calcs.push(calc('div', now, k, `${now} split into ${k}`, `${r.thing} in each part`, 'Each part is'));
    return { facts, question: `How many ${r.thing} are in each part?`, calcs };
  }
  return {
    facts,
    question: lose ? `How many dollars does ${w.subj} have left?` : `How many ${r.thing} is that in all?`,
    calcs
  };
}

const STARTS: readonly Start[] = [given, given, startGroups, startKinds, startOwners];
const CHANGES: readonly Change[] = [gainOrLose, gainOrLose, gainOrLose, giveEach];
const ENDINGS: readonly Ending[] = [askNow, askNow, askNow, askShare, askCompare, askSold, askChangeUnknown];

export function chain(c: Ctx, t: Tense, steps: number): Built | null {
  const s = c.rng.pick(STARTS)(c, t);
  if (s === null) return null;
  // The ending adds one calculation except for "now", which adds none.
  const ending = c.rng.pick(ENDINGS);
  const budget = steps - s.calcs.length - (ending === askNow ? 0 : 1);
  for (let i = 0; i < budget; i++) if (!c.rng.pick(CHANGES)(c, t, s)) return null;
  const built = ending(c, t, s);
  return built !== null && built.calcs.length === steps ? built : null;
}
