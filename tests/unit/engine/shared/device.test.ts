import { describe, expect, it } from 'vitest';
import {
  chooseBackend,
  chooseDevice,
  chooseDtype,
  chooseStepping,
  chooseThreads,
  dtypeFile,
  isSoftwareAdapter,
  probeWebGpu,
  steppingFor,
  watchDeviceLoss,
  type GpuAdapterLike,
  type GpuProbe
} from '$lib/engine/shared/device.ts';
import { bundledModel } from '$lib/models/bundled.ts';
import { modelFileUrl } from '$lib/engine/shared/modelUrl.ts';

describe('chooseDevice', () => {
  it('auto takes WebGPU when an adapter exists', () => expect(chooseDevice('auto', true)).toBe('webgpu'));
  it('auto falls back to WASM without an adapter', () => expect(chooseDevice('auto', false)).toBe('wasm'));
  it('forced wasm ignores the adapter', () => expect(chooseDevice('wasm', true)).toBe('wasm'));
  it('forced webgpu falls back to WASM without an adapter', () => expect(chooseDevice('webgpu', false)).toBe('wasm'));
  it('forced webgpu with an adapter is webgpu', () => expect(chooseDevice('webgpu', true)).toBe('webgpu'));
});

describe('chooseDtype', () => {
  it('WASM prefers q8', () => expect(chooseDtype('wasm', ['fp32', 'q4', 'q8'])).toBe('q8'));
  it('WASM falls back to fp32 before q4', () => expect(chooseDtype('wasm', ['q4', 'fp32'])).toBe('fp32'));
  it('WASM takes q4 only when it is all there is', () => expect(chooseDtype('wasm', ['q4'])).toBe('q4'));
  it('WebGPU prefers q4 when the model ships it', () => expect(chooseDtype('webgpu', ['q8', 'q4', 'fp32'])).toBe('q4'));
  it('WebGPU falls back to q8', () => expect(chooseDtype('webgpu', ['q8', 'fp32'])).toBe('q8'));
  it('WebGPU falls back to fp32', () => expect(chooseDtype('webgpu', ['fp32'])).toBe('fp32'));
  it('nothing available gives null', () => expect(chooseDtype('wasm', [])).toBeNull());
  it('WebGPU with shader-f16 prefers q4f16', () =>
    expect(chooseDtype('webgpu', ['q4f16', 'q4', 'fp16', 'q8'], true)).toBe('q4f16'));
  it('WebGPU without shader-f16 never picks an f16 dtype', () => {
    expect(chooseDtype('webgpu', ['q4f16', 'q4'], false)).toBe('q4');
    expect(chooseDtype('webgpu', ['fp16', 'q4f16'], false)).toBeNull();
  });
});

const gpuOk: GpuProbe = { unavailable: null, shaderF16: true, software: false };
const gpuNoF16: GpuProbe = { unavailable: null, shaderF16: false, software: false };
const noGpu: GpuProbe = { unavailable: 'the browser offers no WebGPU adapter', shaderF16: false, software: false };
const softGpu: GpuProbe = { unavailable: null, shaderF16: false, software: true };

describe('chooseBackend', () => {
  it('auto without WebGPU runs WASM quietly (nothing was promised)', () =>
    expect(chooseBackend('auto', noGpu, ['q8', 'q4'])).toEqual({
      device: 'wasm',
      dtype: 'q8',
      notices: [],
      why: 'no WebGPU here'
    }));
  it('webgpu without an adapter falls back to WASM and says why', () => {
    const c = chooseBackend('webgpu', noGpu, ['q8', 'q4']);
    expect(c?.device).toBe('wasm');
    expect(c?.dtype).toBe('q8');
    expect(c?.notices).toEqual([
      'WebGPU is unavailable (the browser offers no WebGPU adapter): running on WASM instead.'
    ]);
  });
  it('no shader-f16 takes a non-f16 dtype and says so', () => {
    const c = chooseBackend('webgpu', gpuNoF16, ['q4f16', 'q4', 'q8']);
    expect(c).toEqual({
      device: 'webgpu',
      dtype: 'q4',
      notices: ['This GPU has no shader-f16: using q4 weights instead of q4f16.'],
      why: null
    });
  });
  it('no notice when the model ships no f16 weights anyway', () =>
    expect(chooseBackend('webgpu', gpuNoF16, ['q8', 'q4', 'fp32'])?.notices).toEqual([]));
  it('shader-f16 present takes the f16 weights', () =>
    expect(chooseBackend('auto', gpuOk, ['q4f16', 'q4'])?.dtype).toBe('q4f16'));
  it('null when nothing fits', () => expect(chooseBackend('webgpu', gpuNoF16, ['fp16'])).toBeNull());
  it('auto never takes a software (CPU) adapter: WASM, and the header says why', () => {
    const c = chooseBackend('auto', softGpu, ['q8', 'q4']);
    expect(c?.device).toBe('wasm');
    expect(c?.dtype).toBe('q8');
    expect(c?.why).toMatch(/software \(CPU\)/);
    expect(c?.notices).toEqual([]);
  });
  it('auto keeps the small bundled model on WASM even with a hardware adapter', () => {
    const c = chooseBackend('auto', gpuOk, ['q8', 'q4'], true);
    expect(c?.device).toBe('wasm');
    expect(c?.why).toMatch(/model this small/);
  });
  it('auto gives a Hub model the hardware adapter', () => {
    const c = chooseBackend('auto', gpuOk, ['q4f16', 'q4'], false);
    expect(c?.device).toBe('webgpu');
    expect(c?.why).toBe('a hardware WebGPU adapter');
  });
  it('a named device has no auto reason', () => expect(chooseBackend('wasm', gpuOk, ['q8'])?.why).toBeNull());
  it('a software adapter asked for by name is not second-guessed', () =>
    expect(chooseBackend('webgpu', softGpu, ['q8', 'q4'])?.notices).toEqual([]));
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
    expect(dtypeFile('fp16')).toBe('model_fp16.onnx');
    expect(dtypeFile('q4f16')).toBe('model_q4f16.onnx');
  });
});

