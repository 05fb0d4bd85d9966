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

/**
 * The engine's wasm instance aborted or its WebGPU device was lost: the worker is alive but can never
 * run again, so the client treats it as a crash and starts a fresh worker.
 */
export class EngineFatalError extends EngineError {
  override name = 'EngineFatalError';
}

/** A request that was still pending when the model was reloaded; not a failure, nothing to report as one. */
export class CancelledError extends EngineError {
  override name = 'CancelledError';
}

/** The prompt plus the requested new tokens do not fit the model's context; found before generating. */
export class PromptTooLongError extends EngineError {
  override name = 'PromptTooLongError';
}

/** A model file's bytes differ from the sha256 in the model's manifest.json (or it has none). */
export class IntegrityError extends EngineError {
  override name = 'IntegrityError';
}

const BY_NAME = {
  EngineError,
  ModelLoadError,
  BackendError,
  NotReadyError,
  BusyError,
  GenerationError,
  WorkerCrashedError,
  EngineFatalError,
  CancelledError,
  PromptTooLongError,
  IntegrityError
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

/**
 * What a wasm abort or a lost GPU looks like once onnxruntime-web has turned it into an exception:
 * `RuntimeError: Aborted(...)`, `unreachable`, out-of-bounds memory, or a WebGPU device-lost message.
 */
const FATAL_MESSAGE = /\bAborted\(|\bunreachable\b|memory access out of bounds|out of memory|device (?:was |is )?lost/i;

export function isFatal(err: unknown): boolean {
  if (typeof WebAssembly !== 'undefined' && err instanceof WebAssembly.RuntimeError) return true;
  return err instanceof Error ? FATAL_MESSAGE.test(err.message) : FATAL_MESSAGE.test(String(err));
}

/** A failed generation: fatal ones restart the worker, the rest are reported on the run. */
export function generationFailure(err: unknown): EngineError {
  const message = err instanceof Error ? err.message : String(err);
  return isFatal(err) ? new EngineFatalError(message) : new GenerationError(message);
}

export function toWire(err: unknown): { name: string; message: string } {
  if (err instanceof Error) return { name: err.name, message: err.message };
  return { name: 'EngineError', message: String(err) };
}

/**
 * An error in words for a pane or an evaluation record: never a class name ("PromptTooLongError: …"),
 * the engine's messages are sentences already; a crash says what happened before the browser's text.
 */
export function userMessage(err: unknown): string {
  if (err instanceof WorkerCrashedError) return `The engine stopped (${err.message}); it restarts on its own.`;
  if (err instanceof EngineFatalError) return `The engine failed (${err.message}); it restarts on its own.`;
  return err instanceof Error ? err.message : String(err);
}
