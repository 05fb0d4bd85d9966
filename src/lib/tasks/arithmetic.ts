import { answerSentence, type GenerateOptions, type Problem } from './types.ts';
import {
  DISTRACTORS,
  PEOPLE,
  THINGS,
  capitalize,
  inventedWord,
  isHeldOut,
  pronoun,
  strangeWord,
  type Person,
  type Thing
} from './lexicon.ts';
import type { Rng } from './rng.ts';

type OpKind = 'add' | 'sub' | 'mul' | 'div';
const SYMBOL: Record<OpKind, string> = { add: '+', sub: '-', mul: '×', div: '÷' };

export interface Op {
  kind: OpKind;
  a: number;
  b: number;
  result: number;
}

export function applyOp(kind: OpKind, a: number, b: number): number {
  switch (kind) {
    case 'add':
      return a + b;
    case 'sub':
      return a - b;
    case 'mul':
      return a * b;
    case 'div':
      return a / b;
  }
}

export function equation(op: Op): string {
  return `${op.a} ${SYMBOL[op.kind]} ${op.b} = ${op.result}`;
}

/** One step of a story: how the question says it and how each rationale style explains it. */
interface Step {
  op: Op;
  text: string;
  /** Rationale clauses, one per style; `{eq}` is replaced by the equation. */
  explain: string[];
}

interface Story {
  intro: string[];
  steps: Step[];
  question: string;
  unit: string;
}

/** "1 apple", "3 apples". */
function count(n: number, t: { one: string; many: string }): string {
  return `${n} ${n === 1 ? t.one : t.many}`;
}

const LOWERABLE = new Set([
  'He',
  'She',
  'They',
  'Adding',
  'Taking',
  'Splitting',
  'There',
  'Together',
  'In',
  'With',
  'After',
  'Each',
  'The'
]);

function randomPerson(rng: Rng, pieces: readonly string[] | undefined): Person {
  const name = rng.chance(0.5) ? inventedWord(rng) : capitalize(strangeWord(rng, pieces));
  return { name, gender: rng.pick(['f', 'm'] as const) };
}

function person(rng: Rng, options: GenerateOptions, not: Person[] = []): Person {
  const heldOut = options.heldOut ?? false;
  const randomNames = options.randomNames ?? 0;
  for (;;) {
    // Checked only when wanted, so that options without random names draw the same people as before.
    const p = randomNames > 0 && rng.chance(randomNames) ? randomPerson(rng, options.wordPieces) : rng.pick(PEOPLE);
    if (isHeldOut(p.name) === heldOut && !not.some((q) => q.name === p.name)) return p;
  }
}

function op(kind: OpKind, a: number, b: number): Op {
  return { kind, a, b, result: applyOp(kind, a, b) };
}

