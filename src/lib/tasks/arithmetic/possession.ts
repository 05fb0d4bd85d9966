import type { GenerateOptions } from '../types.ts';
import { THINGS, capitalize, pronoun, type Thing } from '../lexicon.ts';
import { op } from '../ops.ts';
import type { Rng } from '../../core/rng.ts';
import { count, person, type Step, type Story } from './story.ts';

/** A person gains or loses things, maybe after starting from groups, maybe ending with equal sharing. */
export function possessionStory(rng: Rng, nOps: number, options: GenerateOptions): Story | null {
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
