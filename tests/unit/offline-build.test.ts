import { describe, expect, it } from 'vitest';
import { isPrecached, precacheOf, tagRegisterScript } from '../../scripts/offline.ts';

const files = [
  { path: 'index.html', bytes: '<html>' },
  { path: 'assets/index-abc.js', bytes: 'code' },
  { path: 'models/m/onnx/model_q8.onnx', bytes: new Uint8Array([1, 2, 3]) },
  { path: 'models/m/tokenizer.json', bytes: '{}' },
  { path: 'assets/ort-wasm-simd-threaded-x1.wasm', bytes: 'plain' },
  { path: 'assets/ort-wasm-simd-threaded.asyncify-x2.mjs', bytes: 'asyncify' }
];

describe('the offline copy of a build', () => {
  it('stores the app and the small model files on install, not the weights', () =>
    expect(precacheOf(files).files).toEqual(['assets/index-abc.js', './', 'models/m/tokenizer.json']));

  it('leaves the ONNX Runtime builds for the page to ask for, one of them', () =>
    expect(precacheOf(files).onDemand).toEqual([
      'assets/ort-wasm-simd-threaded-x1.wasm',
      'assets/ort-wasm-simd-threaded.asyncify-x2.mjs'
    ]));

  it('keeps weights, source maps and its own list out', () => {
    expect(isPrecached('models/m/onnx/model.onnx')).toBe(false);
    expect(isPrecached('models/m/onnx/model.onnx_data')).toBe(false);
    expect(isPrecached('assets/index-abc.js.map')).toBe(false);
    expect(isPrecached('precache.json')).toBe(false);
    expect(isPrecached('models/m/manifest.json')).toBe(true);
  });

  it('names the build by its stored bytes, whatever order the files come in', () => {
    const a = precacheOf(files).build;
    expect(precacheOf([...files].reverse()).build).toBe(a);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
  });

  it('gets a new name when any stored byte changes, and keeps it when only the weights change', () => {
    const a = precacheOf(files).build;
    const edited = files.map((f) => (f.path === 'models/m/tokenizer.json' ? { ...f, bytes: '{ }' } : f));
    expect(precacheOf(edited).build).not.toBe(a);
    // The weights' sha256 sums are in manifest.json, a stored file: that is how a new export shows up.
    const reweighted = files.map((f) => (f.path.endsWith('.onnx') ? { ...f, bytes: new Uint8Array([9]) } : f));
    expect(precacheOf(reweighted).build).toBe(a);
  });

  it('does not mistake a moved file for the same build', () => {
    const moved = files.map((f) => (f.path === 'assets/index-abc.js' ? { ...f, path: 'assets/index-abd.js' } : f));
    expect(precacheOf(moved).build).not.toBe(precacheOf(files).build);
  });

  it('tags the register script with the build id', () =>
    expect(tagRegisterScript('<head><script src="/coi-register.js"></script></head>', 'abc123')).toBe(
      '<head><script src="/coi-register.js" data-build="abc123"></script></head>'
    ));

  it('fails the build when index.html lost the register script', () =>
    expect(() => tagRegisterScript('<head></head>', 'abc')).toThrow(/coi-register/));
});
