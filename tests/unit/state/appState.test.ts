import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { format, ready, readyApp, tick } from './fixtures.ts';

beforeEach(() => {
  vi.stubGlobal('fetch', () => Promise.resolve(new Response(JSON.stringify(format))));
});
afterEach(() => vi.unstubAllGlobals());

describe('AppState device choice (issue 14: a new device did nothing until Reload, and nothing said so)', () => {
  it('says a device choice applies on reload, until the reload', async () => {
    const { app, workers } = await readyApp('wasm');
    expect(app.loadNotices).toEqual([]);
    app.setDevice('webgpu');
    expect(app.loadNotices).toEqual(['The device choice (WebGPU) applies when you press Reload model.']);
    const reload = app.loadModel();
    await tick();
    expect(workers.at(-1)?.posted[0]).toMatchObject({ type: 'load', device: 'webgpu' });
    expect(app.loadNotices).toEqual([]);
    workers.at(-1)?.reply(ready);
    await reload;
    expect(app.loadNotices).toEqual([]);
  });

  it('says nothing when the choice goes back to the loaded device', async () => {
    const { app } = await readyApp('wasm');
    app.setDevice('auto');
    app.setDevice('wasm');
    expect(app.loadNotices).toEqual([]);
  });

  it('keeps the engine notices after its own line', async () => {
    const { app, workers } = await readyApp('wasm');
    const reload = app.loadModel();
    await tick();
    if (ready.type !== 'ready') throw new Error('the fixture is a ready reply');
    workers.at(-1)?.reply({ ...ready, notices: ['WebGPU is not available here: running on WASM instead.'] });
    await reload;
    app.setDevice('auto');
    expect(app.loadNotices).toEqual([
      'The device choice (Auto) applies when you press Reload model.',
      'WebGPU is not available here: running on WASM instead.'
    ]);
  });
});
