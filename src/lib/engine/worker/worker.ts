import { toWire } from '../shared/errors.ts';
import { assertNever } from '../../core/assert.ts';
import type { Reply, Request } from '../shared/protocol.ts';
import { Runtime } from './runtime.ts';

const post = (reply: Reply): void => self.postMessage(reply);
const runtime = new Runtime(post);

function fail(err: unknown, runId?: string): void {
  post({ type: 'error', ...(runId === undefined ? {} : { runId }), ...toWire(err) });
}

self.addEventListener('message', (event: MessageEvent<Request>) => {
  const req = event.data;
  switch (req.type) {
    case 'load':
      runtime.load(req.model, req.device, req.threads, req.warmUpRuns).catch((err: unknown) => fail(err));
      break;
    case 'generate':
      runtime.generate(req.runId, req.prompt, req.params, req.draw).catch((err: unknown) => fail(err, req.runId));
      break;
    case 'generate-batch':
      runtime.generateBatch(req.runs, req.params, req.goal).catch((err: unknown) => {
        for (const { runId } of req.runs) fail(err, runId);
      });
      break;
    case 'count':
      try {
        post({ type: 'counted', runId: req.runId, tokens: runtime.count(req.texts) });
      } catch (err) {
        fail(err, req.runId);
      }
      break;
    case 'keep':
      void runtime.keep(req.prompts);
      break;
    case 'interrupt':
      runtime.interrupt(req.runId);
      break;
    default:
      assertNever(req);
  }
});
