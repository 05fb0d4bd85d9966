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

/** ORT threads need SharedArrayBuffer, which only a cross-origin isolated page has; `max` can only lower the count. */
export function chooseThreads(crossOriginIsolated: boolean, max = 2): number {
  return Math.max(1, Math.min(crossOriginIsolated ? 2 : 1, Math.floor(max)));
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
