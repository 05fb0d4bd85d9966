import type { ModelRef } from './protocol.ts';

/** The model bundled with the app, served from `/models/think-small-3m/`. */
export function bundledModel(origin: string, base = '/'): ModelRef {
  return {
    id: 'think-small-3m',
    baseUrl: new URL(`${base.replace(/\/?$/, '/')}models/`, origin).href,
    dtypes: ['q8', 'q4', 'fp32']
  };
}

export function modelFileUrl(model: ModelRef, file: string): string {
  return `${model.baseUrl}${model.id}/${file}`;
}
