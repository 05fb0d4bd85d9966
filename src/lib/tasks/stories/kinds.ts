import { changeResult, changeUnknown, combine, compare, partUnknown, relative, startUnknown } from './changeKinds.ts';
import { groups, price, rate, share, unitPrice } from './groupKinds.ts';
import type { Kind } from './parts.ts';

/**
 * One-step problems with the unknown in every place: result, start, change, part, difference, factor. The order
 * and the doubled entry are part of the seeded draw: changing either changes every corpus built from a seed.
 */
export const ONE_STEP: readonly Kind[] = [
  changeResult,
  changeResult,
  startUnknown,
  changeUnknown,
  combine,
  partUnknown,
  compare,
  relative,
  groups,
  share,
  price,
  unitPrice,
  rate
];
