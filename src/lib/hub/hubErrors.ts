import { EngineError } from '../engine/shared/errors.ts';

/**
 * A Hub model cannot be fetched or run: unreachable, not found, gated, not a transformers.js ONNX
 * model, a download cut short. The message says which, in words for the user.
 */
export class HubError extends EngineError {
  override name = 'HubError';
}

/** The user cancelled a download. */
export class DownloadCancelledError extends EngineError {
  override name = 'DownloadCancelledError';
}
