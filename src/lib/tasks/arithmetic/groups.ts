import { op } from '../ops.ts';
import type { Rng } from '../../core/rng.ts';
import type { Step, Story } from './story.ts';

/** Equal groups counted, then some taken: rows of chairs, pages of a book, laps of a track. */
export function groupsStory(rng: Rng, nOps: number): Story | null {
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