/** A person gains or loses things, maybe after starting from groups, maybe ending with equal sharing. */
function possessionStory(rng: Rng, nOps: number, options: GenerateOptions): Story | null {
  const p = person(rng, options);
  const pr = pronoun(p);
  const t: Thing = rng.pick(THINGS);
  const steps: Step[] = [];
  let have: number;
  const intro: string[] = [];
  let remaining = nOps;

  if (rng.chance(0.3) && remaining >= 1) {
    const groups = rng.int(2, 9);
    const per = rng.int(2, 12);
    const c = rng.pick(t.containers);
    const o = op('mul', groups, per);
    const text = rng.pick([
      `${p.name} had ${groups} ${c}s of ${t.many}. Each ${c} held ${per} ${t.many}.`,
      `${p.name} has ${groups} ${c}s with ${per} ${t.many} in each ${c}.`,
      `There are ${per} ${t.many} in each ${c}, and ${p.name} has ${groups} ${c}s.`,
      `${p.name} bought ${groups} ${c}s of ${t.many}, and every ${c} had ${per} ${t.many} in it.`
    ]);
    steps.push({
      op: o,
      text,
      explain: [
        `${p.name} has ${groups} ${c}s with ${per} ${t.many} each, so ${pr.subj} has {eq} ${t.many}.`,
        `There are ${groups} groups of ${per}, so there are {eq} ${t.many} at first.`,
        `{eq} ${t.many} to start with.`
      ]
    });
    have = o.result;
    remaining--;
  } else {
    have = rng.int(3, 60);
    intro.push(
      rng.pick([
        `${p.name} had ${have} ${t.many}.`,
        `${p.name} has ${have} ${t.many}.`,
        `There were ${have} ${t.many} in ${p.name}'s room.`,
        `${p.name} started the day with ${have} ${t.many}.`,
        `At first, ${p.name} had ${have} ${t.many}.`,
        `${p.name} owns ${have} ${t.many}.`
      ])
    );
  }

  const wantsDiv = remaining >= 1 && rng.chance(0.25);
  const addSub = wantsDiv ? remaining - 1 : remaining;
  for (let i = 0; i < addSub; i++) {
    const gain = have < 4 || rng.chance(0.5);
    if (gain) {
      const n = rng.int(1, 40);
      const verb = rng.pick(t.gain);
      const o = op('add', have, n);
      steps.push({
        op: o,
        text: rng.pick([
          `Then ${pr.subj} ${verb} ${n} more.`,
          `${capitalize(pr.subj)} ${verb} ${n} more ${n === 1 ? t.one : t.many}.`,
          `Later, ${p.name} ${verb} another ${count(n, t)}.`,
          `After that, ${pr.subj} ${verb} ${count(n, t)}.`,
          `${p.name}'s friend gave ${pr.obj} ${n} more ${n === 1 ? t.one : t.many}.`
        ]),
        explain: [
          `${capitalize(pr.subj)} gets ${n} more, so ${pr.subj} has {eq}.`,
          `Adding ${n} gives {eq}.`,
          `{eq} after getting ${n} more.`
        ]
      });
      have = o.result;
    } else {
      const n = rng.int(1, have - 1);
      const verb = rng.pick(t.lose);
      const o = op('sub', have, n);
      steps.push({
        op: o,
        text: rng.pick([
          `Then ${pr.subj} ${verb} ${n} of them.`,
          `${capitalize(pr.subj)} ${verb} ${count(n, t)}.`,
          `Later, ${p.name} ${verb} ${count(n, t)}.`,
          `After that, ${pr.subj} ${verb} ${n}.`,
          `${p.name} ${verb} ${n} of the ${t.many}.`
        ]),
        explain: [
          `${capitalize(pr.subj)} loses ${n}, so ${pr.subj} has {eq} left.`,
          `Taking away ${n} leaves {eq}.`,
          `{eq} after ${n} are gone.`
        ]
      });
      have = o.result;
    }
  }

  if (wantsDiv) {
    const divisors = [2, 3, 4, 5, 6, 7, 8, 9, 10].filter((d) => have % d === 0 && have / d >= 1);
    if (divisors.length === 0) return null;
    const k = rng.pick(divisors);
    const o = op('div', have, k);
    const c = rng.pick(t.containers);
    const share = rng.chance(0.5);
    steps.push({
      op: o,
      text: share
        ? rng.pick([
            `${capitalize(pr.subj)} shared them equally among ${k} friends.`,
            `${p.name} split the ${t.many} evenly between ${k} friends.`,
            `Then ${pr.subj} gave the same number of ${t.many} to each of ${k} friends, with none left over.`
          ])
        : rng.pick([
            `${capitalize(pr.subj)} put them equally into ${k} ${c}s.`,
            `${p.name} packed all of them into ${k} ${c}s with the same number in each.`
          ]),
      explain: [
        `Splitting them into ${k} equal parts gives {eq} in each.`,
        `${capitalize(share ? 'each friend gets' : `each ${c} gets`)} {eq}.`,
        `{eq} in each part.`
      ]
    });
    return {
      intro,
      steps,
      unit: t.many,
      question: share
        ? rng.pick([`How many ${t.many} did each friend get?`, `How many ${t.many} does each friend receive?`])
        : rng.pick([`How many ${t.many} are in each ${c}?`, `How many ${t.many} did ${pr.subj} put in each ${c}?`])
    };
  }

  return {
    intro,
    steps,
    unit: t.many,
    question: rng.pick([
      `How many ${t.many} does ${p.name} have now?`,
      `How many ${t.many} does ${pr.subj} have now?`,
      `How many ${t.many} does ${p.name} have left?`,
      `How many ${t.many} does ${pr.subj} have in all?`,
      `How many ${t.many} are there now?`,
      `What is the number of ${t.many} ${p.name} has at the end?`
    ])
  };
}

