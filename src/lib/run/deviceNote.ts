import type { DevicePreference } from '../core/types.ts';

const DEVICE_NAMES: Record<DevicePreference, string> = { auto: 'Auto', webgpu: 'WebGPU', wasm: 'WASM' };

/**
 * A device chosen after the last load takes effect only on the next one (a load builds the session for
 * one backend): the note that says so, or null when the choice is the loaded one or nothing has loaded.
 */
export function deviceNote(chosen: DevicePreference, loaded: DevicePreference | null): string | null {
  if (loaded === null || chosen === loaded) return null;
  return `The device choice (${DEVICE_NAMES[chosen]}) applies when you press Reload model.`;
}
