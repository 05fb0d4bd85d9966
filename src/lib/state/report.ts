import { MODES } from '../prompts/index.ts';
import type { ExportContext, RunReport } from '../eval/export.ts';
import type { AppState } from './app.svelte.ts';

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** Model, backend and prompt settings as they are now: the header of every export. */
export function exportContext(app: AppState, parameters: number | null, nowMs: number): ExportContext {
  const { stopSequences, ...params } = app.runParams;
  const backend = app.engine.backend;
  return {
    exportedAt: isoTime(nowMs),
    model: {
      id: app.model.id,
      parameters,
      device: backend?.device ?? null,
      dtype: backend?.dtype ?? null,
      threads: backend?.threads ?? null
    },
    params,
    stopSequences,
    trigger: app.trigger,
    exemplars: app.exemplars.map((e) => ({ ...e }))
  };
}

/** The three panes as they stand: prompt, text, answer and stats of the last run. */
export function runReport(app: AppState, parameters: number | null, nowMs: number): RunReport {
  return {
    kind: 'run',
    ...exportContext(app, parameters, nowMs),
    question: app.question.question,
    gold: app.question.gold,
    panes: MODES.map((mode) => {
      const pane = app.panes[mode];
      return {
        mode,
        status: pane.status,
        prompt: pane.prompt,
        text: pane.text,
        answer: pane.answer,
        correct: pane.correct,
        stats: pane.stats
      };
    })
  };
}
