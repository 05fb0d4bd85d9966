import type { ModelRef } from '../../core/types.ts';

/** The URL transformers.js requests a Hub file at (`env.remoteHost` + `remotePathTemplate`), also the cache key. */
export function hubFileUrl(host: string, id: string, revision: string, file: string): string {
  return `${host}${id}/resolve/${encodeURIComponent(revision)}/${file}`;
}

/** Where a model's file lives: under the app's models folder, or at the Hub's resolve URL. */
export function modelFileUrl(model: ModelRef, file: string): string {
  switch (model.source) {
    case 'bundled':
      return `${model.baseUrl}${model.id}/${file}`;
    case 'hub':
      return hubFileUrl(model.baseUrl, model.id, model.revision, file);
  }
}
