/** Chromium targets: the benchmark page (bench/web) in headless Chromium, both engines in workers of one page. */
import type { Browser, CDPSession, Page } from '@playwright/test';
import type { Device } from '$lib/core/types.ts';
import type { LoadSample, Target, TargetSession } from '../plan.ts';
import { ENGINES, type Engine } from '../web/api.ts';

export interface BrowserTargetOptions {
  id: string;
  label: string;
  device: Device;
  threads: number;
  baseUrl: string;
}

async function openBench(browser: Browser, baseUrl: string): Promise<Page> {
  // A fresh context has an empty HTTP cache: the first load in it is a first visit.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${baseUrl}/bench/web/`);
  return page;
}

/**
 * CPU seconds of every renderer and the GPU process (SwiftShader runs WebGPU there). Only the page
 * being measured is open while it runs, so the difference across a run is that run's cost.
 */
async function chromiumCpuMs(cdp: CDPSession): Promise<number> {
  const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
  return processInfo
    .filter((p) => p.type === 'renderer' || p.type === 'GPU')
    .reduce((ms, p) => ms + p.cpuTime * 1000, 0);
}

/**
 * On a loaded machine Chromium occasionally fails a model fetch from the local preview server with
 * "network error"; one more try on a fresh page tells that apart from a real failure.
 */
async function retryOnce<T>(what: string, attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (err) {
    process.stderr.write(
      `[bench] ${what} failed (${err instanceof Error ? err.message.split('\n')[0] : String(err)}); retrying once\n`
    );
    return attempt();
  }
}

export function browserTarget(browser: Browser, o: BrowserTargetOptions): Target<Engine> {
  const load = (page: Page, engine: Engine, dtype: string): Promise<number> =>
    page
      .evaluate(
        ([engine, dtype, device, threads]) =>
          window.thinkSmallBench.load(engine, { dtype: dtype as 'q8', device, threads }),
        [engine, dtype, o.device, o.threads] as const
      )
      .then((r) => {
        if (o.device === 'wasm' && r.threads !== o.threads)
          throw new Error(`${engine} runs ${r.threads} threads, not ${o.threads}: is the page cross-origin isolated?`);
        return r.loadMs;
      });
  return {
    id: o.id,
    label: o.label,
    engines: ENGINES,
    threads: o.device === 'wasm' ? o.threads : null,
    memoryNote:
      'the worker’s JS heap and WASM memory after the runs (measureUserAgentSpecificMemory; WASM memory never shrinks, so this is its peak); — where Chromium did not answer within 5 s, as with a thread pool running',
    measureLoad: (engine, dtype) => retryOnce(`${o.label} ${dtype} ${engine} load`, () => measureLoad(engine, dtype)),
    open: (dtype) => retryOnce(`${o.label} ${dtype} session`, () => open(dtype))
  };

  async function measureLoad(engine: Engine, dtype: string): Promise<LoadSample> {
    const page = await openBench(browser, o.baseUrl);
    try {
      const coldMs = await load(page, engine, dtype);
      // A second visit: HTTP cache warm, a fresh worker and a fresh session.
      await page.reload();
      const warmMs = await load(page, engine, dtype);
      return { coldMs, warmMs };
    } finally {
      await page.context().close();
    }
  }

  async function open(dtype: string): Promise<TargetSession<Engine>> {
    const page = await openBench(browser, o.baseUrl);
    try {
      for (const engine of ENGINES) await load(page, engine, dtype);
    } catch (err) {
      await page.context().close();
      throw err;
    }
    const cdp = await browser.newBrowserCDPSession();
    return {
      async generate(engine, options) {
        const cpu0 = await chromiumCpuMs(cdp);
        const r = await page.evaluate(([engine, options]) => window.thinkSmallBench.generate(engine, options), [
          engine,
          options
        ] as const);
        return { ...r, cpuMs: (await chromiumCpuMs(cdp)) - cpu0 };
      },
      memory: () => page.evaluate(() => window.thinkSmallBench.memory()),
      async close() {
        await cdp.detach();
        await page.context().close();
      }
    };
  }
}
