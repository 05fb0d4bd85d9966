import { describe, expect, it } from 'vitest';
import {
  chooseDevice,
  chooseDtype,
  chooseThreads,
  dtypeFile,
  hasWebGpuAdapter
} from '../../../src/lib/engine/device.ts';
import { bundledModel, modelFileUrl } from '../../../src/lib/engine/model.ts';

describe('chooseDevice', () => {
  it('auto takes WebGPU when an adapter exists', () => expect(chooseDevice('auto', true)).toBe('webgpu'));
  it('auto falls back to WASM without an adapter', () => expect(chooseDevice('auto', false)).toBe('wasm'));
  it('forced wasm ignores the adapter', () => expect(chooseDevice('wasm', true)).toBe('wasm'));
  it('forced webgpu stays webgpu (the runtime reports the missing adapter)', () =>
    expect(chooseDevice('webgpu', false)).toBe('webgpu'));
});

describe('chooseDtype', () => {
  it('WASM prefers q8', () => expect(chooseDtype('wasm', ['fp32', 'q4', 'q8'])).toBe('q8'));
  it('WASM falls back to fp32 before q4', () => expect(chooseDtype('wasm', ['q4', 'fp32'])).toBe('fp32'));
  it('WASM takes q4 only when it is all there is', () => expect(chooseDtype('wasm', ['q4'])).toBe('q4'));
  it('WebGPU prefers q4 when the model ships it', () => expect(chooseDtype('webgpu', ['q8', 'q4', 'fp32'])).toBe('q4'));
  it('WebGPU falls back to q8', () => expect(chooseDtype('webgpu', ['q8', 'fp32'])).toBe('q8'));
  it('WebGPU falls back to fp32', () => expect(chooseDtype('webgpu', ['fp32'])).toBe('fp32'));
  it('nothing available gives null', () => expect(chooseDtype('wasm', [])).toBeNull());
});

describe('chooseThreads', () => {
  it('two threads when cross-origin isolated with four cores or more', () => {
    expect(chooseThreads(true, 4)).toBe(2);
    expect(chooseThreads(true, 16)).toBe(2);
  });
  it('one thread on two cores, where a second one slows decoding down', () => expect(chooseThreads(true, 2)).toBe(1));
  it('one thread without cross-origin isolation, whatever is asked', () => {
    expect(chooseThreads(false, 8)).toBe(1);
    expect(chooseThreads(false, 8, 2)).toBe(1);
  });
  it('a requested count wins, whole, at least one, at most the cores (two allowed on any)', () => {
    expect(chooseThreads(true, 2, 2)).toBe(2);
    expect(chooseThreads(true, 8, 1)).toBe(1);
    expect(chooseThreads(true, 4, 8)).toBe(4);
    expect(chooseThreads(true, 2, 0)).toBe(1);
    expect(chooseThreads(true, 2, 1.7)).toBe(1);
  });
});

describe('dtypeFile', () => {
  it('maps to the transformers.js file names', () => {
    expect(dtypeFile('fp32')).toBe('model.onnx');
    expect(dtypeFile('q8')).toBe('model_quantized.onnx');
    expect(dtypeFile('q4')).toBe('model_q4.onnx');
  });
});

describe('hasWebGpuAdapter', () => {
  it('false without navigator.gpu', async () => expect(await hasWebGpuAdapter(undefined)).toBe(false));
  it('false when requestAdapter gives null', async () =>
    expect(await hasWebGpuAdapter({ requestAdapter: () => Promise.resolve(null) })).toBe(false));
  it('false when requestAdapter throws', async () =>
    expect(await hasWebGpuAdapter({ requestAdapter: () => Promise.reject(new Error('no')) })).toBe(false));
  it('true with an adapter', async () =>
    expect(await hasWebGpuAdapter({ requestAdapter: () => Promise.resolve({}) })).toBe(true));
});

describe('bundledModel', () => {
  it('serves from the app origin under /models/', () => {
    const m = bundledModel('http://localhost:4173', '/');
    expect(m.baseUrl).toBe('http://localhost:4173/models/');
    expect(modelFileUrl(m, 'onnx/model_quantized.onnx')).toBe(
      'http://localhost:4173/models/think-small-3m/onnx/model_quantized.onnx'
    );
  });
  it('respects a base path', () =>
    expect(bundledModel('https://x.org', '/app').baseUrl).toBe('https://x.org/app/models/'));
});
