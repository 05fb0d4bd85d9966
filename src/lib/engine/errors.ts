/** Named errors: the worker sends `{ name, message }`, the client rebuilds the right class. */

export class EngineError extends Error {
  override name = 'EngineError';
}

/** A model file is missing or unreadable from the app's origin. */
export class ModelLoadError extends EngineError {
  override name = 'ModelLoadError';
}

/** The chosen backend (WebGPU or WASM) could not create a session or run. */
export class BackendError extends EngineError {
  override name = 'BackendError';
}

/** A generate arrived before a successful load. */
export class NotReadyError extends EngineError {
  override name = 'NotReadyError';
}

/** A second generate arrived while one was running; the engine never runs two at once. */
export class BusyError extends EngineError {
  override name = 'BusyError';
}

export class GenerationError extends EngineError {
  override name = 'GenerationError';
}

/** The worker itself failed (script error, crashed, or terminated). */
export class WorkerCrashedError extends EngineError {
  override name = 'WorkerCrashedError';
}

const BY_NAME = {
  EngineError,
  ModelLoadError,
  BackendError,
  NotReadyError,
  BusyError,
  GenerationError,
  WorkerCrashedError
} as const;

export type EngineErrorName = keyof typeof BY_NAME;

export function isEngineErrorName(name: string): name is EngineErrorName {
  return Object.hasOwn(BY_NAME, name);
}

/** Rebuild a named error from the wire; unknown names become a plain EngineError keeping the name in the message. */
export function errorFromWire(name: string, message: string): EngineError {
  if (isEngineErrorName(name)) return new BY_NAME[name](message);
  return new EngineError(`${name}: ${message}`);
}

export function toWire(err: unknown): { name: string; message: string } {
  if (err instanceof Error) return { name: err.name, message: err.message };
  return { name: 'EngineError', message: String(err) };
}
