import asyncifyWasm from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import asyncifyMjs from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import plainWasm from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import plainMjs from 'onnxruntime-web/ort-wasm-simd-threaded.mjs?url';
import type { Device } from '../../core/types.ts';

export interface OrtFiles {
  wasm: string;
  mjs: string;
  /** The file name the progress bar shows. */
  name: string;
}

/**
 * The onnxruntime-web binary for a device. WebGPU needs the asyncify build (27 MB, 6.7 MB gzipped);
 * the WASM backend runs as well on the plain one (14 MB, 3.7 MB gzipped), which downloads and compiles
 * in about half the time (BENCHMARKS.md, cold load). Served from the app's origin: without explicit
 * paths ORT fetches from a CDN, and with more than one thread a production build hangs.
 */
export function ortFiles(device: Device): OrtFiles {
  switch (device) {
    case 'webgpu':
      return { wasm: asyncifyWasm, mjs: asyncifyMjs, name: 'ort-wasm-simd-threaded.asyncify.wasm' };
    case 'wasm':
      return { wasm: plainWasm, mjs: plainMjs, name: 'ort-wasm-simd-threaded.wasm' };
  }
}
