import { describe, expect, it } from 'vitest';
import { deleteAllCachedModels, deleteCachedModel, listCachedModels, modelOfKey } from '$lib/hub/cachedModels.ts';
import { memoryStorage } from './hubFakes.ts';

describe('modelOfKey', () => {
  it('reads a Hub file', () =>
    expect(modelOfKey('https://huggingface.co/onnx-community/Qwen3-0.6B-ONNX/resolve/main/onnx/model_q4.onnx')).toBe(
      'onnx-community/Qwen3-0.6B-ONNX'
    ));
  it("reads the Hub API's file list", () =>
    expect(modelOfKey('https://huggingface.co/api/models/o/m/revision/main?blobs=true')).toBe('o/m'));
  it('reads a bundled file', () =>
    expect(modelOfKey('http://localhost:4173/models/think-small-3m/tokenizer.json')).toBe('think-small-3m'));
  it('ignores anything else', () => expect(modelOfKey('http://localhost:4173/assets/x.js')).toBeNull());
});

describe('the cache, per model', () => {
  async function filled() {
    const s = memoryStorage();
    const put = (url: string, n: number) =>
      s.cache.put(url, new Response(new Uint8Array(n), { headers: { 'content-length': String(n) } }));
    await put('https://hf.test/o/a/resolve/main/config.json', 10);
    await put('https://hf.test/o/a/resolve/main/onnx/model_q4.onnx', 1000);
    await put('https://hf.test/api/models/o/a/revision/main?blobs=true', 5);
    await put('http://app.test/models/think-small-3m/config.json', 7);
    return s;
  }
  it('lists each model with its files and bytes', async () =>
    expect(await listCachedModels(await filled())).toEqual([
      { id: 'o/a', files: 3, bytes: 1015 },
      { id: 'think-small-3m', files: 1, bytes: 7 }
    ]));
  it('deletes one model and leaves the others', async () => {
    const s = await filled();
    expect(await deleteCachedModel(s, 'o/a')).toBe(3);
    expect((await listCachedModels(s)).map((m) => m.id)).toEqual(['think-small-3m']);
  });
  it('deletes all', async () => {
    const s = await filled();
    await deleteAllCachedModels(s);
    expect(await listCachedModels(s)).toEqual([]);
  });
});