/** Two people compared or combined: "how many more", "in all", "times as many". */
function twoPeopleStory(rng: Rng, nOps: number, options: GenerateOptions): Story | null {
  const p = person(rng, options);
  const q = person(rng, options, [p]);
  const t = rng.pick(THINGS);
  const x = rng.int(5, 60);
  const intro = [rng.pick([`${p.name} has ${x} ${t.many}.`, `${p.name} collected ${x} ${t.many}.`])];
  const steps: Step[] = [];
  if (nOps === 1) {
    const y = rng.int(2, 60);
    if (rng.chance(0.5) && x !== y) {
      const [hi, lo] = x > y ? [p, q] : [q, p];
      const o = op('sub', Math.max(x, y), Math.min(x, y));
      steps.push({
        op: o,
        text: `${q.name} has ${y} ${t.many}.`,
        explain: [
          `${hi.name} has ${o.a} and ${lo.name} has ${o.b}, so the difference is {eq}.`,
          `The difference is {eq}.`,
          `{eq} more.`
        ]
      });
      return { intro, steps, unit: t.many, question: `How many more ${t.many} does ${hi.name} have than ${lo.name}?` };
    }
    const o = op('add', x, y);
    steps.push({
      op: o,
      text: rng.pick([`${q.name} has ${y} ${t.many}.`, `${q.name} has ${y}.`]),
      explain: [`Together they have {eq} ${t.many}.`, `Adding them gives {eq}.`, `{eq} in all.`]
    });
    return {
      intro,
      steps,
      unit: t.many,
      question: rng.pick([
        `How many ${t.many} do they have in all?`,
        `How many ${t.many} do they have altogether?`,
        `How many ${t.many} do ${p.name} and ${q.name} have together?`
      ])
    };
  }
  // Two or three operations: the second person is defined relative to the first.
  const more = rng.chance(0.4);
  const times = !more && rng.chance(0.4);
  let qHas: number;
  if (times) {
    const k = rng.int(2, 5);
    const small = rng.int(2, 20);
    intro[0] = `${p.name} has ${small} ${t.many}.`;
    const o = op('mul', small, k);
    qHas = o.result;
    steps.push({
      op: o,
      text: rng.pick([`${q.name} has ${k} times as many ${t.many} as ${p.name}.`, `${q.name} has ${k} times as many.`]),
      explain: [`${q.name} has ${k} times as many, so ${q.name} has {eq}.`, `${q.name}: {eq}.`, `{eq} for ${q.name}.`]
    });
  } else {
    const d = rng.int(2, Math.max(2, Math.min(30, x - 1)));
    const o = op(more ? 'add' : 'sub', x, d);
    qHas = o.result;
    steps.push({
      op: o,
      text: rng.pick([
        `${q.name} has ${d} ${more ? 'more' : 'fewer'} ${t.many} than ${p.name}.`,
        `${q.name} has ${d} ${more ? 'more' : 'fewer'} than ${p.name}.`
      ]),
      explain: [
        `${q.name} has ${d} ${more ? 'more' : 'fewer'}, so ${q.name} has {eq}.`,
        `${q.name} has {eq}.`,
        `{eq} for ${q.name}.`
      ]
    });
  }
  const pHas = steps[0]?.op.a ?? x;
  const o2 = op('add', pHas, qHas);
  steps.push({
    op: o2,
    text: '',
    explain: [`Together they have {eq} ${t.many}.`, `In all, {eq}.`, `{eq} altogether.`]
  });
  if (nOps === 3) {
    const used = rng.int(2, o2.result - 1);
    const o3 = op('sub', o2.result, used);
    steps.push({
      op: o3,
      text: rng.pick([
        `They gave away ${used} of their ${t.many}.`,
        `Then they lost ${used} ${t.many}.`,
        `They used ${used} of them for a project.`
      ]),
      explain: [`After giving up ${used}, they have {eq}.`, `{eq} are left.`, `{eq} left.`]
    });
    return { intro, steps, unit: t.many, question: `How many ${t.many} do they have left?` };
  }
  return {
    intro,
    steps,
    unit: t.many,
    question: rng.pick([`How many ${t.many} do they have in all?`, `How many ${t.many} do they have together?`])
  };
}

