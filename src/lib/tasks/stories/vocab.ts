/** Words the stories need outside the noun categories: plurals, rates, and facts that do not matter. */

const IRREGULAR: Record<string, string> = {
  child: 'children',
  person: 'people',
  mouse: 'mice',
  goose: 'geese',
  sheep: 'sheep',
  deer: 'deer',
  fish: 'fish',
  tooth: 'teeth',
  foot: 'feet',
  leaf: 'leaves',
  loaf: 'loaves',
  knife: 'knives',
  scarf: 'scarves',
  shelf: 'shelves',
  wolf: 'wolves',
  calf: 'calves',
  potato: 'potatoes',
  tomato: 'tomatoes',
  mango: 'mangoes',
  domino: 'dominoes',
  ox: 'oxen',
  moose: 'moose',
  bison: 'bison',
  trout: 'trout',
  salmon: 'salmon'
};

export function plural(one: string): string {
  const words = one.split(' ');
  const last = words.pop() ?? one;
  const irregular = IRREGULAR[last];
  const many =
    irregular ??
    (/[^aeiou]y$/.test(last) ? last.slice(0, -1) + 'ies' : /(s|sh|ch|x|z)$/.test(last) ? last + 'es' : last + 's');
  return [...words, many].join(' ');
}

/** Rates a person earns, reads or makes "per" something; the thing counted and the unit of time. */
export const RATES: readonly { verb: string; base: string; thing: string; per: string; span: string }[] = [
  { verb: 'earns', base: 'earn', thing: 'dollars', per: 'hour', span: 'hours' },
  { verb: 'reads', base: 'read', thing: 'pages', per: 'day', span: 'days' },
  { verb: 'walks', base: 'walk', thing: 'miles', per: 'day', span: 'days' },
  { verb: 'saves', base: 'save', thing: 'dollars', per: 'week', span: 'weeks' },
  { verb: 'bakes', base: 'bake', thing: 'cookies', per: 'hour', span: 'hours' },
  { verb: 'swims', base: 'swim', thing: 'laps', per: 'day', span: 'days' },
  { verb: 'writes', base: 'write', thing: 'pages', per: 'week', span: 'weeks' },
  { verb: 'makes', base: 'make', thing: 'bracelets', per: 'hour', span: 'hours' },
  { verb: 'picks', base: 'pick', thing: 'apples', per: 'minute', span: 'minutes' },
  { verb: 'drives', base: 'drive', thing: 'miles', per: 'hour', span: 'hours' },
  { verb: 'practices', base: 'practice', thing: 'minutes', per: 'day', span: 'days' },
  { verb: 'sells', base: 'sell', thing: 'tickets', per: 'day', span: 'days' },
  { verb: 'collects', base: 'collect', thing: 'cans', per: 'week', span: 'weeks' },
  { verb: 'plants', base: 'plant', thing: 'trees', per: 'day', span: 'days' },
  { verb: 'types', base: 'type', thing: 'words', per: 'minute', span: 'minutes' }
];

/** Numbers that carry no information for the question: ages, times, sizes. */
export const IRRELEVANT: readonly ((who: string, n: number) => string)[] = [
  (who, n) => `${who} is ${n} years old.`,
  (_, n) => `The shop is ${n} blocks away.`,
  (who, n) => `${who}'s sister has ${n} pencils.`,
  (_, n) => `It took ${n} minutes to get there.`,
  (who, n) => `${who} has lived in the town for ${n} years.`,
  (_, n) => `The room has ${n} windows.`,
  (_, n) => `The trip was on May ${Math.min(n, 28)}.`,
  (who, n) => `${who} walked ${n} blocks home afterwards.`,
  (_, n) => `There were ${n} clouds in the sky.`,
  (who, n) => `${who}'s cat is ${Math.min(n, 15)} years old.`
];
