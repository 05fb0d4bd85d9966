/** Node targets: each engine in its own child process (bench/node/child.ts), driven over IPC. */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Dtype } from '$lib/core/types.ts';
import type { LoadSample, Target, TargetSession } from '../plan.ts';
import type { GenerateOptions, RunResult } from '../web/api.ts';
import type { ChildReply, ChildRequest, NodeEngine } from './childProtocol.ts';

type Body<T> = T extends unknown ? Omit<T, 'id'> : never;

class Child {
  readonly #proc: ChildProcess;
  readonly #pending = new Map<number, { resolve: (r: ChildReply) => void; reject: (e: Error) => void }>();
  #nextId = 1;

  constructor(engine: NodeEngine, modelsDir: string, modelId: string) {
    this.#proc = fork(join(import.meta.dirname, 'child.ts'), [engine, modelsDir, modelId], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc']
    });
    this.#proc.on('message', (reply: ChildReply) => {
      const p = this.#pending.get(reply.id);
      this.#pending.delete(reply.id);
      if (reply.type === 'error') p?.reject(new Error(`${engine}: ${reply.message}`));
      else p?.resolve(reply);
    });
    this.#proc.on('exit', (code) => {
      for (const p of this.#pending.values()) p.reject(new Error(`${engine} child exited with ${code}`));
      this.#pending.clear();
    });
  }

  request(body: Body<ChildRequest>): Promise<ChildReply> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#proc.send({ ...body, id });
    });
  }

  async load(dtype: Dtype): Promise<number> {
    const r = await this.request({ type: 'load', dtype });
    if (r.type !== 'loaded') throw new Error(`unexpected ${r.type}`);
    return r.result.loadMs;
  }

  async generate(options: GenerateOptions): Promise<RunResult> {
    const r = await this.request({ type: 'generate', options });
    if (r.type !== 'generated') throw new Error(`unexpected ${r.type}`);
    return r.result;
  }

  async peakRss(): Promise<number> {
    const r = await this.request({ type: 'memory' });
    if (r.type !== 'memory') throw new Error(`unexpected ${r.type}`);
    return r.peakRssBytes;
  }

  close(): void {
    this.#proc.kill();
  }
}

export function nodeTarget(engines: readonly NodeEngine[], modelsDir: string, modelId: string): Target<NodeEngine> {
  return {
    id: 'node',
    label: 'Node (onnxruntime-node, CPU, 1 thread)',
    engines,
    threads: 1,
    memoryNote: 'peak RSS of the engine’s own process (maxRSS)',
    async measureLoad(engine, dtype): Promise<LoadSample> {
      const child = new Child(engine, modelsDir, modelId);
      try {
        const coldMs = await child.load(dtype);
        const warmMs = await child.load(dtype);
        return { coldMs, warmMs };
      } finally {
        child.close();
      }
    },
    async open(dtype): Promise<TargetSession<NodeEngine>> {
      const children = new Map(engines.map((e) => [e, new Child(e, modelsDir, modelId)]));
      const child = (e: NodeEngine): Child => {
        const c = children.get(e);
        if (c === undefined) throw new Error(`no child for ${e}`);
        return c;
      };
      for (const e of engines) await child(e).load(dtype);
      return {
        generate: (e, options) => child(e).generate(options),
        async memory() {
          const out = {} as Record<NodeEngine, number | null>;
          for (const e of engines) out[e] = await child(e).peakRss();
          return out;
        },
        async close() {
          for (const c of children.values()) c.close();
        }
      };
    }
  };
}
