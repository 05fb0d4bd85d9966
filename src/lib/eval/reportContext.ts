import type { GenParams } from '../core/types.ts';
import type { Exemplar } from '../prompts/index.ts';
import type { ExportContext } from './reportFormats.ts';

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** What the header of an export is made from: the loaded model's facts, its backend, the prompt settings. */
export interface ContextSource {
  modelId: string;
  parameters: number | null;
  backend: { device: string; dtype: string; threads: number } | null;
  params: GenParams;
  trigger: string;
  exemplars: readonly Exemplar[];
}

/** Model, backend and prompt settings as they are now: the header of every export. */
export function exportContext(source: ContextSource, nowMs: number): ExportContext {
  const { stopSequences, ...params } = source.params;
  const backend = source.backend;
  return {
    exportedAt: isoTime(nowMs),
    model: {
      id: source.modelId,
      parameters: source.parameters,
      device: backend?.device ?? null,
      dtype: backend?.dtype ?? null,
      threads: backend?.threads ?? null
    },
    params,
    stopSequences,
    trigger: source.trigger,
    exemplars: source.exemplars.map((e) => ({ ...e }))
  };
}