/** Buying several things at a price each, maybe with change or an extra item. */
function shoppingStory(rng: Rng, nOps: number, options: GenerateOptions): Story | null {
  const p = person(rng, options);
  const pr = pronoun(p);
  const t = rng.pick(THINGS.filter((x) => x.one !== 'dollar'));
  const n = rng.int(2, 9);
  const price = rng.int(2, 12);
  const o1 = op('mul', n, price);
  const steps: Step[] = [
    {
      op: o1,
      text: rng.pick([
        `${p.name} bought ${n} ${t.many} for ${price} dollars each.`,
        `Each ${t.one} costs ${price} dollars. ${p.name} buys ${n} of them.`,
        `${p.name} buys ${n} ${t.many}. One ${t.one} costs ${price} dollars.`
      ]),
      explain: [
        `${n} ${t.many} at ${price} dollars each cost {eq} dollars.`,
        `The ${t.many} cost {eq} dollars.`,
        `{eq} dollars.`
      ]
    }
  ];
  let total = o1.result;
  if (nOps >= 2) {
    const extra = rng.int(1, 20);
    const o2 = op('add', total, extra);
    steps.push({
      op: o2,
      text: rng.pick([
        `${capitalize(pr.subj)} also bought a hat for ${extra} dollars.`,
        `${capitalize(pr.subj)} also paid ${extra} dollars for a bag.`
      ]),
      explain: [
        `Adding the ${extra} dollars gives {eq} dollars.`,
        `With the extra item: {eq}.`,
        `{eq} dollars in total.`
      ]
    });
    total = o2.result;
  }
  if (nOps >= 3) {
    const paid = (Math.floor(total / 10) + 1 + rng.int(0, 3)) * 10;
    const o3 = op('sub', paid, total);
    steps.push({
      op: o3,
      text: `${capitalize(pr.subj)} paid with ${paid} dollars.`,
      explain: [`The change is {eq} dollars.`, `${capitalize(pr.subj)} gets back {eq} dollars.`, `{eq} dollars back.`]
    });
    return {
      intro: [],
      steps,
      unit: 'dollars',
      question: rng.pick([`How much change did ${pr.subj} get?`, `How many dollars of change did ${p.name} get back?`])
    };
  }
  return {
    intro: [],
    steps,
    unit: 'dollars',
    question: rng.pick([
      `How much did ${p.name} spend?`,
      `How many dollars did ${pr.subj} spend in all?`,
      `How much money did ${p.name} pay?`
    ])
  };
}

/** Equal groups counted, then some taken: rows of chairs, pages of a book, laps of a track. */
function groupsStory(rng: Rng, nOps: number): Story | null {
  const [groups, per] = [rng.int(2, 9), rng.int(2, 12)];
  const setting = rng.pick([
    { g: 'rows', x: 'chairs', q: 'chairs', verb: 'are taken', left: 'empty' },
    { g: 'shelves', x: 'books', q: 'books', verb: 'are borrowed', left: 'still on the shelves' },
    { g: 'tables', x: 'seats', q: 'seats', verb: 'are filled', left: 'free' },
    { g: 'boxes', x: 'crayons', q: 'crayons', verb: 'are broken', left: 'not broken' },
    { g: 'pages', x: 'pictures', q: 'pictures', verb: 'are coloured in', left: 'not coloured in yet' }
  ]);
  const o1 = op('mul', groups, per);
  const steps: Step[] = [
    {
      op: o1,
      text: rng.pick([
        `There are ${groups} ${setting.g} with ${per} ${setting.x} in each.`,
        `A room has ${groups} ${setting.g}, and each one has ${per} ${setting.x}.`,
        `Each of the ${groups} ${setting.g} has ${per} ${setting.x}.`
      ]),
      explain: [
        `${groups} ${setting.g} of ${per} make {eq} ${setting.x}.`,
        `There are {eq} ${setting.x} in all.`,
        `{eq} ${setting.x}.`
      ]
    }
  ];
  if (nOps === 1) return { intro: [], steps, unit: setting.x, question: `How many ${setting.q} are there in all?` };
  let total = o1.result;
  if (nOps === 3) {
    const more = rng.int(1, 20);
    const o = op('add', total, more);
    steps.push({
      op: o,
      text: `Then ${more} more ${setting.x} are added.`,
      explain: [`With ${more} more there are {eq}.`, `{eq} after adding ${more}.`, `{eq} now.`]
    });
    total = o.result;
  }
  const taken = rng.int(2, total - 1);
  const o2 = op('sub', total, taken);
  steps.push({
    op: o2,
    text: `${taken} ${setting.x} ${setting.verb}.`,
    explain: [`${taken} ${setting.verb}, so {eq} are ${setting.left}.`, `{eq} are ${setting.left}.`, `{eq} left.`]
  });
  return { intro: [], steps, unit: setting.x, question: `How many ${setting.q} are ${setting.left}?` };
}

