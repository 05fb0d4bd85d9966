/**
 * Where the app's per-token time goes, next to the bare loop's: V8's sampling profiler in both workers
 * of one benchmark page, runs interleaved, then each worker's samples split into ORT's `run` (the same
 * onnxruntime-web code in both), garbage collection, and the JavaScript around it, per generated token.
 */
import type { Browser, CDPSession } from '@playwright/test';
import type { BenchPrompt } from '../prompts.ts';
import { ENGINES, type Engine } from '../web/api.ts';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSplit {
  engine: Engine;
  tokens: number;
  /** Per generated token. */
  ortRunMs: number;
  gcMs: number;
  otherJsMs: number;
  /** The heaviest frames outside ORT's run, as [frame, µs per token]. */
  top: [string, number][];
}

/** Talks to one worker through the page's CDP session (Playwright has no CDP session for workers). */
class WorkerProfiler {
  #nextId = 1;
  readonly #pending = new Map<number, (result: unknown) => void>();
  readonly #cdp: CDPSession;
  readonly #sessionId: string;

  constructor(cdp: CDPSession, sessionId: string) {
    this.#cdp = cdp;
    this.#sessionId = sessionId;
    cdp.on('Target.receivedMessageFromTarget', (e) => {
      if (e.sessionId !== sessionId) return;
      const m = JSON.parse(e.message) as { id?: number; result?: unknown };
      if (m.id !== undefined) this.#pending.get(m.id)?.(m.result);
    });
  }

  send(method: string, params: object = {}): Promise<unknown> {
    const id = this.#nextId++;
    return new Promise((resolve) => {
      this.#pending.set(id, resolve);
      void this.#cdp.send('Target.sendMessageToTarget', {
        sessionId: this.#sessionId,
        message: JSON.stringify({ id, method, params })
      });
    });
  }
}

function split(engine: Engine, profile: Profile, tokens: number): ProfileSplit {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // ORT's run: the runtime's WASM and its glue file, the bundled JS frames that call straight into
  // them (onnxruntime-web's own tensor copying included), and everything below those.
  const isOrt = (n: ProfileNode | undefined): boolean =>
    n !== undefined && (n.callFrame.url.includes('ort-wasm') || n.callFrame.url.startsWith('wasm://'));
  const runRoots = new Set<number>();
  for (const n of profile.nodes)
    if (n.callFrame.url.includes('/assets/') && !isOrt(n) && (n.children ?? []).some((c) => isOrt(byId.get(c))))
      runRoots.add(n.id);
  const memo = new Map<number, boolean>();
  const underRun = (id: number): boolean => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const up = parent.get(id);
    const result = runRoots.has(id) || isOrt(byId.get(id)) || (up !== undefined && underRun(up));
    memo.set(id, result);
    return result;
  };
  let ortRun = 0;
  let gc = 0;
  let other = 0;
  const frames = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const node = byId.get(id);
    if (node === undefined) return;
    const name = node.callFrame.functionName;
    if (name === '(idle)' || name === '(root)' || name === '(program)') return;
    if (name === '(garbage collector)') gc += dt;
    else if (underRun(id)) ortRun += dt;
    else {
      other += dt;
      const key = `${name || '(anonymous)'} (${node.callFrame.url.split('/').pop() ?? ''}:${node.callFrame.lineNumber + 1})`;
      frames.set(key, (frames.get(key) ?? 0) + dt);
    }
  });
  const per = (ms: number): number => ms / Math.max(1, tokens);
  return {
    engine,
    tokens,
    ortRunMs: per(ortRun),
    gcMs: per(gc),
    otherJsMs: per(other),
    top: [...frames]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([k, ms]) => [k, per(ms) * 1000])
  };
}

export async function profileWorkers(
  browser: Browser,
  baseUrl: string,
  prompts: readonly BenchPrompt[],
  reps: number
): Promise<ProfileSplit[]> {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    const sessions = new Map<Engine, string>();
    cdp.on('Target.attachedToTarget', (e) => {
      if (e.targetInfo.type !== 'worker') return;
      const engine: Engine = e.targetInfo.url.includes('/bare.worker') ? 'bare' : 'app';
      if (!sessions.has(engine)) sessions.set(engine, e.sessionId);
    });
    // Non-flat auto-attach: messages to a worker go through Target.sendMessageToTarget.
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
    await page.goto(`${baseUrl}/bench/web/`);
    for (const engine of ENGINES)
      await page.evaluate(
        (engine) => window.thinkSmallBench.load(engine, { dtype: 'q8', device: 'wasm', threads: 1 }),
        engine
      );
    const run = (engine: Engine, prompt: BenchPrompt): Promise<number> =>
      page
        .evaluate(([engine, options]) => window.thinkSmallBench.generate(engine, options), [
          engine,
          { prompt: prompt.text, ids: prompt.ids, maxNewTokens: 64, eosTokenId: 2 }
        ] as const)
        .then((r) => r.tokenAt.length);
    // Warm runs first: profile the tiered-up code, not V8's baseline compiler.
    for (let i = 0; i < 4; i++) for (const p of prompts) for (const engine of ENGINES) await run(engine, p);
    const profilers = new Map<Engine, WorkerProfiler>();
    for (const engine of ENGINES) {
      const sessionId = sessions.get(engine);
      if (sessionId === undefined) throw new Error(`no CDP session for the ${engine} worker`);
      const profiler = new WorkerProfiler(cdp, sessionId);
      await profiler.send('Profiler.enable');
      await profiler.send('Profiler.setSamplingInterval', { interval: 100 });
      await profiler.send('Profiler.start');
      profilers.set(engine, profiler);
    }
    const tokens = new Map<Engine, number>(ENGINES.map((e) => [e, 0]));
    for (let i = 0; i < reps; i++)
      for (const p of prompts)
        for (const engine of i % 2 === 0 ? ENGINES : [...ENGINES].reverse())
          tokens.set(engine, (tokens.get(engine) ?? 0) + (await run(engine, p)));
    const out: ProfileSplit[] = [];
    for (const [engine, profiler] of profilers) {
      const { profile } = (await profiler.send('Profiler.stop')) as { profile: Profile };
      out.push(split(engine, profile, tokens.get(engine) ?? 0));
    }
    return out;
  } finally {
    await context.close();
  }
}
