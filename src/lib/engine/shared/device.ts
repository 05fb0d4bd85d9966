import {
  F16_DTYPES,
  type BatchGoal,
  type Device,
  type DevicePreference,
  type Dtype,
  type ModelRef,
  type Stepping
} from '../../core/types.ts';

/** The minimal slice of `navigator.gpu` we rely on, so detection can be tested without a browser. */
export interface GpuLike {
  requestAdapter(): Promise<GpuAdapterLike | null>;
}
export interface GpuAdapterLike {
  features: { has(feature: string): boolean };
  /** GPUAdapterInfo; `isFallbackAdapter` is recent, older browsers had it on the adapter itself. */
  info?: { isFallbackAdapter?: boolean; vendor?: string; architecture?: string; description?: string };
  isFallbackAdapter?: boolean;
}

/** What this browser's WebGPU can do: `unavailable` says why it cannot be used at all. */
export interface GpuProbe {
  unavailable: string | null;
  shaderF16: boolean;
  /** The adapter computes on the CPU (SwiftShader, llvmpipe, a fallback adapter): WebGPU without a GPU. */
  software: boolean;
}

const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|lavapipe|softpipe|basic render|microsoft basic|software/i;

/** A fallback adapter, or one whose name is a known CPU renderer (Chromium's SwiftShader says only its name). */
export function isSoftwareAdapter(adapter: GpuAdapterLike): boolean {
  const info = adapter.info;
  if (info?.isFallbackAdapter === true || adapter.isFallbackAdapter === true) return true;
  const names = [info?.vendor, info?.architecture, info?.description].filter((n) => n !== undefined).join(' ');
  return SOFTWARE_RENDERERS.test(names);
}

export async function probeWebGpu(gpu: GpuLike | undefined): Promise<GpuProbe> {
  if (gpu === undefined) return { unavailable: 'this browser has no WebGPU', shaderF16: false, software: false };
  try {
    const adapter = await gpu.requestAdapter();
    if (adapter === null)
      return { unavailable: 'the browser offers no WebGPU adapter', shaderF16: false, software: false };
    return { unavailable: null, shaderF16: adapter.features.has('shader-f16'), software: isSoftwareAdapter(adapter) };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return { unavailable: `requesting a WebGPU adapter failed (${why})`, shaderF16: false, software: false };
  }
}

/** The resolved device: the user's choice when it can run, WASM otherwise (WASM always can). */
export function chooseDevice(preference: DevicePreference, hasWebGpuAdapter: boolean): Device {
  switch (preference) {
    case 'wasm':
      return 'wasm';
    case 'webgpu':
    case 'auto':
      return hasWebGpuAdapter ? 'webgpu' : 'wasm';
  }
}

/**
 * q8 (MatMulInteger) is the fastest WASM path measured here; on WebGPU 4-bit MatMulNBits is the
 * native fast path, then q8, then fp32; f16 weights only where the GPU computes in f16.
 * Returns null when the model ships nothing usable.
 */
export function chooseDtype(device: Device, available: readonly Dtype[], shaderF16 = false): Dtype | null {
  const order: readonly Dtype[] =
    device === 'webgpu'
      ? shaderF16
        ? ['q4f16', 'q4', 'fp16', 'q8', 'fp32']
        : ['q4', 'q8', 'fp32']
      : ['q8', 'fp32', 'q4'];
  return order.find((d) => available.includes(d)) ?? null;
}

export interface BackendChoice {
  device: Device;
  dtype: Dtype;
  /** One sentence per fallback taken, shown to the user. */
  notices: string[];
  /** Why Auto took this device, in a few words for the header; null when the user named the device. */
  why: string | null;
}

/**
 * Whether a model is small enough for the choices below that favour small models (WASM over WebGPU, engine copies):
 * the bundled one (3.6 MB in q8); the Hub's start at tens of megabytes.
 */
export function isSmallModel(model: ModelRef): boolean {
  return model.source === 'bundled';
}

/**
 * What Auto runs on. Measured here (BENCHMARKS.md): on Chromium's software adapter (SwiftShader) WebGPU decoded
 * the bundled model at 1.2–1.4 tokens/s against about 700 on WASM. For a model this small a decode step is
 * bound by per-dispatch overhead, not by arithmetic, and transformers.js users report WASM several times faster
 * than WebGPU on real GPUs too (transformers.js issue #1750); so Auto keeps the small model on WASM and gives
 * WebGPU to Hub models, when the adapter is real hardware.
 */
