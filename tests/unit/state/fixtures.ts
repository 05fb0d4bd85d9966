import { STUDENT_FORMAT } from '../../../models/recipe/format.ts';
import type { Reply } from '../../../src/lib/engine/protocol.ts';

/** The student's prompt formats with one short exemplar, as a loaded prompts.json. */
export const format = {
  ...STUDENT_FORMAT,
  exemplars: [{ question: 'What is 2 plus 3?', rationale: '2 + 3 = 5. The answer is 5.', answer: '5' }]
};

/** The worker's answer to a load on WASM. */
export const ready: Reply = {
  type: 'ready',
  device: 'wasm',
  dtype: 'q8',
  threads: 1,
  loadMs: { downloadMs: 1, sessionMs: 1, warmupMs: 1 },
  webgpuAdapter: false,
  contextTokens: 1024,
  notices: [],
  modelCached: true,
  runtimeFiles: []
};
