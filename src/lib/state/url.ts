import { DEVICE_PREFERENCES, type DevicePreference } from '../engine/protocol.ts';

/** `?device=wasm|webgpu|auto` lets a shared link (or a test) pin the backend. */
export function devicePreferenceFromSearch(search: string): DevicePreference {
  const value = new URLSearchParams(search).get('device');
  return DEVICE_PREFERENCES.find((d) => d === value) ?? 'auto';
}
