import { describe, expect, it } from 'vitest';
import { HubFiles, fetchRepo } from '$lib/hub/hubFiles.ts';
import { DownloadCancelledError, HubError } from '$lib/hub/hubErrors.ts';
import { HOST, hubFetch, memoryStorage, repoFiles } from './hubFakes.ts';

const WEIGHTS = 'onnx/model_quantized.onnx';

async function setup(override?: Parameters<typeof hubFetch>[1]) {
  const files = repoFiles();
  const net = hubFetch(files, override);
  const storage = memoryStorage();
  const repo = await fetchRepo(HOST, 'o/m', 'main', storage, net.fetch);
  const hub = new HubFiles(HOST, repo, storage, net.fetch);
  const file = (path: string) => {
    const f = repo.files.find((x) => x.path === path);
    if (f === undefined) throw new Error(path);
    return f;
  };
  return { net, storage, repo, hub, file };
}

describe('fetchRepo', () => {
  it('keeps the file list, so a second look asks nothing', async () => {
    const { net, storage } = await setup();
    await fetchRepo(HOST, 'o/m', 'main', storage, net.fetch);
    expect(net.calls.filter((u) => u.includes('/api/'))).toHaveLength(1);
  });
  it.each([
    [404, /Model o\/m at revision main was not found on the Hub \(HTTP 404\)/],
    [401, /o\/m needs a signed-in account \(HTTP 401\)/]
  ])('HTTP %i is named', async (status, message) => {
    const net = hubFetch(repoFiles(), () => new Response('{}', { status }));
    await expect(fetchRepo(HOST, 'o/m', 'main', memoryStorage(), net.fetch)).rejects.toThrow(message);
  });
  it('an HTML page instead of JSON is named', async () => {
    const net = hubFetch(repoFiles(), () => new Response('<html>', { headers: { 'content-type': 'text/html' } }));
    await expect(fetchRepo(HOST, 'o/m', 'main', memoryStorage(), net.fetch)).rejects.toThrow(/came back as a web page/);
  });
  it('a network failure or CORS block is named', async () => {
    const net = hubFetch(repoFiles(), () => Promise.reject(new TypeError('Failed to fetch')));
    await expect(fetchRepo(HOST, 'o/m', 'main', memoryStorage(), net.fetch)).rejects.toThrow(
      'Could not reach hub.test (Failed to fetch): you may be offline, or a network filter or CORS blocked the request.'
    );
  });
});

describe('HubFiles', () => {
  it('downloads with progress, caches, and serves the second read from the cache', async () => {
    const { net, hub, file } = await setup();
    const seen: [number, number, boolean][] = [];
    const bytes = await hub.get(file(WEIGHTS), (l, t, c) => seen.push([l, t, c]));
    expect(bytes.byteLength).toBe(1000);
    expect(seen.at(-1)).toEqual([1000, 1000, false]);
    expect(await hub.has(file(WEIGHTS))).toBe(true);
    const again: boolean[] = [];
    await hub.get(file(WEIGHTS), (_l, _t, c) => again.push(c));
    expect(again).toEqual([true]);
    expect(net.calls.filter((u) => u.endsWith(WEIGHTS))).toHaveLength(1);
  });

  it('a damaged cached copy is dropped and fetched again', async () => {
    const { net, storage, hub, file } = await setup();
    await hub.get(file(WEIGHTS), () => {});
    await storage.cache.put(hub.url(file(WEIGHTS)), new Response('junk'));
    expect(await hub.cached(file(WEIGHTS))).toBeNull();
    expect((await hub.get(file(WEIGHTS), () => {})).byteLength).toBe(1000);
    expect(net.calls.filter((u) => u.endsWith(WEIGHTS))).toHaveLength(2);
  });

  it('a truncated file is refused and not cached', async () => {
    const { hub, file } = await setup((u) => (u.endsWith(WEIGHTS) ? new Response(new Uint8Array(400)) : null));
    await expect(hub.get(file(WEIGHTS), () => {})).rejects.toThrow(
      'onnx/model_quantized.onnx arrived cut short (400 bytes of 1 kB)'
    );
    expect(await hub.has(file(WEIGHTS))).toBe(false);
  });

  it('a file of the right size with other bytes fails its checksum', async () => {
    const { hub, file } = await setup((u) => (u.endsWith(WEIGHTS) ? new Response(new Uint8Array(1000)) : null));
    await expect(hub.get(file(WEIGHTS), () => {})).rejects.toThrow(/does not match its checksum \(sha256/);
  });

  it('a 404 for a listed file names the file', async () => {
    const { hub, file } = await setup((u) => (u.endsWith(WEIGHTS) ? new Response('', { status: 404 }) : null));
    await expect(hub.get(file(WEIGHTS), () => {})).rejects.toThrow(
      'onnx/model_quantized.onnx of o/m was not found on the Hub (HTTP 404)'
    );
  });

  it('a connection lost mid-body is named with how far it got', async () => {
    const broken = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new Uint8Array(300));
        c.error(new TypeError('network error'));
      }
    });
    const { hub, file } = await setup((u) => (u.endsWith(WEIGHTS) ? new Response(broken) : null));
    const err = await hub.get(file(WEIGHTS), () => {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HubError);
    expect(String(err)).toMatch(/connection was lost while downloading onnx\/model_quantized\.onnx/);
  });

  it('an aborted download is a cancellation, not a failure', async () => {
    const { hub, file } = await setup();
    const abort = new AbortController();
    abort.abort();
    await expect(hub.get(file(WEIGHTS), () => {}, abort.signal)).rejects.toBeInstanceOf(DownloadCancelledError);
  });
});