export function autoDevice(probe: GpuProbe, smallModel: boolean): { device: Device; why: string } {
  if (probe.unavailable !== null) return { device: 'wasm', why: 'no WebGPU here' };
  if (probe.software) return { device: 'wasm', why: 'WebGPU here is software (CPU), ~500× slower' };
  if (smallModel) return { device: 'wasm', why: 'faster than WebGPU for a model this small' };
  return { device: 'webgpu', why: 'a hardware WebGPU adapter' };
}

/**
 * How a request's rows step. Measured (BENCHMARKS.md, "Batching" and "Evaluations as one batch on WASM"): a
 * software adapter computes on the CPU, and there a batch of three did not finish a 16-token run in 400 s (CI), so
 * its rows go in turns. On WASM the three modes as one padded batch were slower than in turns (0.81× with one
 * key/value head; the few-shot prompt pads every row) and q8 gives a row other greedy text in a batch, since a
 * batch shares DynamicQuantizeLinear's activation scale; so the panes go in turns. An evaluation's rows are one
 * mode each, about one length, and there one batch beats turns. A hardware GPU, whose step is bound by dispatch
 * overhead, carries more rows in one batch for about the price of one. Where the device has spare cores, the rows
 * are first spread over copies of the engine (copies.ts); this is how each copy steps the rows it gets.
 */
export function chooseStepping(device: Device, probe: GpuProbe, goal: BatchGoal): Stepping {
  if (device === 'webgpu') return probe.unavailable === null && !probe.software ? 'batch' : 'turns';
  return goal === 'throughput' ? 'batch' : 'turns';
}

/** The stepping for each goal on this backend, as the `ready` reply states it. */
export function steppingFor(device: Device, probe: GpuProbe): Record<BatchGoal, Stepping> {
  return { alone: chooseStepping(device, probe, 'alone'), throughput: chooseStepping(device, probe, 'throughput') };
}

/** Device and dtype for this browser, saying so whenever the user's choice or the best dtype had to give way. */
export function chooseBackend(
  preference: DevicePreference,
  probe: GpuProbe,
  available: readonly Dtype[],
  smallModel = false
): BackendChoice | null {
  const notices: string[] = [];
  const auto = preference === 'auto' ? autoDevice(probe, smallModel) : null;
  const device = auto?.device ?? chooseDevice(preference, probe.unavailable === null);
  if (preference === 'webgpu' && device === 'wasm')
    notices.push(`WebGPU is unavailable (${probe.unavailable}): running on WASM instead.`);
  const dtype = chooseDtype(device, available, probe.shaderF16);
  if (dtype === null) return null;
  const best = chooseDtype(device, available, true);
  if (device === 'webgpu' && best !== null && best !== dtype && F16_DTYPES.includes(best))
    notices.push(`This GPU has no shader-f16: using ${dtype} weights instead of ${best}.`);
  return { device, dtype, notices, why: auto?.why ?? null };
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
    case 'fp16':
      return 'model_fp16.onnx';
    case 'q4f16':
      return 'model_q4f16.onnx';
  }
}

/** The part of a GPUDevice we watch: its `lost` promise settles once, when the device is gone. */
interface LosableDevice {
  lost: Promise<{ reason?: string; message?: string }>;
}

function isLosable(value: unknown): value is LosableDevice {
  return typeof value === 'object' && value !== null && 'lost' in value && value.lost instanceof Promise;
}

/**
 * onnxruntime-web keeps its GPUDevice in `env.webgpu.device` (a promise in some versions) and never
 * reports its loss; a lost device fails every later run, so the caller restarts the engine.
 */
export async function watchDeviceLoss(webgpuEnv: unknown, onLost: (message: string) => void): Promise<void> {
  if (typeof webgpuEnv !== 'object' || webgpuEnv === null || !('device' in webgpuEnv)) return;
  let device: unknown;
  try {
    device = await webgpuEnv.device;
  } catch {
    // No device to watch: the session ran without one, or creating it failed and the load reported that.
    return;
  }
  if (!isLosable(device)) return;
  const info = await device.lost;
  onLost(`the WebGPU device was lost (${info.reason ?? 'unknown'}${info.message ? `: ${info.message}` : ''})`);
}
