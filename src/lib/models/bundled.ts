import type { BundledModelRef, Dtype } from '../core/types.ts';
import { catalogEntry } from './catalog.ts';

/** Models bundled with the app, default first: the only ids a link may name. */
export const MODEL_IDS = ['think-small-3m'] as const;
export type ModelId = (typeof MODEL_IDS)[number];

export function isModelId(value: unknown): value is ModelId {
  return typeof value === 'string' && (MODEL_IDS as readonly string[]).includes(value);
}

/** The dtypes a bundled model ships, from its catalog entry (the one descriptor of each model). */
function shippedDtypes(id: ModelId): Dtype[] {
  const entry = catalogEntry(id);
  if (entry === null || entry.source !== 'bundled') throw new Error(`${id} is not a bundled model in the catalog`);
  return [...new Set([...entry.wasmDtypes, ...entry.webgpuDtypes])];
}

/** A model bundled with the app, served from `/models/<id>/`. */
export function bundledModel(origin: string, base = '/', id: ModelId = MODEL_IDS[0]): BundledModelRef {
  return {
    source: 'bundled',
    id,
    baseUrl: new URL(`${base.replace(/\/?$/, '/')}models/`, origin).href,
    dtypes: shippedDtypes(id)
  };
}