function writeRationale(story: Story, style: number, answer: number, rng: Rng): string {
  const lines: string[] = [];
  const ordinals = ['First,', 'Next,', 'Then,', 'Finally,'];
  story.steps.forEach((s, i) => {
    const clause = (s.explain[style % s.explain.length] ?? '{eq}.').replace('{eq}', equation(s.op));
    if (style === 1 && story.steps.length > 1) {
      const word = i === story.steps.length - 1 ? 'Finally,' : (ordinals[i] ?? 'Then,');
      const first = clause.split(' ')[0] ?? '';
      lines.push(`${word} ${LOWERABLE.has(first) ? clause.charAt(0).toLowerCase() + clause.slice(1) : clause}`);
    } else {
      lines.push(clause);
    }
  });
  if (style === 2 && rng.chance(0.5)) lines.unshift('We need to combine the numbers in order.');
  lines.push(answerSentence(String(answer)));
  return lines.join(' ');
}

const EQUATION = /(\d+) ([+\-×÷]) (\d+) = (\d+)/g;
const KIND_BY_SYMBOL: Record<string, OpKind> = { '+': 'add', '-': 'sub', '×': 'mul', '÷': 'div' };

/** Recompute every equation in a rationale; the teacher never emits one that does not check out. */
export function checkArithmeticRationale(rationale: string, answer: string): boolean {
  let last: number | null = null;
  for (const m of rationale.matchAll(EQUATION)) {
    const kind = KIND_BY_SYMBOL[m[2] ?? ''];
    if (kind === undefined) return false;
    if (applyOp(kind, Number(m[1]), Number(m[3])) !== Number(m[4])) return false;
    last = Number(m[4]);
  }
  return last !== null && String(last) === answer && rationale.endsWith(answerSentence(answer));
}

export function generateArithmetic(rng: Rng, options: GenerateOptions = {}): Problem {
  for (;;) {
    const nOps = options.steps ?? rng.pick([1, 2, 2, 3, 3]);
    const heldOut = options.heldOut ?? false;
    // Held-out sets skip the one story without people, so every test question carries an unseen name.
    const kind = rng.int(0, heldOut ? 8 : 9);
    const story =
      kind < 5
        ? possessionStory(rng, nOps, options)
        : kind < 7
          ? twoPeopleStory(rng, nOps, options)
          : kind < 9
            ? shoppingStory(rng, nOps, options)
            : groupsStory(rng, nOps);
    if (story === null || story.steps.length !== nOps) continue;
    const lastOp = story.steps[story.steps.length - 1]?.op;
    if (lastOp === undefined || !story.steps.every((s) => Number.isInteger(s.op.result) && s.op.result >= 0)) continue;
    const answer = lastOp.result;
    const sentences = [...story.intro, ...story.steps.map((s) => s.text).filter(Boolean)];
    if (rng.chance(0.2)) {
      // The distractor's person respects the held-out split too, or held-out names leak into training.
      const p = person(rng, options);
      sentences.splice(rng.int(1, sentences.length), 0, rng.pick(DISTRACTORS)(p, rng.int(2, 40)));
    }
    const question = [...sentences, story.question].join(' ');
    const styles = rng.shuffle([0, 1, 2]);
    const rationales = [...new Set(styles.map((s) => writeRationale(story, s, answer, rng)))];
    const a = String(answer);
    if (!rationales.every((r) => checkArithmeticRationale(r, a))) continue;
    return { family: 'arithmetic', question, answer: a, steps: nOps, rationales };
  }
}