const adapter = (features: string[], info?: GpuAdapterLike['info']): GpuAdapterLike => ({
  features: new Set(features),
  ...(info === undefined ? {} : { info })
});

describe('probeWebGpu', () => {
  it('no navigator.gpu', async () =>
    expect(await probeWebGpu(undefined)).toEqual({
      unavailable: 'this browser has no WebGPU',
      shaderF16: false,
      software: false
    }));
  it('a null adapter', async () =>
    expect(await probeWebGpu({ requestAdapter: () => Promise.resolve(null) })).toEqual({
      unavailable: 'the browser offers no WebGPU adapter',
      shaderF16: false,
      software: false
    }));
  it('requestAdapter throwing', async () =>
    expect((await probeWebGpu({ requestAdapter: () => Promise.reject(new Error('blocked')) })).unavailable).toBe(
      'requesting a WebGPU adapter failed (blocked)'
    ));
  it('an adapter without shader-f16', async () =>
    expect(await probeWebGpu({ requestAdapter: () => Promise.resolve(adapter([])) })).toEqual({
      unavailable: null,
      shaderF16: false,
      software: false
    }));
  it('an adapter with shader-f16', async () =>
    expect((await probeWebGpu({ requestAdapter: () => Promise.resolve(adapter(['shader-f16'])) })).shaderF16).toBe(
      true
    ));
});

describe('isSoftwareAdapter', () => {
  it('trusts isFallbackAdapter, on the info or (older browsers) on the adapter', () => {
    expect(isSoftwareAdapter(adapter([], { isFallbackAdapter: true }))).toBe(true);
    expect(isSoftwareAdapter({ ...adapter([]), isFallbackAdapter: true })).toBe(true);
  });
  it('knows CPU renderers by name', () => {
    expect(isSoftwareAdapter(adapter([], { vendor: 'google', architecture: 'swiftshader' }))).toBe(true);
    expect(isSoftwareAdapter(adapter([], { description: 'llvmpipe (LLVM 15.0.7, 256 bits)' }))).toBe(true);
  });
  it('leaves real GPUs and silent adapters alone', () => {
    expect(isSoftwareAdapter(adapter([], { vendor: 'nvidia', architecture: 'ampere', isFallbackAdapter: false }))).toBe(
      false
    );
    expect(isSoftwareAdapter(adapter([]))).toBe(false);
  });
});

describe('chooseStepping', () => {
  const probe = (software: boolean, unavailable: string | null = null): GpuProbe => ({
    unavailable,
    shaderF16: false,
    software
  });
  it("steps the panes' rows as one batch on a hardware GPU only, in turns on the CPU and on a software adapter", () => {
    expect(chooseStepping('webgpu', probe(false), 'alone')).toBe('batch');
    expect(chooseStepping('webgpu', probe(true), 'alone')).toBe('turns');
    expect(chooseStepping('wasm', probe(false), 'alone')).toBe('turns');
    expect(chooseStepping('wasm', probe(false, 'this browser has no WebGPU'), 'alone')).toBe('turns');
  });

  it("steps an evaluation's rows as one batch on WASM and a hardware GPU, never on a software adapter", () => {
    expect(chooseStepping('wasm', probe(false), 'throughput')).toBe('batch');
    expect(chooseStepping('wasm', probe(false, 'this browser has no WebGPU'), 'throughput')).toBe('batch');
    expect(chooseStepping('webgpu', probe(false), 'throughput')).toBe('batch');
    expect(chooseStepping('webgpu', probe(true), 'throughput')).toBe('turns');
  });

  it('states both goals for the ready reply', () => {
    expect(steppingFor('wasm', probe(false))).toEqual({ alone: 'turns', throughput: 'batch' });
    expect(steppingFor('webgpu', probe(true))).toEqual({ alone: 'turns', throughput: 'turns' });
  });
});

describe('watchDeviceLoss', () => {
  it('reports a lost device once, with its reason', async () => {
    const lost: string[] = [];
    const device = { lost: Promise.resolve({ reason: 'unknown', message: 'GPU process crashed' }) };
    await watchDeviceLoss({ device: Promise.resolve(device) }, (m) => lost.push(m));
    expect(lost).toEqual(['the WebGPU device was lost (unknown: GPU process crashed)']);
  });
  it('ignores an environment without a device', async () => {
    const lost: string[] = [];
    await watchDeviceLoss({}, (m) => lost.push(m));
    await watchDeviceLoss(undefined, (m) => lost.push(m));
    await watchDeviceLoss({ device: Promise.reject(new Error('no device')) }, (m) => lost.push(m));
    expect(lost).toEqual([]);
  });
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
