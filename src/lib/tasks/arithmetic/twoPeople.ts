import type { GenerateOptions } from '../types.ts';
import { THINGS } from '../lexicon.ts';
import { op } from '../ops.ts';
import type { Rng } from '../../core/rng.ts';
import { person, type Step, type Story } from './story.ts';

/** Two people compared or combined: "how many more", "in all", "times as many". */
export function twoPeopleStory(rng: Rng, nOps: number, options: GenerateOptions): Story | null {
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
