import type { GenerateOptions } from '../types.ts';
import { THINGS, capitalize, pronoun } from '../lexicon.ts';
import { op } from '../ops.ts';
import type { Rng } from '../../core/rng.ts';
import { person, type Step, type Story } from './story.ts';

/** Buying several things at a price each, maybe with change or an extra item. */
export function shoppingStory(rng: Rng, nOps: number, options: GenerateOptions): Story | null {
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
