import type { Device, DevicePreference, Dtype } from './protocol.ts';

/** The resolved device: the user's override wins, `auto` takes WebGPU only when an adapter exists. */
export function chooseDevice(preference: DevicePreference, hasWebGpuAdapter: boolean): Device {
  switch (preference) {
    case 'webgpu':
      return 'webgpu';
    case 'wasm':
      return 'wasm';
    case 'auto':
      return hasWebGpuAdapter ? 'webgpu' : 'wasm';
  }
}

/**
 * q8 (MatMulInteger) is the fastest WASM path measured here; on WebGPU 4-bit MatMulNBits is the
 * native fast path, then q8, then fp32. Returns null when the model ships nothing usable.
 */
export function chooseDtype(device: Device, available: readonly Dtype[]): Dtype | null {
  const order: readonly Dtype[] = device === 'webgpu' ? ['q4', 'q8', 'fp32'] : ['q8', 'fp32', 'q4'];
  return order.find((d) => available.includes(d)) ?? null;
}

/**
 * ORT's WASM threads. More than one needs SharedArrayBuffer, which only a cross-origin isolated page
 * has. A second thread only pays when it has a core to itself: a decode step of this model is ~70 small
 * matrix products, too little to split, and the pool's waiting thread competes with the worker for the
 * cores; with 2 cores and other work running, 2 threads decoded at half the speed of 1 (BENCHMARKS.md).
 * `requested` (the benchmark's 1 and 2) overrides the default, within what the page allows.
 */
export function chooseThreads(crossOriginIsolated: boolean, cores: number, requested?: number): number {
  if (!crossOriginIsolated) return 1;
  if (requested !== undefined) return Math.max(1, Math.min(Math.floor(requested), Math.max(cores, 2)));
  return cores >= 4 ? 2 : 1;
}

/** The file name transformers.js looks for under `onnx/` for each dtype. */
export function dtypeFile(dtype: Dtype): string {
  switch (dtype) {
    case 'fp32':
      return 'model.onnx';
    case 'q8':
      return 'model_quantized.onnx';
    case 'q4':
      return 'model_q4.onnx';
  }
}

/** The minimal slice of `navigator.gpu` we rely on, so detection can be tested without a browser. */
export interface GpuLike {
  requestAdapter(): Promise<unknown>;
}

export async function hasWebGpuAdapter(gpu: GpuLike | undefined): Promise<boolean> {
  if (gpu === undefined) return false;
  try {
    return (await gpu.requestAdapter()) != null;
  } catch {
    return false;
  }
}
