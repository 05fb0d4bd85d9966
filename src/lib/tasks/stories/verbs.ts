/** Verb forms the questions need beside the vocabulary's past tenses. */
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
